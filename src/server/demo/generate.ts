// Deterministic demo and bench data: the same seed, size and "as of" date give the same rows.
// Each account draws from its own generator, so chunking does not change the output.
// Statements satisfy closing = opening + charged + recalculation − benefit + penalties − paid, where
// `paid` is the sum of the payments made during the statement's month, and each charged volume of a
// metered service is the difference of two consecutive meter readings.
import { createHash } from 'node:crypto';
import { multiplyToKopecks } from '../../shared/money.ts';
import { addMonths, listPeriods, type Period, periodInTimeZone } from '../../shared/period.ts';
import type { PaymentSource } from '../db/schema.ts';
import {
  FEMALE_NAMES,
  HOUSING_SERVICES,
  INDEXATION_PERCENT,
  ISP_SERVICES,
  MALE_NAMES,
  PATRONYMICS,
  type ServiceDefinition,
  STREETS,
  SURNAMES,
} from './catalog.ts';
import { Random } from './random.ts';

export interface DemoOptions {
  accounts: number;
  seed: number;
  /** The demo's "today": statements run to the month before it, payments up to the day before it. */
  asOf: Date;
}

export const HOUSING_ACCOUNTS_PER_BUILDING = 60;
export const ISP_ACCOUNTS_PER_BUILDING = 80;
/** Penalty base for the demo (ключевая ставка, % a year); real rate is a parameter of the penalty rules. */
const KEY_RATE_PERCENT = 16.5;
// Moscow has kept UTC+3 all year since 2014; payment times are made in local hours.
const MOSCOW_OFFSET_HOURS = 3;

export type OrganizationKey = 'housing' | 'isp';
type Behaviour = 'on_time' | 'late' | 'debtor' | 'overpay';

export interface DemoAccount {
  index: number;
  id: string;
  organization: OrganizationKey;
  number: string;
  buildingIndex: number;
  premises: { id: string; number: string; area: string; residents: number };
  holderName: string;
  behaviour: Behaviour;
  user: { id: string; email: string; name: string } | null;
  charges: {
    period: string;
    serviceCode: string;
    volume: string | null;
    tariff: string;
    amount: number;
    recalculation: number;
    benefit: number;
    total: number;
  }[];
  statements: {
    period: string;
    opening: number;
    charged: number;
    recalculation: number;
    benefit: number;
    penalties: number;
    paid: number;
    closing: number;
    dueDate: string;
  }[];
  payments: { id: string; amount: number; source: PaymentSource; paidAt: Date }[];
  meters: {
    id: string;
    resource: 'cold_water' | 'hot_water' | 'electricity';
    serialNumber: string;
    registers: number;
    registerNames: string[] | null;
    digits: number;
    installedAt: string;
    verifiedUntil: string;
    readings: {
      submissionId: string;
      register: number;
      period: string;
      value: string;
      submittedAt: Date;
      /** 'estimated': the subscriber gave none and the organization charged by the average. */
      source: 'subscriber' | 'estimated';
    }[];
  }[];
}

/** Both demo organizations keep Moscow time, the column default. */
const DEMO_TIME_ZONE = 'Europe/Moscow';

export function demoPeriods(asOf: Date): Period[] {
  const last = addMonths(periodInTimeZone(asOf, DEMO_TIME_ZONE), -1);
  return listPeriods(addMonths(last, -11), last);
}

/** The accounts that belong to the demo subscriber: two at the management company and one at the ISP. */
export const DEMO_SUBSCRIBER_ACCOUNT_INDEXES = [0, 1, 4];

export function organizationOf(index: number): OrganizationKey {
  return index % 5 === 4 ? 'isp' : 'housing';
}

/** Position of the account among its organization's accounts. */
export function indexWithinOrganization(index: number): number {
  const fives = Math.floor(index / 5);
  return organizationOf(index) === 'isp' ? fives : fives * 4 + (index % 5);
}

export function buildingCount(accounts: number, organization: OrganizationKey): number {
  let count = 0;
  for (let i = 0; i < accounts; i++) if (organizationOf(i) === organization) count++;
  const perBuilding = organization === 'housing' ? HOUSING_ACCOUNTS_PER_BUILDING : ISP_ACCOUNTS_PER_BUILDING;
  return Math.max(1, Math.ceil(count / perBuilding));
}

export function buildingAddress(organization: OrganizationKey, buildingIndex: number): string {
  const streets = organization === 'housing' ? STREETS : [...STREETS].reverse();
  const street = streets[buildingIndex % streets.length]!;
  const house = Math.floor(buildingIndex / streets.length) + 1 + (organization === 'isp' ? 100 : 0);
  return `г. Рязань, ${street}, д. ${house}`;
}

export function tariffFor(service: ServiceDefinition, period: Period, periods: readonly Period[]): string {
  const indexed = periods.some((p) => p <= period && p.endsWith('-07'));
  if (!indexed) return service.price;
  const scale = 1_000_000n;
  const [whole, fraction = ''] = service.price.split('.');
  const micro = BigInt(whole!) * scale + BigInt(fraction.padEnd(6, '0'));
  // price × (1 + percent/100), rounded to kopecks like real tariff decisions
  const raisedMicro = (micro * BigInt(Math.round((100 + INDEXATION_PERCENT) * 10))) / 1000n;
  const kopecks = (raisedMicro + 5000n) / 10000n;
  return `${kopecks / 100n}.${String(kopecks % 100n).padStart(2, '0')}`;
}

/** Tariff rows: the base price from the first period, the indexed one from each July in range. */
export function tariffRows(services: ServiceDefinition[], periods: readonly Period[]) {
  const starts = [periods[0]!, ...periods.filter((p) => p.endsWith('-07') && p !== periods[0])];
  return services.flatMap((service) =>
    starts.map((period) => ({
      serviceCode: service.code,
      validFrom: `${period}-01`,
      price: tariffFor(service, period, periods),
    })),
  );
}

const HEATING_SEASON: Record<string, number> = {
  '01': 1.25,
  '02': 1.15,
  '03': 0.95,
  '04': 0.6,
  '10': 0.55,
  '11': 0.9,
  '12': 1.15,
};

export function generateAccount(options: DemoOptions, index: number): DemoAccount {
  const random = new Random(options.seed).fork(index + 1);
  const organization = organizationOf(index);
  const within = indexWithinOrganization(index);
  const periods = demoPeriods(options.asOf);
  const isHousing = organization === 'housing';
  const perBuilding = isHousing ? HOUSING_ACCOUNTS_PER_BUILDING : ISP_ACCOUNTS_PER_BUILDING;
  const female = random.chance(0.55);
  const surname = random.pick(SURNAMES)[female ? 1 : 0];
  const firstName = random.pick(female ? FEMALE_NAMES : MALE_NAMES);
  const patronymic = random.pick(PATRONYMICS)[female ? 1 : 0];
  const holderName = `${surname} ${firstName} ${patronymic}`;
  const area = Math.max(24, Math.round(random.around(54, 22) * 10) / 10).toFixed(1);
  const residents = random.integer(1, 4);
  const behaviour = forcedBehaviour(index) ?? pickBehaviour(random);

  const account: DemoAccount = {
    index,
    id: random.uuid(),
    organization,
    number: isHousing ? String(1_000_000 + within).padStart(10, '0') : `ST-${String(10_000 + within)}`,
    buildingIndex: Math.floor(within / perBuilding),
    premises: { id: random.uuid(), number: String((within % perBuilding) + 1), area, residents },
    holderName,
    behaviour,
    user: null,
    charges: [],
    statements: [],
    payments: [],
    meters: [],
  };

  if (!DEMO_SUBSCRIBER_ACCOUNT_INDEXES.includes(index) && random.chance(0.6)) {
    account.user = {
      id: random.uuid(),
      email: `user${index}@abonent.local`,
      name: `${firstName} ${surname}`,
    };
  }

  const volumes = isHousing ? housingVolumes(random, account, periods) : null;
  const ispServices = isHousing ? [] : pickIspServices(random);
  const hasBenefit = isHousing && random.chance(0.1);

  for (const period of periods) {
    const lines = isHousing
      ? HOUSING_SERVICES.flatMap((service) => {
          const volume = volumes!.get(period)!.get(service.code);
          return volume === undefined ? [] : [{ service, volume }];
        })
      : ispServices.map((service) => ({ service, volume: null as string | null }));
    for (const { service, volume } of lines) {
      const tariff = tariffFor(service, period, periods);
      const amount = multiplyToKopecks(volume ?? '1', tariff);
      const benefit =
        hasBenefit && (service.code === 'maintenance' || service.code === 'capital_repair')
          ? Math.round(amount / 2)
          : 0;
      const recalculation =
        service.code === 'hot_water' && random.chance(0.04) ? -Math.round(amount * 0.3) : 0;
      account.charges.push({
        period,
        serviceCode: service.code,
        volume,
        tariff,
        amount,
        recalculation,
        benefit,
        total: amount + recalculation - benefit,
      });
    }
  }

  buildStatementsAndPayments(random, account, periods, options.asOf, isHousing ? 10 : 5);
  return account;
}

function forcedBehaviour(index: number): Behaviour | null {
  // The demo subscriber sees one account with a due amount, one with an advance, and a prepaid ISP contract.
  if (index === 0) return 'late';
  if (index === 1) return 'overpay';
  if (index === 4) return 'on_time';
  return null;
}

function pickBehaviour(random: Random): Behaviour {
  const roll = random.next();
  if (roll < 0.72) return 'on_time';
  if (roll < 0.85) return 'late';
  if (roll < 0.93) return 'debtor';
  return 'overpay';
}

function pickIspServices(random: Random): ServiceDefinition[] {
  const services = [random.chance(0.6) ? ISP_SERVICES[0]! : ISP_SERVICES[1]!];
  if (random.chance(0.4)) services.push(random.chance(0.7) ? ISP_SERVICES[2]! : ISP_SERVICES[3]!);
  return services;
}

/** Meter readings for every period (and the one before the first), and the volumes they imply. */
function housingVolumes(
  random: Random,
  account: DemoAccount,
  periods: Period[],
): Map<Period, Map<string, string>> {
  const { residents } = account.premises;
  const area = account.premises.area;
  const first = periods[0]!;
  const installedAt = `${addMonths(first, -random.integer(12, 40))}-${String(random.integer(1, 28)).padStart(2, '0')}`;
  const verifiedYears = (resource: string) =>
    resource === 'hot_water' ? 4 : resource === 'cold_water' ? 6 : 16;
  const meter = (
    resource: 'cold_water' | 'hot_water' | 'electricity',
    registers: number,
    digits: number,
  ): DemoAccount['meters'][number] => ({
    id: random.uuid(),
    resource,
    serialNumber: `${resource === 'electricity' ? 'ЭМ' : resource === 'hot_water' ? 'ГВ' : 'ХВ'}-${random.integer(1_000_000, 9_999_999)}`,
    registers,
    registerNames: registers === 2 ? ['day', 'night'] : null,
    digits,
    installedAt,
    verifiedUntil: `${Number(installedAt.slice(0, 4)) + verifiedYears(resource)}${installedAt.slice(4)}`,
    readings: [],
  });
  const cold = meter('cold_water', 1, 5);
  const hot = meter('hot_water', 1, 5);
  const electricity = meter('electricity', 2, 6);
  account.meters.push(cold, hot, electricity);

  let coldValue = random.integer(80, 900);
  let hotValue = random.integer(40, 500);
  let dayValue = random.integer(2000, 30000);
  let nightValue = random.integer(800, 12000);
  const before = addMonths(first, -1);
  const record = (target: DemoAccount['meters'][number], register: number, period: Period, value: number) => {
    const day = 15 + random.integer(0, 10);
    const submittedAt = new Date(
      Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)) - 1, day, 9 + random.integer(0, 11)),
    );
    // Registers of one meter are read together: one submission (its id derived, not drawn, so the
    // random sequence — and every other demo figure — stays as it was).
    const sameVisit = target.readings.find((reading) => reading.period === period);
    target.readings.push({
      submissionId: sameVisit?.submissionId ?? derivedUuid(`${target.id}:${period}`),
      register,
      period,
      value: String(value),
      submittedAt: sameVisit?.submittedAt ?? submittedAt,
      // Every sixth account missed one hot-water reading four months ago (no random draw, so the
      // rest of the demo stays as it was).
      source:
        account.index % 6 === 1 && target === hot && period === periods.at(-4) ? 'estimated' : 'subscriber',
    });
  };
  record(cold, 1, before, coldValue);
  record(hot, 1, before, hotValue);
  record(electricity, 1, before, dayValue);
  record(electricity, 2, before, nightValue);

  const result = new Map<Period, Map<string, string>>();
  for (const period of periods) {
    const coldVolume = Math.round(random.around(residents * 3.3, 2));
    const hotVolume = Math.round(random.around(residents * 1.9, 1.2));
    const dayVolume = Math.round(random.around(70 + residents * 38, 30));
    const nightVolume = Math.round(dayVolume * (0.3 + random.next() * 0.15));
    coldValue += coldVolume;
    hotValue += hotVolume;
    dayValue += dayVolume;
    nightValue += nightVolume;
    record(cold, 1, period, coldValue);
    record(hot, 1, period, hotValue);
    record(electricity, 1, period, dayValue);
    record(electricity, 2, period, nightValue);

    const volumes = new Map<string, string>([
      ['cold_water', String(coldVolume)],
      ['hot_water', String(hotVolume)],
      ['wastewater', String(coldVolume + hotVolume)],
      ['electricity_day', String(dayVolume)],
      ['electricity_night', String(nightVolume)],
      ['maintenance', area],
      ['capital_repair', area],
      ['waste', String(residents)],
    ]);
    const season = HEATING_SEASON[period.slice(5)];
    if (season) volumes.set('heating', ((Number(area) * 0.0186 * season * 10000) / 10000).toFixed(4));
    result.set(period, volumes);
  }
  return result;
}

/** The payment a subscriber of this behaviour makes in a month, given what the last statement asked for. */
function paymentFor(
  random: Random,
  behaviour: Behaviour,
  due: number,
): { amount: number; day: number } | null {
  switch (behaviour) {
    case 'on_time':
      return due > 0 ? { amount: due, day: random.integer(1, 10) } : null;
    case 'late':
      return due > 0 && random.chance(0.85) ? { amount: due, day: random.integer(12, 27) } : null;
    case 'debtor': {
      if (due <= 0 || !random.chance(0.55)) return null;
      const amount = Math.round((due * (0.25 + random.next() * 0.45)) / 10_000) * 10_000;
      return amount > 0 ? { amount, day: random.integer(1, 28) } : null;
    }
    case 'overpay':
      if (due > 0)
        return { amount: Math.ceil(due / 100_000) * 100_000 + 100_000, day: random.integer(1, 10) };
      return random.chance(0.3) ? { amount: 100_000, day: random.integer(1, 10) } : null;
  }
}

function buildStatementsAndPayments(
  random: Random,
  account: DemoAccount,
  periods: Period[],
  asOf: Date,
  dueDay: number,
): void {
  const sources: PaymentSource[] = [
    'card',
    'card',
    'card',
    'bank',
    'bank',
    'bank',
    'cash_office',
    'gis_zhkh',
  ];
  const openingByBehaviour: Record<Behaviour, number> = {
    on_time: 0,
    late: 0,
    debtor: random.integer(50, 300) * 10_000,
    overpay: -random.integer(5, 30) * 10_000,
  };
  let previousClosing = openingByBehaviour[account.behaviour];
  let previousCharged = 0;

  const pay = (month: Period, due: number): number => {
    const payment = paymentFor(random, account.behaviour, due);
    if (!payment) return 0;
    const [year, monthNumber] = [Number(month.slice(0, 4)), Number(month.slice(5))];
    const hour = 8 + random.integer(0, 13);
    const paidAt = new Date(
      Date.UTC(year, monthNumber - 1, payment.day, hour - MOSCOW_OFFSET_HOURS, random.integer(0, 59)),
    );
    if (paidAt >= asOf) return 0;
    account.payments.push({
      id: random.uuid(),
      amount: payment.amount,
      source: random.pick(sources),
      paidAt,
    });
    return payment.amount;
  };

  for (const period of periods) {
    const lines = account.charges.filter((charge) => charge.period === period);
    const charged = lines.reduce((sum, line) => sum + line.amount, 0);
    const recalculation = lines.reduce((sum, line) => sum + line.recalculation, 0);
    const benefit = lines.reduce((sum, line) => sum + line.benefit, 0);
    const opening = previousClosing;
    const paid = pay(period, opening);
    // Debt older than one billing month draws penalties (1/300 of the key rate a day, 30 days).
    const overdue = Math.max(0, opening - previousCharged - paid);
    const penalties = Math.round((overdue * KEY_RATE_PERCENT * 30) / 100 / 300);
    const closing = opening + charged + recalculation - benefit + penalties - paid;
    const dueMonth = addMonths(period, 1);
    account.statements.push({
      period,
      opening,
      charged,
      recalculation,
      benefit,
      penalties,
      paid,
      closing,
      dueDate: `${dueMonth}-${String(dueDay).padStart(2, '0')}`,
    });
    previousClosing = closing;
    previousCharged = charged;
  }
  // This month's payments answer the latest statement; they show as "paid since the statement".
  pay(addMonths(periods.at(-1)!, 1), previousClosing);
}

/** A stable UUID (version 4 layout) from a name, for rows whose identity follows from others. */
function derivedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

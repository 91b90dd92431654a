import { describe, expect, it } from 'vitest';
import { addMonths, periodOf } from '../../shared/period.ts';
import { HOUSING_SERVICES, ISP_SERVICES } from './catalog.ts';
import { DEMO_SUBSCRIBER_ACCOUNT_INDEXES, demoPeriods, generateAccount } from './generate.ts';

const options = { accounts: 200, seed: 7, asOf: new Date('2026-11-25T09:00:00Z') };
const accounts = Array.from({ length: options.accounts }, (_, index) => generateAccount(options, index));
const moscowMonth = (date: Date) => periodOf(new Date(date.getTime() + 3 * 3600 * 1000));

describe('demo generator', () => {
  it('covers the twelve months before the "as of" month', () => {
    expect(demoPeriods(options.asOf)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    for (const account of accounts)
      expect(account.statements.map((s) => s.period)).toEqual(demoPeriods(options.asOf));
  });

  it('keeps the balance identity in every statement, and each opening equals the previous closing', () => {
    for (const account of accounts) {
      account.statements.forEach((s, index) => {
        expect(s.closing).toBe(s.opening + s.charged + s.recalculation - s.benefit + s.penalties - s.paid);
        if (index > 0) expect(s.opening).toBe(account.statements[index - 1]!.closing);
      });
    }
  });

  it('makes statement totals the sums of the service lines and of the month’s payments', () => {
    for (const account of accounts) {
      for (const s of account.statements) {
        const lines = account.charges.filter((c) => c.period === s.period);
        expect(s.charged).toBe(lines.reduce((sum, c) => sum + c.amount, 0));
        expect(s.recalculation).toBe(lines.reduce((sum, c) => sum + c.recalculation, 0));
        expect(s.benefit).toBe(lines.reduce((sum, c) => sum + c.benefit, 0));
        const paid = account.payments.filter((p) => moscowMonth(p.paidAt) === s.period);
        expect(s.paid).toBe(paid.reduce((sum, p) => sum + p.amount, 0));
        for (const c of lines) expect(c.total).toBe(c.amount + c.recalculation - c.benefit);
      }
    }
  });

  it('charges metered water and electricity exactly the difference of consecutive readings', () => {
    const housing = accounts.filter((a) => a.organization === 'housing');
    expect(housing.length).toBeGreaterThan(100);
    for (const account of housing) {
      const reading = (resource: string, register: number, period: string) =>
        Number(
          account.meters
            .find((m) => m.resource === resource)!
            .readings.find((r) => r.register === register && r.period === period)!.value,
        );
      for (const period of demoPeriods(options.asOf)) {
        const volume = (code: string) =>
          Number(account.charges.find((c) => c.period === period && c.serviceCode === code)!.volume);
        const previous = addMonths(period, -1);
        expect(volume('cold_water')).toBe(
          reading('cold_water', 1, period) - reading('cold_water', 1, previous),
        );
        expect(volume('hot_water')).toBe(reading('hot_water', 1, period) - reading('hot_water', 1, previous));
        expect(volume('electricity_day')).toBe(
          reading('electricity', 1, period) - reading('electricity', 1, previous),
        );
        expect(volume('electricity_night')).toBe(
          reading('electricity', 2, period) - reading('electricity', 2, previous),
        );
        expect(volume('wastewater')).toBe(volume('cold_water') + volume('hot_water'));
      }
    }
  });

  it('produces plausible monthly totals and a mix of payers, debtors and overpayers', () => {
    const housingTotals = accounts
      .filter((a) => a.organization === 'housing')
      .flatMap((a) => a.statements.map((s) => s.charged));
    const median = housingTotals.sort((a, b) => a - b)[Math.floor(housingTotals.length / 2)]!;
    expect(median).toBeGreaterThan(400_000); // 4,000 ₽
    expect(median).toBeLessThan(1_600_000); // 16,000 ₽
    const behaviours = new Set(accounts.map((a) => a.behaviour));
    expect(behaviours).toEqual(new Set(['on_time', 'late', 'debtor', 'overpay']));
    expect(accounts.some((a) => a.statements.at(-1)!.closing < 0)).toBe(true);
    expect(accounts.some((a) => a.statements.some((s) => s.penalties > 0))).toBe(true);
    const codes = new Set(accounts.flatMap((a) => a.charges.map((c) => c.serviceCode)));
    for (const service of [...HOUSING_SERVICES, ...ISP_SERVICES.slice(0, 2)])
      expect(codes).toContain(service.code);
  });

  it('never dates a payment on or after the "as of" moment', () => {
    for (const account of accounts)
      for (const p of account.payments) expect(p.paidAt.getTime()).toBeLessThan(options.asOf.getTime());
  });

  it('is deterministic: the same seed gives the same account, another seed a different one', () => {
    expect(generateAccount(options, 17)).toEqual(accounts[17]);
    expect(generateAccount({ ...options, seed: 8 }, 17)).not.toEqual(accounts[17]);
  });

  it('gives the demo subscriber two management-company accounts and one ISP contract', () => {
    const organizations = DEMO_SUBSCRIBER_ACCOUNT_INDEXES.map((index) => accounts[index]!.organization);
    expect(organizations.sort()).toEqual(['housing', 'housing', 'isp']);
  });

  it('shows an estimated reading (the organization’s average) where a subscriber missed one, one meter and month only', () => {
    const estimated = accounts.flatMap((account) =>
      account.meters.flatMap((meter) =>
        meter.readings
          .filter((reading) => reading.source === 'estimated')
          .map((reading) => ({ index: account.index, resource: meter.resource, period: reading.period })),
      ),
    );
    expect(estimated.length).toBeGreaterThan(10);
    for (const entry of estimated)
      expect(entry).toMatchObject({ resource: 'hot_water', period: demoPeriods(options.asOf).at(-4) });
    // The demo subscriber's second flat is one of them, so the portal has an estimate to show.
    expect(estimated.map((entry) => entry.index)).toContain(DEMO_SUBSCRIBER_ACCOUNT_INDEXES[1]);
  });
});

// The receipt view rendered to static markup, as the server renders it: the totals, each line's
// arithmetic, the estimated readings and the ISP's "paid until" as the subscriber reads them.
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/api/receipts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { renderReceiptMarkup } from './render-receipt-markup.tsx';

const payee: Receipt['payee'] = {
  name: 'Общество с ограниченной ответственностью «Управляющая компания «Уютный дом»',
  shortName: 'УК «Уютный дом»',
  inn: '6234012345',
  kpp: '623401001',
  bankName: 'ПАО СБЕРБАНК',
  bic: '044525225',
  settlementAccount: '40702810138250123017',
  correspondentAccount: '30101810400000000225',
  address: 'г. Рязань, ул. Ленина, д. 1, оф. 5',
  phone: '+7 (4912) 55-10-20',
  email: 'info@uyut-dom.example',
};

const electricityMeter = '7b0c8f0e-5a4f-4a39-9a43-2b7c1e0d9f11';

function buildHousingReceipt(): Receipt {
  return {
    accountId: '0f8e3c1a-2b4d-4e6f-8a9b-1c2d3e4f5a6b',
    kind: 'housing',
    period: '2026-11',
    dataVersion: 'v1',
    payer: {
      accountNumber: '1000001',
      holderName: 'Иванова Елена Сергеевна',
      address: 'г. Рязань, ул. Садовая, д. 3, кв. 14',
      area: '54.20',
      residents: 3,
    },
    payee,
    dueDate: '2026-12-10',
    lines: [
      line('cold_water', 'Холодное водоснабжение', 'м³', '3.250', '45.670000', 14843),
      {
        ...line('hot_water', 'Горячее водоснабжение', 'м³', '2.100', '276.910000', 58151),
        recalculation: -17445,
        total: 40706,
      },
      {
        ...line('maintenance', 'Содержание жилого помещения', 'м²', '54.20', '38.900000', 210838),
        benefit: 105419,
        total: 105419,
      },
      line('electricity_day', 'Электроснабжение (день, T1)', 'кВт·ч', '120', '9.120000', 109440),
      line('electricity_night', 'Электроснабжение (ночь, T2)', 'кВт·ч', '45', '3.480000', 15660),
    ],
    // −500,00 + 4 089,32 − 174,45 − 1 054,19 + 12,34 − 1 000,00 = 1 373,02
    totals: {
      opening: -50000,
      charged: 408932,
      recalculation: -17445,
      benefit: 105419,
      penalties: 1234,
      paid: 100000,
      closing: 137302,
      amountDue: 137302,
    },
    meters: [
      {
        meterId: '3a1d2c4b-6e5f-4a7b-8c9d-0e1f2a3b4c5d',
        resource: 'cold_water',
        serialNumber: 'ХВ-204518',
        register: 1,
        registerName: null,
        unit: 'м³',
        previous: { period: '2026-10', value: '123.456' },
        current: { period: '2026-11', value: '126.706', estimated: false },
      },
      {
        meterId: electricityMeter,
        resource: 'electricity',
        serialNumber: 'ЭЛ-99812',
        register: 1,
        registerName: 'день',
        unit: 'кВт·ч',
        previous: { period: '2026-10', value: '12345' },
        current: { period: '2026-11', value: '12465', estimated: false },
      },
      {
        meterId: electricityMeter,
        resource: 'electricity',
        serialNumber: 'ЭЛ-99812',
        register: 2,
        registerName: 'ночь',
        unit: 'кВт·ч',
        previous: { period: '2026-10', value: '5432' },
        current: { period: '2026-11', value: '5477', estimated: true },
      },
    ],
    paidUntil: null,
    qrPayload:
      'ST00012|Name=ООО «УК «Уютный дом»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|KPP=623401001|PayeeINN=6234012345|Sum=137302|PersAcc=1000001|PaymPeriod=112026|TechCode=02',
  };
}

function line(
  serviceCode: string,
  serviceName: string,
  unit: string,
  volume: string | null,
  tariff: string,
  charged: number,
): Receipt['lines'][number] {
  return {
    serviceCode,
    serviceName,
    unit,
    volume,
    tariff,
    charged,
    recalculation: 0,
    benefit: 0,
    total: charged,
    formula: '',
  };
}

function buildIspReceipt(): Receipt {
  return {
    ...buildHousingReceipt(),
    kind: 'isp',
    payer: {
      accountNumber: '5000004',
      holderName: 'Петров Сергей Иванович',
      address: 'г. Рязань, ул. Есенина, д. 109, кв. 7',
      area: null,
      residents: null,
    },
    payee: { ...payee, shortName: '«Сеть-Телеком»' },
    dueDate: '2026-12-05',
    lines: [line('internet_100', 'Интернет «Домашний 100»', 'мес.', null, '650', 65000)],
    totals: {
      opening: 0,
      charged: 65000,
      recalculation: 0,
      benefit: 0,
      penalties: 0,
      paid: 100000,
      closing: -35000,
      amountDue: 0,
    },
    meters: [],
    paidUntil: '2026-12-20',
  };
}

/** The text of every element with this data-testid (they hold text only). */
function textsOf(html: string, testId: string): string[] {
  const pattern = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`, 'g');
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** Markup text with no-break spaces as plain ones, for readable expectations. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** The markup's text in reading order, one space between the pieces. */
function visibleText(html: string): string {
  const body = html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ');
  return plain(body.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

describe('ReceiptView', () => {
  it('prints every total exactly as formatMoney of the signed value, an advance with its wording', () => {
    const receipt = buildHousingReceipt();
    const html = renderReceiptMarkup(receipt);
    for (const key of Object.keys(receipt.totals) as (keyof Receipt['totals'])[]) {
      const id = key === 'amountDue' ? 'receipt-amount-due' : `receipt-${key}`;
      expect(textsOf(html, id), id).toEqual([formatMoney(receipt.totals[key])]);
    }
    expect(plain(textsOf(html, 'receipt-opening')[0]!)).toBe('−500,00 ₽');
    expect(html).toContain('Переплата на начало месяца');
    expect(html).toContain('Долг на конец месяца');
  });

  it('prints each line total once, in the order of the lines', () => {
    const receipt = buildHousingReceipt();
    const html = renderReceiptMarkup(receipt);
    expect(textsOf(html, 'receipt-line-total')).toEqual(receipt.lines.map((item) => formatMoney(item.total)));
  });

  it('writes out each line as volume × tariff = charged, and the recalculation and benefit after it', () => {
    const html = renderReceiptMarkup(buildHousingReceipt());
    const formulas = textsOf(html, 'receipt-line-formula').map(plain);
    expect(formulas[0]).toBe('3,250 м³ × 45,67 ₽ = 148,43 ₽');
    expect(formulas[1]).toBe('2,100 м³ × 276,91 ₽ = 581,51 ₽');
    expect(textsOf(html, 'receipt-line-adjustment').map(plain)).toEqual([
      '581,51 ₽ − 174,45 ₽ = 407,06 ₽',
      '2 108,38 ₽ − 1 054,19 ₽ = 1 054,19 ₽',
    ]);
  });

  it('shows both registers of a two-tariff meter and marks the estimated value', () => {
    const html = renderReceiptMarkup(buildHousingReceipt());
    expect(html.match(/data-testid="receipt-meter-row"/g)).toHaveLength(3);
    const text = visibleText(html);
    expect(text).toContain(
      'Электроэнергия № ЭЛ-99812 День 12 345 → 12 465 кВт·ч Ночь 5 432 → 5 477 кВт·ч расчётное',
    );
    expect(text).toContain('Холодная вода № ХВ-204518 Показание 123,456 → 126,706 м³');
    // Only the night register was estimated.
    expect(html.match(/data-testid="receipt-estimated"/g)).toHaveLength(1);
    expect(textsOf(html, 'receipt-paid-until')).toEqual([]);
    expect(html).toContain('data-testid="receipt-area"');
    expect(html).toContain('data-testid="receipt-qr"');
  });

  it('shows an ISP receipt with "paid until" instead of meters, area and residents', () => {
    const receipt = buildIspReceipt();
    const html = renderReceiptMarkup(receipt);
    expect(textsOf(html, 'receipt-paid-until')).toEqual(['Оплачено до 20.12.2026']);
    expect(textsOf(html, 'receipt-amount-due')).toEqual([formatMoney(0)]);
    expect(textsOf(html, 'receipt-closing')).toEqual([formatMoney(-35000)]);
    expect(html).toContain('Переплата на конец месяца');
    expect(plain(textsOf(html, 'receipt-line-formula')[0]!)).toBe('650,00 ₽ / мес.');
    expect(html).not.toContain('receipt-meter-row');
    expect(html).not.toContain('receipt-area');
    expect(html).not.toContain('receipt-residents');
  });

  it('still prints every total for a month without service lines and with unknown payer details', () => {
    const receipt: Receipt = {
      ...buildHousingReceipt(),
      payer: { accountNumber: '1000002', holderName: null, address: null, area: null, residents: null },
      payee: { ...payee, kpp: null, address: null, phone: null, email: null },
      lines: [],
      meters: [],
      totals: {
        opening: 120000,
        charged: 0,
        recalculation: 0,
        benefit: 0,
        penalties: 0,
        paid: 120000,
        closing: 0,
        amountDue: 0,
      },
    };
    const html = renderReceiptMarkup(receipt);
    expect(textsOf(html, 'receipt-closing')).toEqual([formatMoney(0)]);
    expect(textsOf(html, 'receipt-line-total')).toEqual([]);
    expect(html).toContain('В этом месяце начислений по услугам не было.');
    expect(html).toContain('Оплачивать не нужно');
  });

  it('renders in English when asked', () => {
    const html = renderReceiptMarkup(buildIspReceipt(), 'en');
    expect(textsOf(html, 'receipt-paid-until')).toEqual(['Paid until 20.12.2026']);
    expect(html).toContain('Credit at the end of the month');
    expect(html).toContain('aria-label="Receipt for November 2026"');
  });
});

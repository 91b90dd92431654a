import { describe, expect, it } from 'vitest';
import { encodePaymentQr, PaymentQrError, type PaymentQrFields, parsePaymentQr } from './payment-qr.ts';

const payee: PaymentQrFields = {
  Name: 'ООО «УК»',
  PersonalAcc: '40702810138250123017',
  BankName: 'ПАО СБЕРБАНК',
  BIC: '044525225',
  CorrespAcc: '30101810400000000225',
};

describe('ST00012 payment QR payload', () => {
  it('writes the header, UTF-8 flag and the keys in the order bank apps expect', () => {
    const payload = encodePaymentQr({
      ...payee,
      PayeeINN: '6200098765',
      KPP: '620001001',
      Purpose: 'ЖКУ за 05.2025',
      PersAcc: '123456',
      PaymPeriod: '052025',
      Sum: 354210,
    });
    expect(payload).toBe(
      'ST00012|Name=ООО «УК»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|' +
        'CorrespAcc=30101810400000000225|KPP=620001001|PayeeINN=6200098765|Purpose=ЖКУ за 05.2025|' +
        'Sum=354210|PersAcc=123456|PaymPeriod=052025',
    );
  });

  it('reads back what it wrote, and accepts the example of DOMAIN.md with a trailing separator', () => {
    const fields = { ...payee, Sum: 1, PersAcc: '7', TechCode: '02' as const };
    expect(parsePaymentQr(encodePaymentQr(fields)).fields).toEqual({ ...fields, Sum: '1' });
    const parsed = parsePaymentQr(
      'ST00012|Name=ООО «УК»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=6200098765|KPP=620001001|Purpose=ЖКУ за 05.2025|PersAcc=123456|PaymPeriod=052025|Sum=354210|',
    );
    expect(parsed.encoding).toBe('2');
    expect(parsed.fields.Sum).toBe('354210');
    expect(parsed.fields.PersAcc).toBe('123456');
  });

  it('refuses a value containing the separator, naming the field', () => {
    expect(() => encodePaymentQr({ ...payee, Purpose: 'ЖКУ | ноябрь' })).toThrowError(
      new PaymentQrError('Purpose', 'must not contain "|", the field separator'),
    );
  });

  it.each([
    ['PersonalAcc', { PersonalAcc: '4070281013825012301' }],
    ['PersonalAcc', { PersonalAcc: '4070 2810 1382 5012 3017' }],
    ['BIC', { BIC: '04452522' }],
    ['CorrespAcc', { CorrespAcc: '301018104000000002250' }],
    ['Name', { Name: 'Я'.repeat(161) }],
    ['BankName', { BankName: 'Б'.repeat(46) }],
    ['KPP', { KPP: '62000100' }],
    ['PayeeINN', { PayeeINN: '62000987651' }],
    ['Purpose', { Purpose: 'П'.repeat(211) }],
    ['Sum', { Sum: 12.5 }],
    ['Sum', { Sum: -1 }],
    ['PaymPeriod', { PaymPeriod: '132025' }],
    ['Name', { Name: '' }],
    ['Purpose', { Purpose: 'две\nстроки' }],
  ])('refuses a bad %s', (field, change) => {
    expect(() => encodePaymentQr({ ...payee, ...change } as PaymentQrFields)).toThrow(
      expect.objectContaining({ field }),
    );
  });

  it('takes the longest values the standard allows', () => {
    const payload = encodePaymentQr({
      ...payee,
      Name: 'Я'.repeat(160),
      Purpose: 'П'.repeat(210),
      Sum: 999_999_999_999_999,
    });
    expect(parsePaymentQr(payload).fields.Name).toHaveLength(160);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tbankToken, verifyTbankToken } from './tbank-token.ts';

// The example of T-Bank's documentation ("Подпись запроса"): Init of a gift card.
const documented = {
  TerminalKey: 'MerchantTerminalKey',
  Amount: 19200,
  OrderId: '21090',
  Description: 'Подарочная карта на 1000 рублей',
};
const password = 'usaf8fw8fsw21g';

describe('T-Bank token', () => {
  it("gives the documentation's token for its example", () => {
    expect(tbankToken(documented, password)).toBe(
      '0024a00af7c350a3a67ca168ce06502aa72772456662e38696d48b56ee9c97d9',
    );
  });

  it('leaves out nested objects, arrays and the Token itself', () => {
    const withNested = {
      ...documented,
      Receipt: { Email: 'a@b.ru', Items: [{ Name: 'x' }] },
      DATA: { Phone: '+7' },
      Token: 'whatever',
    };
    expect(tbankToken(withNested, password)).toBe(tbankToken(documented, password));
  });

  it('verifies a notification signed with the password and refuses a forged or altered one', () => {
    const notification = {
      TerminalKey: 'MerchantTerminalKey',
      OrderId: '21090',
      Success: true,
      Status: 'CONFIRMED',
      PaymentId: 13660,
      ErrorCode: '0',
      Amount: 19200,
      CardId: 10452,
      Pan: '430000******0777',
      ExpDate: '1122',
    };
    const signed = { ...notification, Token: tbankToken(notification, password) };
    expect(verifyTbankToken(signed, password)).toBe(true);
    expect(verifyTbankToken({ ...signed, Amount: 1920000 }, password)).toBe(false);
    expect(verifyTbankToken({ ...signed, Status: 'REJECTED' }, password)).toBe(false);
    expect(verifyTbankToken(signed, 'another-password')).toBe(false);
    expect(verifyTbankToken({ ...notification, Token: 'not-hex' }, password)).toBe(false);
    expect(verifyTbankToken(notification, password)).toBe(false);
  });

  it('writes booleans as true and false, as the bank does', () => {
    const fields = { Success: false, Amount: 1 };
    // sorted: Amount, Password, Success → "1" + password + "false"
    expect(tbankToken(fields, 'p')).toBe(createHash('sha256').update('1pfalse').digest('hex'));
  });
});

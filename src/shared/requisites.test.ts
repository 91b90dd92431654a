import { describe, expect, it } from 'vitest';
import {
  checkRequisites,
  completeCompanyInn,
  isValidBic,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidSettlementAccount,
} from './requisites.ts';

const SBERBANK = {
  inn: '7707083893',
  kpp: '773601001',
  bic: '044525225',
  settlementAccount: '40702810138250123017',
  correspondentAccount: '30101810400000000225',
};

/** Every string that differs from `value` in exactly one digit at `position`. */
function withDigitChanged(value: string, position: number): string[] {
  return [...'0123456789']
    .filter((digit) => digit !== value[position])
    .map((digit) => value.slice(0, position) + digit + value.slice(position + 1));
}

const positions = (value: string) => [...value].map((_, index) => index);

describe('requisites control checks (DOMAIN.md test vectors)', () => {
  it('accepts Sberbank INN and refuses the QR example INN whose check digit fails', () => {
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('6200098765')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
  });

  it('completes a company INN with its check digit', () => {
    expect(completeCompanyInn('770708389')).toBe('7707083893');
  });

  it('checks settlement and correspondent accounts against the BIC', () => {
    expect(isValidSettlementAccount('40702810138250123017', '044525225')).toBe(true);
    expect(isValidSettlementAccount('40702810138250123018', '044525225')).toBe(false);
    expect(isValidCorrespondentAccount('30101810400000000225', '044525225')).toBe(true);
    expect(isValidCorrespondentAccount('30101810400000000226', '044525225')).toBe(false);
  });
});

describe('requisites: every single changed digit is refused', () => {
  it.each(positions(SBERBANK.inn))('refuses the company INN with digit %i changed', (position) => {
    for (const broken of withDigitChanged(SBERBANK.inn, position))
      expect(isValidInn(broken), broken).toBe(false);
  });

  it.each(['500100732259', '773370857141'])(
    'accepts the person INN %s and refuses each digit changed',
    (inn) => {
      expect(isValidInn(inn)).toBe(true);
      for (const position of positions(inn))
        for (const broken of withDigitChanged(inn, position)) expect(isValidInn(broken), broken).toBe(false);
    },
  );

  it('refuses the settlement account with any digit changed, against the same BIC', () => {
    for (const position of positions(SBERBANK.settlementAccount))
      for (const broken of withDigitChanged(SBERBANK.settlementAccount, position))
        expect(isValidSettlementAccount(broken, SBERBANK.bic), broken).toBe(false);
  });

  it('refuses the correspondent account with any digit changed, against the same BIC', () => {
    for (const position of positions(SBERBANK.correspondentAccount))
      for (const broken of withDigitChanged(SBERBANK.correspondentAccount, position))
        expect(isValidCorrespondentAccount(broken, SBERBANK.bic), broken).toBe(false);
  });

  it('ties the accounts to the BIC: a changed branch number or bank number breaks the pair', () => {
    // Digits 7–9 of the BIC are the bank's number within its branch: the settlement key covers them.
    for (const position of [6, 7, 8])
      for (const bic of withDigitChanged(SBERBANK.bic, position))
        expect(isValidSettlementAccount(SBERBANK.settlementAccount, bic), bic).toBe(false);
    // Digits 5–6 are the Bank of Russia's branch: the correspondent key covers them.
    for (const position of [4, 5])
      for (const bic of withDigitChanged(SBERBANK.bic, position))
        expect(isValidCorrespondentAccount(SBERBANK.correspondentAccount, bic), bic).toBe(false);
  });
});

describe('KPP and BIC formats', () => {
  it('accepts a KPP of four digits, two digits or capital letters, three digits', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    for (const kpp of ['77360100', '7736010011', '7736ab001', 'A73601001', '77360100A', '7736 1001', ''])
      expect(isValidKpp(kpp), kpp).toBe(false);
  });

  it('accepts a Russian BIC (nine digits from 04) and nothing else', () => {
    expect(isValidBic('044525225')).toBe(true);
    for (const bic of ['04452522', '0445252250', '144525225', '034525225', '04452522A', ''])
      expect(isValidBic(bic), bic).toBe(false);
  });
});

describe('checkRequisites', () => {
  it('passes the published vectors with no problems', () => {
    expect(checkRequisites(SBERBANK)).toEqual({});
    expect(checkRequisites({ ...SBERBANK, inn: '500100732259', kpp: null })).toEqual({});
  });

  it('names each broken field with its reason', () => {
    expect(checkRequisites({ ...SBERBANK, inn: '6200098765' })).toEqual({ inn: 'checksum' });
    expect(
      checkRequisites({
        inn: '770708389',
        kpp: '77360100',
        bic: '044525226',
        settlementAccount: '40702810138250123017',
        correspondentAccount: '3010181040000000022',
      }),
    ).toEqual({
      inn: 'format',
      kpp: 'format',
      settlementAccount: 'checksum',
      correspondentAccount: 'format',
    });
    expect(
      checkRequisites({ inn: '', kpp: '', bic: '', settlementAccount: '', correspondentAccount: '' }),
    ).toEqual({
      inn: 'required',
      bic: 'required',
      settlementAccount: 'required',
      correspondentAccount: 'required',
    });
  });

  it('wants a KPP with a company INN and none with a person INN', () => {
    expect(checkRequisites({ ...SBERBANK, kpp: '' })).toEqual({ kpp: 'required' });
    expect(checkRequisites({ ...SBERBANK, inn: '500100732259' })).toEqual({ kpp: 'not_applicable' });
  });

  it('reports a mistyped BIC once, on the BIC, and a foreign one as such', () => {
    expect(checkRequisites({ ...SBERBANK, bic: '04452522' })).toEqual({ bic: 'format' });
    // A foreign BIC cannot be the pair of a Russian account: the key fails as well.
    expect(checkRequisites({ ...SBERBANK, bic: '144525225' })).toMatchObject({ bic: 'country' });
  });

  it('refuses the DOMAIN.md vectors with any digit changed', () => {
    const fields = ['inn', 'settlementAccount', 'correspondentAccount'] as const;
    for (const field of fields)
      for (const position of positions(SBERBANK[field]))
        for (const broken of withDigitChanged(SBERBANK[field], position))
          expect(checkRequisites({ ...SBERBANK, [field]: broken }), `${field} ${broken}`).toHaveProperty(
            field,
          );
  });
});

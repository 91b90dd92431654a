import { describe, expect, it } from 'vitest';
import {
  completeCompanyInn,
  isValidCorrespondentAccount,
  isValidInn,
  isValidSettlementAccount,
} from './requisites.ts';

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

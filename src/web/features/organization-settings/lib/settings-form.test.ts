import { describe, expect, it } from 'vitest';
import type { OrganizationSettings } from '../../../../shared/api/organization-settings.ts';
import { updateOrganizationSettingsSchema } from '../../../../shared/api/organization-settings.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { cleanRequisite, logoProblemOf, requisiteProblemsOf, toUpdateBody } from './settings-form.ts';

const settings: OrganizationSettings = {
  organizationId: '00000000-0000-4000-8000-000000000001',
  kind: 'housing',
  canEdit: true,
  name: 'ООО «Рассвет»',
  shortName: 'УК «Рассвет»',
  inn: '7707083893',
  kpp: '773601001',
  bankName: 'ПАО СБЕРБАНК',
  bic: '044525225',
  settlementAccount: '40702810138250123017',
  correspondentAccount: '30101810400000000225',
  address: null,
  phone: null,
  email: null,
  registrationMode: 'both',
  proofType: 'last_payment',
  paymentDueDay: 10,
  receiptShowQr: true,
  receiptNote: null,
  accentColor: null,
  logoUrl: '/api/v1/organizations/x/logo?v=1',
  supportDeadlineDays: 2,
  officeHours: null,
};

describe('organization settings form helpers', () => {
  it('turns the stored settings into a body the API accepts unchanged', () => {
    const body = toUpdateBody(settings);
    expect(updateOrganizationSettingsSchema.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty('logoUrl');
    expect(body).not.toHaveProperty('canEdit');
  });

  it('reads the failed control checks from a 400, ignoring anything unknown', () => {
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'bad',
      status: 400,
      details: {
        fields: ['inn', 'bic'],
        problems: { inn: 'checksum', bic: 'country', name: 'format', kpp: 'odd' },
      },
    });
    expect(requisiteProblemsOf(error)).toEqual({ inn: 'checksum', bic: 'country' });
    expect(requisiteProblemsOf(new Error('x'))).toEqual({});
  });

  it('refuses files that are not PNG or JPEG or larger than 512 KB', () => {
    expect(logoProblemOf({ type: 'image/png', size: 1000 })).toBeNull();
    expect(logoProblemOf({ type: 'image/svg+xml', size: 1000 })).toBe('type');
    expect(logoProblemOf({ type: 'image/jpeg', size: 512 * 1024 + 1 })).toBe('size');
  });

  it('keeps digits of pasted requisites, and capital letters of a KPP', () => {
    expect(cleanRequisite('4070 2810 1382 5012 3017', 'settlementAccount')).toBe('40702810138250123017');
    expect(cleanRequisite('7736ab001', 'kpp')).toBe('7736AB001');
  });
});

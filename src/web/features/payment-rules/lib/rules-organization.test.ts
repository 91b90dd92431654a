import { describe, expect, it } from 'vitest';
import { rulesOrganizationOf } from './rules-organization.ts';

const ORGANIZATION = '3f1c2a9e-5b7d-4c8e-9a1b-2c3d4e5f6a7b';
const OTHER = '9e8d7c6b-5a49-4382-a716-151413121110';
const account = (id: string, organizationId: string) => ({ id, organization: { id: organizationId } });

describe('rulesOrganizationOf', () => {
  it('takes the organization named in the address before anything the session knows', () => {
    expect(
      rulesOrganizationOf({ organization: ORGANIZATION, account: 'a', rememberedAccount: 'a' }, [
        account('a', OTHER),
      ]),
    ).toEqual({
      kind: 'organization',
      organizationId: ORGANIZATION,
    });
  });

  it('calls a malformed organization id malformed rather than asking the API', () => {
    expect(
      rulesOrganizationOf({ organization: '<script>', account: null, rememberedAccount: null }, []),
    ).toEqual({
      kind: 'malformed',
    });
  });

  it('uses the organization of the account in the address before the remembered one, then the only organization', () => {
    const accounts = [account('a', ORGANIZATION), account('b', OTHER)];
    expect(
      rulesOrganizationOf({ organization: null, account: 'b', rememberedAccount: 'a' }, accounts),
    ).toEqual({
      kind: 'organization',
      organizationId: OTHER,
    });
    expect(
      rulesOrganizationOf({ organization: null, account: null, rememberedAccount: null }, [
        account('a', OTHER),
        account('c', OTHER),
      ]),
    ).toEqual({ kind: 'organization', organizationId: OTHER });
  });

  it('uses the account chosen last on this device when the address names none', () => {
    const accounts = [account('a', ORGANIZATION), account('b', OTHER)];
    expect(
      rulesOrganizationOf({ organization: null, account: null, rememberedAccount: 'b' }, accounts),
    ).toEqual({
      kind: 'organization',
      organizationId: OTHER,
    });
  });

  it('shows the default rules to visitors and to people with accounts at several organizations', () => {
    expect(rulesOrganizationOf({ organization: null, account: null, rememberedAccount: null }, [])).toEqual({
      kind: 'default',
    });
    expect(
      rulesOrganizationOf({ organization: null, account: 'unknown', rememberedAccount: 'gone' }, [
        account('a', ORGANIZATION),
        account('b', OTHER),
      ]),
    ).toEqual({ kind: 'default' });
  });
});

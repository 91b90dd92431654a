// Which personal account the pages show: `?account=<id>` in the URL wins, then the last choice
// remembered in localStorage, then the first account of the user.
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountListItem } from '../../shared/api/accounts.ts';
import { readStored, writeStored } from './storage.ts';

export const ACCOUNT_PARAM = 'account';
const STORAGE_KEY = 'abonent.account';

export function useCurrentAccount(accounts: readonly AccountListItem[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get(ACCOUNT_PARAM);
  const account =
    accounts.find((item) => item.id === requested) ??
    accounts.find((item) => item.id === readStored(STORAGE_KEY)) ??
    accounts[0] ??
    null;

  useEffect(() => {
    if (!account) return;
    writeStored(STORAGE_KEY, account.id);
    if (requested !== account.id) {
      setSearchParams(
        (params) => {
          params.set(ACCOUNT_PARAM, account.id);
          return params;
        },
        { replace: true },
      );
    }
  }, [account, requested, setSearchParams]);

  const selectAccount = useCallback(
    (id: string) => {
      writeStored(STORAGE_KEY, id);
      setSearchParams((params) => {
        params.set(ACCOUNT_PARAM, id);
        return params;
      });
    },
    [setSearchParams],
  );

  return { account, selectAccount };
}

/** The account chosen last on this device, for pages outside the account frame (the public rules). */
export function rememberedAccountId(): string | null {
  return readStored(STORAGE_KEY);
}

/** A link to another page that keeps the chosen account. */
export function useAccountHref(pathname: string): string {
  const [searchParams] = useSearchParams();
  const id = searchParams.get(ACCOUNT_PARAM) ?? readStored(STORAGE_KEY);
  return id ? `${pathname}?${ACCOUNT_PARAM}=${encodeURIComponent(id)}` : pathname;
}

// A one-time note for the next account page: "account No. … added" or "… left". Kept here rather
// than in router state: the account list changes at the same moment, and the account pages then
// rewrite the URL (?account=), which would drop router state.
import { useEffect, useState } from 'react';

export interface AccountNotice {
  kind: 'linked' | 'left';
  number: string;
}

let pending: AccountNotice | null = null;

export function announceAccountChange(notice: AccountNotice): void {
  pending = notice;
}

/** The pending note, taken once by the account page that mounts next; and a way to dismiss it. */
export function useAccountNotice(): [AccountNotice | null, () => void] {
  const [notice, setNotice] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return [notice, () => setNotice(null)];
}

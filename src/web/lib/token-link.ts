// The links from e-mails (/confirm, /confirm-email, /invitation, /reset-password) carry a one-time
// token in ?token=. These hooks read it and, for the links that act on arrival (/confirm-email,
// /invitation), send it exactly once. /confirm and /reset-password send it with a form instead.
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** The ?token= of the current address, or '' when the link has none. */
export function useUrlToken(): string {
  const [searchParams] = useSearchParams();
  return searchParams.get('token') ?? '';
}

/**
 * Calls `send(token)` once, on arrival. The token works once: StrictMode's second effect run (and
 * any re-render) must not send it again, or the second answer would be TOKEN_INVALID. The ref
 * survives StrictMode's remount. Nothing is sent without a token.
 */
export function useSendTokenOnce(token: string, send: (token: string) => void): void {
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    send(token);
  }, [token, send]);
}

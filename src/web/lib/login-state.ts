// What other pages hand to /login through router state: where to return after signing in, the
// e-mail to pre-fill and a notice to show (after registration, a password change, an accepted
// invitation or a changed e-mail).

export type LoginNotice = 'registered' | 'password_changed' | 'invitation_accepted' | 'email_changed';

export interface LoginState {
  from?: string;
  email?: string;
  notice?: LoginNotice;
}

const notices: readonly LoginNotice[] = [
  'registered',
  'password_changed',
  'invitation_accepted',
  'email_changed',
];

/** Router state is whatever was in history; read it defensively. */
export function readLoginState(state: unknown): LoginState {
  const raw = (state ?? {}) as Record<string, unknown>;
  return {
    // Only same-site paths: `//evil.example` would be another origin.
    from:
      typeof raw.from === 'string' && raw.from.startsWith('/') && !raw.from.startsWith('//')
        ? raw.from
        : undefined,
    email: typeof raw.email === 'string' ? raw.email : undefined,
    notice: notices.find((notice) => notice === raw.notice),
  };
}

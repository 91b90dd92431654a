// One error type for everything the client may see: a stable code, an HTTP status from one table,
// a message a person can act on. Anything else becomes INTERNAL_ERROR with the request id.
import type { ErrorCode } from '../shared/errors.ts';

export const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  PERIOD_RANGE_INVALID: 400,
  PASSWORD_TOO_WEAK: 400,
  REGISTRATION_PROOF_MISMATCH: 400,
  TOKEN_INVALID: 400,
  CURRENT_PASSWORD_WRONG: 400,
  CONSENT_REQUIRED: 400,
  EMAIL_TAKEN: 400,
  FORBIDDEN_ROLE: 403,
  TWO_FACTOR_REQUIRED: 403,
  REGISTRATION_CLOSED: 403,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_NOT_FOUND: 404,
  RECEIPT_NOT_FOUND: 404,
  PAYMENTS_UNAVAILABLE: 409,
  GATEWAY_UNAVAILABLE: 502,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  READING_CONFIRMATION_REQUIRED: 409,
  READING_LOCKED: 409,
  REFUND_NOT_ALLOWED: 409,
  REFUND_ALREADY_REQUESTED: 409,
  REFUND_REQUEST_DECIDED: 409,
  READING_FORMAT_INVALID: 422,
  READING_REGISTERS_INVALID: 422,
  READING_BELOW_PREVIOUS: 422,
  METER_VERIFICATION_EXPIRED: 422,
  METER_NOT_ACTIVE: 422,
  READING_WINDOW_CLOSED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = statusByCode[code];
  }
}

export const errors = {
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.'),
  unauthenticated: () => new AppError('UNAUTHENTICATED', 'Log in to continue.'),
  csrfFailed: () =>
    new AppError('CSRF_FAILED', 'The request lacks a valid X-CSRF-Token header; reload the page and retry.'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      'TOO_MANY_ATTEMPTS',
      `Too many failed attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} min.`,
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  accountNotFound: () => new AppError('ACCOUNT_NOT_FOUND', 'No such account among yours.'),
  notFound: (what = 'resource') => new AppError('NOT_FOUND', `No such ${what}.`),
  periodRangeInvalid: (message: string) => new AppError('PERIOD_RANGE_INVALID', message),
  passwordTooWeak: (problems: string[]) =>
    new AppError(
      'PASSWORD_TOO_WEAK',
      'Choose another password: at least 10 characters, not a common one, not your e-mail.',
      { problems },
    ),
  registrationProofMismatch: () =>
    new AppError(
      'REGISTRATION_PROOF_MISMATCH',
      'The account number or the amount does not match our records. Check the last receipt and try again.',
    ),
  registrationClosed: () =>
    new AppError('REGISTRATION_CLOSED', 'This organization registers subscribers by invitation only.'),
  totpRequired: () =>
    new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app (or a recovery code).'),
  totpInvalid: () => new AppError('TOTP_INVALID', 'The code is wrong or has expired; try the current one.'),
  twoFactorRequired: () =>
    new AppError(
      'TWO_FACTOR_REQUIRED',
      'Staff must turn on two-factor authentication first (profile → security).',
    ),
  emailTaken: () => new AppError('EMAIL_TAKEN', 'This address already belongs to another login.'),
  forbiddenRole: () =>
    new AppError('FORBIDDEN_ROLE', 'Your role on this account does not allow this; ask its owner.'),
  consentRequired: () =>
    new AppError(
      'CONSENT_REQUIRED',
      'Set a password and accept the personal data policy to create your login.',
    ),
  currentPasswordWrong: () => new AppError('CURRENT_PASSWORD_WRONG', 'The current password is wrong.'),
  tokenInvalid: () =>
    new AppError('TOKEN_INVALID', 'The link has expired or was already used. Request a new one.'),
};

// The stable error codes of the API. The server maps each to an HTTP status (server/errors.ts);
// the web app maps each to a translated message (web/i18n).
import { z } from 'zod';

export const errorCodes = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'UNAUTHENTICATED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'TOO_MANY_ATTEMPTS',
  'ACCOUNT_NOT_FOUND',
  'RECEIPT_NOT_FOUND',
  'PAYMENTS_UNAVAILABLE',
  'GATEWAY_UNAVAILABLE',
  'NOT_FOUND',
  'PERIOD_RANGE_INVALID',
  'PASSWORD_TOO_WEAK',
  'REGISTRATION_PROOF_MISMATCH',
  'REGISTRATION_CLOSED',
  'TOKEN_INVALID',
  'CURRENT_PASSWORD_WRONG',
  'FORBIDDEN_ROLE',
  'CONSENT_REQUIRED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TWO_FACTOR_REQUIRED',
  'EMAIL_TAKEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'READING_FORMAT_INVALID',
  'READING_REGISTERS_INVALID',
  'READING_BELOW_PREVIOUS',
  'METER_VERIFICATION_EXPIRED',
  'METER_NOT_ACTIVE',
  'READING_WINDOW_CLOSED',
  'READING_CONFIRMATION_REQUIRED',
  'READING_LOCKED',
  'IDEMPOTENCY_KEY_REUSED',
  'REFUND_NOT_ALLOWED',
  'REFUND_ALREADY_REQUESTED',
  'REFUND_REQUEST_DECIDED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

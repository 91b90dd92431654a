// Contracts of /api/v1/profile/two-factor: TOTP setup, enabling with recovery codes, disabling.
import { z } from 'zod';

export const totpSetupResponseSchema = z.object({
  /** Base32 secret to type into an authenticator app by hand. */
  secret: z.string(),
  /** otpauth:// URI for a QR code. */
  otpauthUri: z.string(),
});

export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Expected the 6-digit code'),
});

export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const disableTwoFactorSchema = z.object({
  password: z.string().min(1).max(1024),
  code: z.string().trim().min(6).max(20),
});

// Turns any thrown value into the translated, user-facing text for its error code.
import type { TFunction } from 'i18next';
import type { PasswordProblem } from '../../shared/api/registration.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { ru } from '../i18n/ru.ts';
import { type ClientErrorCode, isApiError } from './api-client.ts';

export interface ErrorText {
  message: string;
  /** Shown for INTERNAL_ERROR so support can find the log line. */
  requestId: string | null;
}

export function describeError(t: TFunction, error: unknown): ErrorText {
  if (!isApiError(error)) return { message: t('errors.UNEXPECTED_RESPONSE'), requestId: null };
  return {
    message: t(`errors.${error.code}`),
    requestId: error.code === 'INTERNAL_ERROR' ? error.requestId : null,
  };
}

/** Whole minutes until a TOO_MANY_ATTEMPTS error allows another try, when the server said. */
export function retryMinutes(error: unknown): number | null {
  if (!isApiError(error) || error.code !== 'TOO_MANY_ATTEMPTS' || !error.retryAfterSeconds) return null;
  return Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
}

const passwordProblems: readonly PasswordProblem[] = ['too_short', 'common', 'contains_email'];

/** The reasons of a PASSWORD_TOO_WEAK answer (`details.problems`); empty for any other error. */
export function passwordProblemsOf(error: unknown): PasswordProblem[] {
  if (!isApiError(error) || error.code !== 'PASSWORD_TOO_WEAK') return [];
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return ['common'];
  return passwordProblems.filter((problem) => problems.includes(problem));
}

/** The request fields a VALIDATION_FAILED answer names (`body.email` → `email`). */
export function invalidFieldsOf(error: unknown): Set<string> {
  const fields = new Set<string>();
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return fields;
  for (const issue of error.details as unknown[]) {
    const path = (issue as { path?: unknown } | null)?.path;
    if (typeof path === 'string') fields.add(path.replace(/^body\.?/, '').split('.')[0] ?? '');
  }
  fields.delete('');
  return fields;
}

/** Every API error code has a message; a new code without one fails the type check here. */
const _everyCodeTranslated: Record<ErrorCode | ClientErrorCode, string> = ru.errors;
void _everyCodeTranslated;

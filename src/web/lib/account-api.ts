// Requests for one personal account (/api/v1/accounts/:accountId/*) and their cache keys. Several
// features read the same data, so it lives here; each feature wraps it in its own query hook.
import {
  type ChargesResponse,
  chargesResponseSchema,
  type PaymentsResponse,
  paymentsResponseSchema,
  type SummaryResponse,
  summaryResponseSchema,
} from '../../shared/api/accounts.ts';
import { type MetersResponse, metersResponseSchema } from '../../shared/api/readings.ts';
import type { Period } from '../../shared/period.ts';
import { apiRequest } from './api-client.ts';

/** Missing ends mean "the server's default" (the last 12 months). */
export interface PeriodRange {
  from?: Period;
  to?: Period;
}

export const accountKeys = {
  all: (accountId: string) => ['accounts', accountId] as const,
  summary: (accountId: string) => ['accounts', accountId, 'summary'] as const,
  charges: (accountId: string, range: PeriodRange) => ['accounts', accountId, 'charges', range] as const,
  payments: (accountId: string, range: PeriodRange) => ['accounts', accountId, 'payments', range] as const,
  /** The meters and the window; each meter's history lives under it (one prefix to refresh). */
  meters: (accountId: string) => ['accounts', accountId, 'meters'] as const,
};

function accountPath(accountId: string, resource: string): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/${resource}`;
}

export function fetchSummary(accountId: string, signal?: AbortSignal): Promise<SummaryResponse> {
  return apiRequest(accountPath(accountId, 'summary'), { schema: summaryResponseSchema, signal });
}

export function fetchCharges(
  accountId: string,
  range: PeriodRange,
  signal?: AbortSignal,
): Promise<ChargesResponse> {
  return apiRequest(accountPath(accountId, 'charges'), {
    query: { from: range.from, to: range.to },
    schema: chargesResponseSchema,
    signal,
  });
}

export function fetchPayments(
  accountId: string,
  range: PeriodRange,
  signal?: AbortSignal,
): Promise<PaymentsResponse> {
  return apiRequest(accountPath(accountId, 'payments'), {
    query: { from: range.from, to: range.to },
    schema: paymentsResponseSchema,
    signal,
  });
}

/** The meters with their last readings and the submission window (the meters page and the dashboard). */
export function fetchMeters(accountId: string, signal?: AbortSignal): Promise<MetersResponse> {
  return apiRequest(accountPath(accountId, 'meters'), { schema: metersResponseSchema, signal });
}

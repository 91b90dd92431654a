// The one place that talks HTTP to the Abonent API: cookies, the CSRF header, and turning error
// bodies into ApiError. Pages never parse error responses themselves.
import type { z } from 'zod';
import { type ErrorCode, errorResponseSchema } from '../../shared/errors.ts';

/** Codes the client adds for failures that never reached the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly requestId: string | null;
  /** Seconds from the Retry-After header (429), when present. */
  readonly retryAfterSeconds: number | null;
  /** The body's `details`, e.g. `{problems}` of PASSWORD_TOO_WEAK or the fields of VALIDATION_FAILED. */
  readonly details: unknown;

  constructor(options: {
    code: ErrorCode | ClientErrorCode;
    message: string;
    status: number;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
    details?: unknown;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.details = options.details;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The CSRF token arrives with the login response and with GET /me; it lives in memory only. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The app decides where a lost session leads (the login page); the client only reports it. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | undefined>;

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Validates the response body; the contract lives in src/shared. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` for a submission that may be retried. */
  headers?: Record<string, string>;
}

export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  // A Blob (an uploaded file) goes as its own bytes with its own type; anything else as JSON.
  const isFile = options.body instanceof Blob;
  if (options.body !== undefined && !isFile) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined || isFile
          ? (options.body as Blob | undefined)
          : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', message: 'Network request failed', status: 0 });
  }

  if (!response.ok) throw await toApiError(response);

  if (response.status === 204 || !options.schema) return undefined as T;
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      message: `Unexpected response from ${path}`,
      status: response.status,
      requestId: response.headers.get('x-request-id'),
    });
  }
  return parsed.data;
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = errorResponseSchema.safeParse(json);
  const retryAfter = Number(response.headers.get('retry-after'));
  const error = parsed.success
    ? new ApiError({
        code: parsed.data.error.code,
        message: parsed.data.error.message,
        status: response.status,
        requestId: parsed.data.error.requestId,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        details: parsed.data.error.details,
      })
    : new ApiError({
        code: response.status >= 500 ? 'INTERNAL_ERROR' : 'UNEXPECTED_RESPONSE',
        message: `HTTP ${response.status}`,
        status: response.status,
        requestId: response.headers.get('x-request-id'),
      });
  if (error.code === 'UNAUTHENTICATED') {
    csrfToken = null;
    onUnauthenticated?.();
  }
  return error;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

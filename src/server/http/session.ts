// Who is calling: a session cookie (browser) or `Authorization: Bearer <token>` (apps, curl).
// Cookie-authenticated requests that change state must carry the session's CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/auth.ts';
import { API_KEY_HEADER } from '../../shared/api/imports.ts';
import type { Database } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { SessionRecord } from '../modules/auth/auth.repository.ts';
import { authenticate } from '../modules/auth/auth.service.ts';
import { sameSecret } from '../modules/auth/session-token.ts';

export interface Caller {
  session: SessionRecord;
  via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Routes that never look at the caller's session (login), so a stale cookie cannot get in the way. */
    anonymous?: boolean;
    /** Routes a billing system may call with an organization API key (X-API-Key) instead of a session. */
    apiKey?: boolean;
    /** Routes whose body is a file's raw bytes, checked by the route itself (not as JSON). */
    rawBody?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokenFrom(request: FastifyRequest): { token: string; via: Caller['via'] } | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1]!, via: 'bearer' } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function registerSessions(
  app: FastifyInstance,
  database: Database,
  options: { secureCookies: boolean },
): void {
  app.decorateRequest('caller', null);
  // Before validation, so a caller without a session learns nothing about the input rules.
  // Every /api/v1 route needs a session unless it says `config: { anonymous: true }`.
  app.addHook('preValidation', async (request, reply) => {
    // Keyed on the matched route, not the URL: unknown paths fall to the JSON 404 instead.
    const isApiRoute = request.routeOptions.url?.startsWith('/api/v1/') ?? false;
    if (!isApiRoute || request.routeOptions.config?.anonymous) return;
    // The route itself checks the key (its scope and organization).
    if (request.routeOptions.config?.apiKey && request.headers[API_KEY_HEADER] !== undefined) return;
    const presented = tokenFrom(request);
    const authenticated = presented ? await authenticate(database, presented.token) : null;
    if (!presented || !authenticated) throw errors.unauthenticated();
    const { session } = authenticated;
    if (presented.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken)) throw errors.csrfFailed();
    }
    request.caller = { session, via: presented.via };
    if (authenticated.extended && presented.via === 'cookie') {
      setSessionCookie(reply, presented.token, session.expiresAt, { secure: options.secureCookies });
    }
  });
}

export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw errors.unauthenticated();
  return request.caller;
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  options: { secure: boolean },
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: { secure: boolean }): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}

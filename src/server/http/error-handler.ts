// Every error leaves as {error:{code,message,details?,requestId}}; unknown errors become a generic
// INTERNAL_ERROR and keep their detail in the log only.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../shared/errors.ts';
import { AppError } from '../errors.ts';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const send = (status: number, code: ErrorCode, message: string, details?: unknown) =>
      reply.status(status).send({
        error: { code, message, ...(details === undefined ? {} : { details }), requestId: request.id },
      });

    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return send(error.status, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message,
      }));
      return send(400, 'VALIDATION_FAILED', 'Some fields are missing or wrong.', details);
    }
    const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (statusCode === 413) return send(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (statusCode === 415)
      return send(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json).');
    if (statusCode === 429) return send(429, 'TOO_MANY_ATTEMPTS', 'Too many requests; slow down.');
    if (statusCode === 503) return send(503, 'SERVICE_UNAVAILABLE', 'The server is busy; retry shortly.');
    if (statusCode >= 400 && statusCode < 500) {
      // Fastify's own client errors: malformed JSON, bad content length, and the like.
      return send(400, 'VALIDATION_FAILED', 'The request could not be read.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Quote the request id to support.');
  });
}

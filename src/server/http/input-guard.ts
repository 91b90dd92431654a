// PostgreSQL text cannot hold the NUL character; input carrying one is refused up front as a
// client error instead of failing deep in a query as a 500.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const NUL_IN_URL = /%00/;

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const bodyHasNul = request.body !== undefined && JSON.stringify(request.body).includes('\\u0000');
    if (bodyHasNul || NUL_IN_URL.test(request.url)) {
      throw new AppError('VALIDATION_FAILED', 'The request contains a NUL character.');
    }
  });
}

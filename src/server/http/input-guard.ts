// PostgreSQL text cannot hold the NUL character; input carrying one is refused up front as a
// client error instead of failing deep in a query as a 500.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const NUL_IN_URL = /%00/;

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // An uploaded file is raw bytes its route reads itself (imports check every cell); turning 70 MB
    // into JSON here took 25 s and 2 GB.
    const checkBody = request.body !== undefined && !request.routeOptions.config?.rawBody;
    const bodyHasNul = checkBody && JSON.stringify(request.body).includes('\\u0000');
    if (bodyHasNul || NUL_IN_URL.test(request.url)) {
      throw new AppError('VALIDATION_FAILED', 'The request contains a NUL character.');
    }
  });
}

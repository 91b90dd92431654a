// The OpenAPI document at /api/docs/json and Swagger UI at /api/docs, generated from the zod schemas.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Abonent API',
        version: '1',
        description:
          'Subscriber portal API. Money is integer kopecks; periods are YYYY-MM. Authenticate with ' +
          '`Authorization: Bearer <token>` from /api/v1/auth/login, or the session cookie plus X-CSRF-Token.',
      },
      servers: [{ url: publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}

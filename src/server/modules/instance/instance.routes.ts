// GET /api/v1/instance: public facts about this installation (demo mode and its logins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { instanceResponseSchema } from '../../../shared/api/instance.ts';
import { DEMO_OPERATOR, DEMO_SUBSCRIBER } from '../../demo/catalog.ts';
import type { ModuleContext } from '../module-context.ts';

export const instanceRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { config }) => {
  const body = {
    demo: config.demo,
    demoLogins: config.demo
      ? [
          { role: 'subscriber' as const, ...DEMO_SUBSCRIBER },
          { role: 'operator' as const, ...DEMO_OPERATOR },
        ]
      : [],
  };
  app.get(
    '/api/v1/instance',
    {
      config: { anonymous: true },
      schema: {
        tags: ['instance'],
        summary: 'Demo mode and demo logins',
        response: { 200: instanceResponseSchema },
      },
    },
    async () => body,
  );
};

// Serves the built SPA (dist/web) from disk on each request (a rebuild needs no restart) and answers
// client routes with index.html; unknown /api paths and missing files get the JSON 404.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../project-root.ts';

export const WEB_BUILD_DIR = path.join(PROJECT_ROOT, 'dist/web');

export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(path.join(WEB_BUILD_DIR, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: WEB_BUILD_DIR,
    index: false,
    setHeaders(reply, filePath) {
      // Hashed assets never change; index.html must always be fresh so a deploy takes effect.
      reply.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  // The root is a directory to the static handler; it is the app's home page to people.
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  return true;
}

export function isClientRoute(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0]!;
  return (
    !pathname.startsWith('/api/') &&
    !pathname.startsWith('/api?') &&
    pathname !== '/api' &&
    !path.extname(pathname)
  );
}

// Builds the web app (vite build) when dist/web is missing or older than its sources.
// Plain JavaScript so it runs before anything is compiled; used by `npm start` and the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/web/index.html');

function newestChange(directory) {
  if (!statSync(directory).isDirectory()) return statSync(directory).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(root, 'src/web'),
  path.join(root, 'src/shared'),
  path.join(root, 'vite.config.ts'),
];
const stale =
  !existsSync(builtIndex) ||
  sources.some((directory) => newestChange(directory) > statSync(builtIndex).mtimeMs);
if (stale) {
  console.log('Building the web app (first start or changed sources)…');
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Always the production build: the same dist/ is what `npm start` serves, even when the build
      // was triggered by the browser tests (vitest sets NODE_ENV=test, which makes React's dev build).
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

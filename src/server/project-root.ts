// The project's root (the directory with package.json), found from this module's own location, so
// the same code finds dist/web and its data files from src/ (tsx, tests) and from the compiled
// bundle in dist/server (npm start).
import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return directory;
    if (path.dirname(directory) === directory) throw new Error(`No package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Generous: browser journeys on a busy 2-core machine can take half a minute.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file opens its own PGlite (and PostgreSQL database): two at a time suits two cores.
    maxWorkers: 2,
  },
});

// What every feature module receives when it is registered on the app.
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

export interface ModuleContext {
  db: Kysely<DB>;
  /** For prepared statements on hot paths; everything else uses `db`. */
  database: Database;
  config: Config;
  /** For jobs decided by a request (mail); send them inside the request's transaction. */
  queue: JobQueue;
}

// The job queue: pg-boss on the same database as everything else (PostgreSQL or PGlite), reached
// through Kysely so PGlite's session lock covers it. Jobs are sent inside the transaction that
// decided them (an outbox without a second table) and handled at least once by idempotent handlers.
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';

export interface JobDefinition<Schema extends z.ZodType> {
  /** Queue name; one job per file under src/server/jobs/. */
  name: string;
  payload: Schema;
  retry: { limit: number; delaySeconds: number; backoff: boolean };
}

// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance or transaction can carry SQL for pg-boss
type AnyKysely = Kysely<any>;

function executorFor(db: AnyKysely): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] as never[] };
    },
  };
}

export interface JobQueueOptions {
  /** Seconds between polls of an idle worker. */
  pollingIntervalSeconds?: number;
  /** Overrides every job's retry delay (tests make retries quick). */
  retryDelaySeconds?: number;
}

export class JobQueue {
  readonly #boss: PgBoss;
  readonly #options: JobQueueOptions;
  readonly #queues = new Set<string>();

  constructor(db: AnyKysely, options: JobQueueOptions = {}) {
    this.#options = options;
    this.#boss = new PgBoss({ db: executorFor(db), schedule: false, supervise: true, migrate: true });
    this.#boss.on('error', (error) => console.error('job queue error:', error.message));
  }

  async start(definitions: JobDefinition<z.ZodType>[]): Promise<void> {
    await this.#boss.start();
    for (const definition of definitions) {
      const delay = this.#options.retryDelaySeconds ?? definition.retry.delaySeconds;
      await this.#boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retry.limit,
        retryDelay: delay,
        retryBackoff: definition.retry.backoff,
      });
      this.#queues.add(definition.name);
    }
  }

  /** Enqueues a job; pass the transaction that decided it so both commit or neither does. */
  async send<Schema extends z.ZodType>(
    definition: JobDefinition<Schema>,
    payload: z.infer<Schema>,
    transaction?: AnyKysely,
  ): Promise<void> {
    const data = definition.payload.parse(payload) as object;
    await this.#boss.send(definition.name, data, transaction ? { db: executorFor(transaction) } : {});
  }

  /** Runs `handler` for each job of this kind; a thrown error schedules a retry with backoff. */
  async work<Schema extends z.ZodType>(
    definition: JobDefinition<Schema>,
    handler: (payload: z.infer<Schema>) => Promise<void>,
  ): Promise<void> {
    await this.#boss.work(
      definition.name,
      { pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await handler(definition.payload.parse(job.data));
      },
    );
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}

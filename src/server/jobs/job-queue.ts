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

export interface QueueStatistics {
  queues: { name: string; queued: number; active: number; failedLastDay: number; completedLastDay: number }[];
  failedJobs: { id: string; name: string; failedAt: string; retries: number; error: string | null }[];
}

export class JobQueue {
  readonly #boss: PgBoss;
  readonly #db: AnyKysely;
  readonly #options: JobQueueOptions;
  readonly #queues = new Set<string>();

  constructor(db: AnyKysely, options: JobQueueOptions = {}) {
    this.#db = db;
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

  /**
   * How each queue stands (the platform admin's health page): jobs waiting and running now, and
   * jobs finished or failed for good in the last 24 hours, counting those pg-boss already archived.
   * Reads pg-boss's own tables (schema `pgboss`), which is why it lives here.
   */
  async readStatistics(): Promise<QueueStatistics> {
    const counts = await this.#db.executeQuery<{
      name: string;
      queued: string;
      active: string;
      failed: string;
      completed: string;
    }>(
      CompiledQuery.raw(`
        with recent as (
          select name, state, completed_on from pgboss.job
          union all
          select name, state, completed_on from pgboss.archive where completed_on > now() - interval '24 hours'
        )
        select q.name,
          count(*) filter (where r.state in ('created', 'retry'))::text as queued,
          count(*) filter (where r.state = 'active')::text as active,
          count(*) filter (where r.state = 'failed' and r.completed_on > now() - interval '24 hours')::text as failed,
          count(*) filter (where r.state = 'completed' and r.completed_on > now() - interval '24 hours')::text as completed
        from pgboss.queue q left join recent r on r.name = q.name
        group by q.name order by q.name`),
    );
    const failed = await this.#db.executeQuery<{
      id: string;
      name: string;
      completed_on: Date | string;
      retry_count: number;
      error: string | null;
    }>(
      CompiledQuery.raw(`
        select id, name, completed_on, retry_count, left(coalesce(output->>'message', output::text), 300) as error
        from (
          select id, name, completed_on, retry_count, output from pgboss.job
            where state = 'failed' and completed_on > now() - interval '24 hours'
          union all
          select id, name, completed_on, retry_count, output from pgboss.archive
            where state = 'failed' and completed_on > now() - interval '24 hours'
        ) failed order by completed_on desc limit 20`),
    );
    return {
      queues: counts.rows.map((row) => ({
        name: row.name,
        queued: Number(row.queued),
        active: Number(row.active),
        failedLastDay: Number(row.failed),
        completedLastDay: Number(row.completed),
      })),
      failedJobs: failed.rows.map((row) => ({
        id: row.id,
        name: row.name,
        failedAt: new Date(row.completed_on).toISOString(),
        retries: row.retry_count,
        error: row.error,
      })),
    };
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}

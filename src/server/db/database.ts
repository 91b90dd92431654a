// Opens the database the configuration names: PostgreSQL through a `pg` pool, or embedded PGlite.
// Both return the same column types: bigint → number (kopecks, checked exact), date → 'YYYY-MM-DD',
// numeric → exact decimal string, timestamptz → Date.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { toKopecks } from '../../shared/money.ts';
import type { DB } from './schema.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string | null };

/**
 * A statement that runs on every request (session lookup, dashboard summary). PostgreSQL parses and
 * plans it once per connection and reuses the plan; through Kysely it would be planned every time,
 * which costs more than running it. Keep `name` unique per text.
 */
export interface PreparedStatement<Parameters extends unknown[], Row> {
  name: string;
  text: string;
  /** Type-only: the parameter tuple and row shape. */
  readonly types?: { parameters: Parameters; row: Row };
}

export function prepared<Parameters extends unknown[], Row>(
  name: string,
  text: string,
): PreparedStatement<Parameters, Row> {
  return { name, text };
}

/** What repositories of hot paths need: running prepared statements (outside transactions). */
export interface PreparedRunner {
  runPrepared<Parameters extends unknown[], Row>(
    statement: PreparedStatement<Parameters, Row>,
    parameters: Parameters,
  ): Promise<Row[]>;
}

export interface Database extends PreparedRunner {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  /** Runs SQL with several statements (and no parameters), e.g. a bulk load; holds PGlite's lock. */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const parseBigint = (text: string) => toKopecks(text);
const keepText = (text: string) => text;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseBigint;
          if (oid === DATE || oid === NUMERIC) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection can die (server restart, admin termination); the pool replaces it. Without
    // a listener that event would crash the process.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      async runPrepared<Parameters extends unknown[], Row>(
        statement: PreparedStatement<Parameters, Row>,
        parameters: Parameters,
      ) {
        const result = await pool.query<pg.QueryResultRow, unknown[]>({
          name: statement.name,
          text: statement.text,
          values: parameters,
        });
        return result.rows as Row[];
      },
      async execScript(sql) {
        await pool.query(sql);
      },
      close: () => db.destroy(),
    };
  }

  // Loaded only when used: PGlite's module alone adds ~50 MB to a process that talks to PostgreSQL.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect, SessionLock } = await import('./pglite-dialect.ts');
  const pglite = new PGlite({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    parsers: { [INT8]: parseBigint, [NUMERIC]: keepText, [DATE]: keepText },
  });
  await pglite.waitReady;
  const lock = new SessionLock();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, lock) });
  return {
    db,
    kind: 'pglite',
    // PGlite runs in this process; its planning is cheap next to the WASM call, so no naming needed.
    runPrepared: <Parameters extends unknown[], Row>(
      statement: PreparedStatement<Parameters, Row>,
      parameters: Parameters,
    ) => lock.run(async () => (await pglite.query<Row>(statement.text, parameters)).rows),
    execScript: (sql) => lock.run(async () => void (await pglite.exec(sql))),
    close: () => db.destroy(),
  };
}

// Migrations are plain SQL scripts; PGlite's extended protocol takes one statement per query,
// so a script is split at the semicolons that end a line and run statement by statement.
import { type Kysely, sql } from 'kysely';

export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

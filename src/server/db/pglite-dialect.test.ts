import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-database.ts';
import { SessionLock } from './pglite-dialect.ts';

describe('PGlite session lock', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const lock = new SessionLock();
    const events: string[] = [];
    const holder = (name: string, ms: number) =>
      lock.run(async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name}:end`);
      });
    await Promise.all([holder('a', 30), holder('b', 1), holder('c', 10)]);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('keeps a query through the outer handle out of an open transaction', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const db = database.db;
      let outer: Promise<unknown> | null = null;
      const order: string[] = [];
      await db.transaction().execute(async (trx) => {
        await sql`create table lock_probe (n int)`.execute(trx);
        await sql`insert into lock_probe values (1)`.execute(trx);
        // Issued while the transaction is open: if it ran inside it, it would see the row
        // and be rolled back with it. It must wait until the transaction ends.
        outer = sql<{ txid: string }>`select txid_current_if_assigned()::text as txid`
          .execute(db)
          .then((result) => {
            order.push('outer');
            return result.rows[0]!.txid;
          });
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push('transaction-end');
        await sql`insert into lock_probe values (2)`.execute(trx);
      });
      // null: the outer query ran in no transaction of its own writes, i.e. not inside ours.
      expect(await outer).toBeNull();
      expect(order).toEqual(['transaction-end', 'outer']);
      const rows = await sql<{ n: number }>`select n from lock_probe order by n`.execute(db);
      expect(rows.rows.map((row) => row.n)).toEqual([1, 2]);

      // And a script through execScript waits for a transaction in the same way.
      const scriptOrder: string[] = [];
      let script: Promise<void> | null = null;
      await db.transaction().execute(async (trx) => {
        script = database
          .execScript('insert into lock_probe values (3); insert into lock_probe values (4);')
          .then(() => {
            scriptOrder.push('script');
          });
        await new Promise((resolve) => setTimeout(resolve, 30));
        await sql`insert into lock_probe values (5)`.execute(trx);
        scriptOrder.push('transaction-end');
      });
      await script;
      expect(scriptOrder).toEqual(['transaction-end', 'script']);
    } finally {
      await database.close();
    }
  });
});

// Single-use tokens (registration, password reset, later invitations): only hashes are stored, a
// token is consumed at most once (the UPDATE … WHERE used_at IS NULL decides races).
import { type Kysely, sql } from 'kysely';
import type { DB, TokenKind } from '../../db/schema.ts';

export async function insertToken(
  db: Kysely<DB>,
  token: { kind: TokenKind; tokenHash: string; userId: string | null; payload: object; lifetimeMs: number },
): Promise<void> {
  await db
    .insertInto('tokens')
    .values({
      kind: token.kind,
      token_hash: token.tokenHash,
      user_id: token.userId,
      payload: JSON.stringify(token.payload),
      expires_at: sql<Date>`now() + ${`${Math.round(token.lifetimeMs / 1000)} seconds`}::interval`,
    })
    .execute();
}

/** A token that is of this kind, unused and unexpired. */
export function findUsableToken(db: Kysely<DB>, kind: TokenKind, tokenHash: string) {
  return db
    .selectFrom('tokens')
    .select(['id', 'user_id', 'payload'])
    .where('kind', '=', kind)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/** Marks the token used; false when another request consumed it first. */
export async function consumeToken(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('tokens')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Cancels the user's pending links of these kinds (after a password or e-mail change). */
export async function expireUserTokens(db: Kysely<DB>, userId: string, ...kinds: TokenKind[]): Promise<void> {
  await db
    .updateTable('tokens')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('kind', 'in', kinds)
    .where('used_at', 'is', null)
    .execute();
}

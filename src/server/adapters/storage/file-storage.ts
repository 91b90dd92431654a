// Files the portal keeps (receipt PDFs, and the mail attachments that point at them), stored in the
// database: one truth for every process, backed up with the rest, no second system to run. A bucket
// adapter can replace it behind these two functions when files outgrow the database.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface StoredFile {
  id: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export async function storeFile(
  db: Kysely<DB>,
  file: { contentType: string; content: Buffer },
): Promise<string> {
  const { id } = await db
    .insertInto('stored_files')
    .values({
      content_type: file.contentType,
      byte_size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function readStoredFile(db: Kysely<DB>, id: string): Promise<StoredFile | undefined> {
  const row = await db
    .selectFrom('stored_files')
    .select(['id', 'content_type as contentType', 'content', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, content: Buffer.from(row.content) };
}

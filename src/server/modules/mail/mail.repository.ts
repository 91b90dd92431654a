// SQL for the mail outbox (mail_messages).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface NewMessage {
  recipient: string;
  template: string;
  locale: 'ru' | 'en';
  subject: string;
  text: string;
  html: string;
}

export async function insertMessage(db: Kysely<DB>, message: NewMessage): Promise<string> {
  const row = await db
    .insertInto('mail_messages')
    .values({
      recipient: message.recipient,
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countRecentMail(
  db: Kysely<DB>,
  recipient: string,
  templates: readonly string[],
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('mail_messages')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where(sql<string>`lower(recipient)`, '=', recipient.toLowerCase())
    .where('template', 'in', templates)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findMessage(db: Kysely<DB>, id: string) {
  return db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Marks a message sent. Sent over SMTP, its bodies are erased: they hold single-use links, and
 * only the subject and metadata stay as the record. The built-in mailbox keeps them (it is the
 * inbox people read in demo mode).
 */
export async function markSent(db: Kysely<DB>, id: string, transport: 'smtp' | 'mailbox'): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({
      status: 'sent',
      transport,
      sent_at: sql`now()`,
      attempts: sql`attempts + 1`,
      last_error: null,
      ...(transport === 'smtp' ? { text_body: '', html_body: '' } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

export async function markAttemptFailed(db: Kysely<DB>, id: string, error: string): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ attempts: sql`attempts + 1`, last_error: error })
    .where('id', '=', id)
    .execute();
}

/** Delivered mailbox messages, newest first (the demo's /dev/mailbox). */
export function listMailbox(db: Kysely<DB>, limit = 200) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'recipient', 'subject', 'text_body', 'html_body', 'created_at'])
    .where('transport', '=', 'mailbox')
    .where('status', '=', 'sent')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertAttachments(
  db: Kysely<DB>,
  messageId: string,
  attachments: { fileName: string; fileId: string }[],
): Promise<void> {
  await db
    .insertInto('mail_attachments')
    .values(
      attachments.map((attachment, position) => ({
        message_id: messageId,
        position,
        file_name: attachment.fileName,
        file_id: attachment.fileId,
      })),
    )
    .execute();
}

/** A message's attachments with their bytes, in order. */
export function listAttachments(db: Kysely<DB>, messageId: string) {
  return db
    .selectFrom('mail_attachments as ma')
    .innerJoin('stored_files as f', 'f.id', 'ma.file_id')
    .select(['ma.file_name as fileName', 'f.content_type as contentType', 'f.content'])
    .where('ma.message_id', '=', messageId)
    .orderBy('ma.position')
    .execute();
}

/** The names of the attachments of these messages (the demo mailbox lists them). */
export async function listAttachmentNames(db: Kysely<DB>, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('mail_attachments')
    .select(['message_id as messageId', 'position', 'file_name as fileName'])
    .where('message_id', 'in', messageIds)
    .orderBy('position')
    .execute();
}

// Sends one stored message. Idempotent: a message already sent is skipped, so a retried or
// duplicated job never mails twice. An SMTP failure throws, and the queue retries with backoff.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MailTransport } from '../adapters/mail/mail-transport.ts';
import type { DB } from '../db/schema.ts';
import {
  findMessage,
  listAttachments,
  markAttemptFailed,
  markSent,
} from '../modules/mail/mail.repository.ts';
import type { JobDefinition } from './job-queue.ts';

export const sendMailJob = {
  name: 'send-mail',
  payload: z.object({ messageId: z.uuid() }),
  // 12 attempts doubling from 30 s: about a day and a half of SMTP outage before giving up.
  retry: { limit: 12, delaySeconds: 30, backoff: true },
} satisfies JobDefinition<z.ZodType>;

export async function handleSendMail(
  db: Kysely<DB>,
  transport: MailTransport,
  messageId: string,
): Promise<void> {
  const message = await findMessage(db, messageId);
  if (!message || message.status === 'sent') return;
  try {
    const attachments = await listAttachments(db, messageId);
    await transport.deliver({
      to: message.recipient,
      subject: message.subject,
      text: message.text_body,
      html: message.html_body,
      ...(attachments.length > 0
        ? {
            attachments: attachments.map((attachment) => ({
              filename: attachment.fileName,
              content: Buffer.from(attachment.content),
              contentType: attachment.contentType,
            })),
          }
        : {}),
    });
  } catch (error) {
    await markAttemptFailed(db, messageId, (error as Error).message.slice(0, 500));
    throw error;
  }
  await markSent(db, messageId, transport.kind);
}

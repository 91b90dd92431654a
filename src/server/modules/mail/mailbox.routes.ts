// The built-in mailbox, demo mode only: /dev/mailbox (a page) and /dev/mailbox.json.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import type { ModuleContext } from '../module-context.ts';
import { listAttachmentNames, listAttachments, listMailbox } from './mail.repository.ts';
import { escapeHtml } from './mail.templates.ts';

const linkify = (escaped: string) =>
  escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

export const mailboxRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db }) => {
  const messages = async () => {
    const rows = await listMailbox(db);
    const attachments = await listAttachmentNames(
      db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      createdAt: row.created_at.toISOString(),
      attachments: attachments
        .filter((attachment) => attachment.messageId === row.id)
        .map((attachment) => ({
          fileName: attachment.fileName,
          url: `/dev/mailbox/${row.id}/attachments/${attachment.position}`,
        })),
    }));
  };

  app.get(
    '/dev/mailbox.json',
    {
      schema: {
        hide: true,
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              to: z.string(),
              subject: z.string(),
              text: z.string(),
              html: z.string(),
              createdAt: z.string(),
              attachments: z.array(z.object({ fileName: z.string(), url: z.string() })),
            }),
          ),
        },
      },
    },
    messages,
  );

  app.get(
    '/dev/mailbox/:messageId/attachments/:position',
    {
      schema: {
        hide: true,
        params: z.object({ messageId: z.uuid(), position: z.coerce.number().int().min(0).max(9) }),
      },
    },
    async (request, reply) => {
      const files = await listAttachments(db, request.params.messageId);
      const file = files[request.params.position];
      if (!file) throw errors.notFound('attachment');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(Buffer.from(file.content));
    },
  );

  app.get('/dev/mailbox', { schema: { hide: true } }, async (_request, reply) => {
    const items = (await messages())
      .map(
        (
          m,
        ) => `<article><h2>${escapeHtml(m.subject)}</h2><p class="meta">${escapeHtml(m.to)} · ${escapeHtml(m.createdAt)}</p>
<pre>${linkify(escapeHtml(m.text))}</pre>${m.attachments
          .map((a) => `<p>📎 <a href="${escapeHtml(a.url)}">${escapeHtml(a.fileName)}</a></p>`)
          .join('')}</article>`,
      )
      .join('\n');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Почтовый ящик (демо)</title><style>body{font-family:system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#1a1b1e}
article{border:1px solid #dee2e6;border-radius:8px;padding:12px 16px;margin:12px 0}h2{font-size:18px;margin:4px 0}
.meta{color:#555;font-size:14px;margin:0 0 8px}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><h1>Почтовый ящик демо-режима</h1><p>Письма, которые отправил бы портал. Только в демо-режиме.</p>
${items || '<p>Писем пока нет.</p>'}</body></html>`;
  });
};

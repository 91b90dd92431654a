// The sandbox bank's hosted pages (/sandbox-bank/*), registered only when config.sandboxBank is on.
// They are the bank's, not the portal's: no session, no CSRF header, hidden from the OpenAPI document.
// Forms are parsed here only (this plugin's scope), and no body is ever logged.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../../errors.ts';
import type { ModuleContext } from '../../../modules/module-context.ts';
import {
  renderFinishedPage,
  renderNotFoundPage,
  renderPayPage,
  renderThreeDsPage,
} from './sandbox-bank.pages.ts';
import {
  answerThreeDs,
  changeNotificationOptions,
  findPayment,
  payByCard,
  type SandboxPayment,
} from './sandbox-bank.service.ts';
import { createNotifier } from './sandbox-notifier.ts';

const FORM_BODY_LIMIT = 4 * 1024;
const MAX_DELAY_MS = 600_000;
const MAX_DUPLICATES = 10;

const params = z.object({ id: z.string() });
const hidden = { hide: true, params };

const optionsBody = z.object({
  delayMs: z.number().int().min(0).max(MAX_DELAY_MS),
  duplicates: z.number().int().min(0).max(MAX_DUPLICATES),
});

type Form = Record<string, string>;
const formField = (body: unknown, name: string): string | undefined => {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The form on the bank's page posts to the bank and, after a redirect, lands on the merchant's
 * return URL: browsers apply form-action to that redirect too, so its origin is allowed here.
 */
function bankPageSecurityPolicy(payment: SandboxPayment | undefined): string {
  let returnOrigin = '';
  try {
    if (payment) returnOrigin = ` ${new URL(payment.returnUrl).origin}`;
  } catch {
    // A malformed return URL gets no exception; the redirect is then refused by the browser.
  }
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${returnOrigin}; frame-ancestors 'none'; base-uri 'none'`;
}

function sendPage(reply: FastifyReply, status: number, html: string, payment?: SandboxPayment) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', bankPageSecurityPolicy(payment))
    .send(html);
}

/** Optional demo fields of the pay form: seconds of delay and extra copies of the notification. */
function readNotificationFields(body: unknown, payment: SandboxPayment) {
  const delayText =
    formField(body, 'notifyDelaySeconds')?.trim() || String(payment.notificationDelayMs / 1000);
  const duplicatesText =
    formField(body, 'notifyDuplicates')?.trim() || String(payment.notificationDuplicates);
  const delayMs = Math.round(Number(delayText.replace(',', '.')) * 1000);
  const duplicates = Number(duplicatesText);
  const valid =
    Number.isSafeInteger(delayMs) &&
    delayMs >= 0 &&
    delayMs <= MAX_DELAY_MS &&
    Number.isSafeInteger(duplicates) &&
    duplicates >= 0 &&
    duplicates <= MAX_DUPLICATES;
  return valid ? { delayMs, duplicates } : null;
}

export const sandboxBankRoutes: FastifyPluginAsyncZod<ModuleContext> = async (app, { db, config }) => {
  if (!config.sandboxBank) return;
  const notifier = createNotifier({ secret: config.sandboxBank.secret, log: (line) => app.log.info(line) });
  app.addHook('onClose', async () => notifier.close());
  const bank = { db, notifier };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.get('/sandbox-bank/pay/:id', { schema: hidden }, async (request, reply) => {
    const payment = await findPayment(db, request.params.id);
    if (!payment) return sendPage(reply, 404, renderNotFoundPage());
    if (payment.status === 'awaiting_3ds') return reply.redirect(`/sandbox-bank/3ds/${payment.id}`, 303);
    if (payment.status !== 'new') return sendPage(reply, 200, renderFinishedPage(payment), payment);
    return sendPage(reply, 200, renderPayPage({ payment }), payment);
  });

  app.post('/sandbox-bank/pay/:id', { schema: hidden }, async (request, reply) => {
    const current = await findPayment(db, request.params.id);
    if (!current) return sendPage(reply, 404, renderNotFoundPage());
    const exp = formField(request.body, 'exp');
    if (current.status === 'new') {
      const options = readNotificationFields(request.body, current);
      if (!options) {
        const problems = [
          { field: 'options' as const, message: 'Задержка — от 0 до 600 секунд, копий — от 0 до 10.' },
        ];
        return sendPage(reply, 422, renderPayPage({ payment: current, problems, exp }), current);
      }
      if (
        options.delayMs !== current.notificationDelayMs ||
        options.duplicates !== current.notificationDuplicates
      ) {
        await changeNotificationOptions(db, current.id, options);
      }
    }
    const step = await payByCard(
      bank,
      current.id,
      { card: formField(request.body, 'card'), exp, cvc: formField(request.body, 'cvc') },
      new Date(),
    );
    switch (step.kind) {
      case 'not_found':
        return sendPage(reply, 404, renderNotFoundPage());
      case 'invalid':
        return sendPage(
          reply,
          422,
          renderPayPage({ payment: step.payment, problems: step.problems, exp }),
          step.payment,
        );
      case 'awaiting_3ds':
        return reply.redirect(`/sandbox-bank/3ds/${step.payment.id}`, 303);
      case 'not_new':
        if (step.payment.status === 'awaiting_3ds')
          return reply.redirect(`/sandbox-bank/3ds/${step.payment.id}`, 303);
        return sendPage(reply, 409, renderFinishedPage(step.payment), step.payment);
      case 'finished':
        return reply.redirect(step.payment.returnUrl, 303);
    }
  });

  app.get('/sandbox-bank/3ds/:id', { schema: hidden }, async (request, reply) => {
    const payment = await findPayment(db, request.params.id);
    if (!payment) return sendPage(reply, 404, renderNotFoundPage());
    if (payment.status === 'new') return reply.redirect(`/sandbox-bank/pay/${payment.id}`, 303);
    if (payment.status !== 'awaiting_3ds') return sendPage(reply, 200, renderFinishedPage(payment), payment);
    return sendPage(reply, 200, renderThreeDsPage(payment), payment);
  });

  app.post('/sandbox-bank/3ds/:id', { schema: hidden }, async (request, reply) => {
    const step = await answerThreeDs(bank, request.params.id, formField(request.body, 'code') ?? '');
    switch (step.kind) {
      case 'not_found':
        return sendPage(reply, 404, renderNotFoundPage());
      case 'not_awaiting':
        if (step.payment.status === 'new') return reply.redirect(`/sandbox-bank/pay/${step.payment.id}`, 303);
        return sendPage(reply, 409, renderFinishedPage(step.payment), step.payment);
      case 'wrong_code':
        return sendPage(
          reply,
          422,
          renderThreeDsPage(step.payment, { attemptsLeft: step.attemptsLeft }),
          step.payment,
        );
      case 'finished':
        return reply.redirect(step.payment.returnUrl, 303);
    }
  });

  // Demo and tests: make this payment's notifications late or repeated (the timeline shows both).
  app.post(
    '/sandbox-bank/payments/:id/options',
    {
      schema: {
        hide: true,
        params,
        body: optionsBody,
        response: { 200: optionsBody.extend({ id: z.uuid() }) },
      },
    },
    async (request) => {
      const payment = await changeNotificationOptions(db, request.params.id, request.body);
      if (!payment) throw errors.notFound('sandbox bank payment');
      return {
        id: payment.id,
        delayMs: payment.notificationDelayMs,
        duplicates: payment.notificationDuplicates,
      };
    },
  );
};

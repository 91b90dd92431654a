// The sandbox bank's hosted pages as plain HTML (Russian, mobile-first, no scripts): the card form,
// 3-D Secure, a finished payment and an unknown one. Every page says it is a sandbox.
import { formatMoney } from '../../../../shared/money.ts';
import type { SandboxPayment } from './sandbox-bank.repository.ts';
import { type CardField, TEST_CARDS, THREE_DS_CODE } from './sandbox-cards.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1a1b1e;background:#f8f9fa;font-size:16px;line-height:1.45}
.banner{background:#ffe066;color:#1a1b1e;font-weight:700;text-align:center;padding:10px 12px;letter-spacing:.02em}
main{max-width:28rem;margin:0 auto;padding:16px}h1{font-size:22px;margin:8px 0 4px}
.amount{font-size:30px;font-weight:700;margin:4px 0}.muted{color:#495057;font-size:14px}
form{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:16px;margin:16px 0}
label{display:block;font-weight:600;margin:12px 0 4px}input{width:100%;font-size:18px;padding:10px;border:1px solid #adb5bd;border-radius:6px}
input[aria-invalid=true]{border-color:#c92a2a}.row{display:flex;gap:12px}.row>div{flex:1}
.error{color:#c92a2a;font-size:14px;margin:4px 0 0}.alert{background:#fff5f5;border:1px solid #c92a2a;border-radius:6px;padding:10px 12px;margin:12px 0}
button{width:100%;margin-top:16px;font-size:18px;padding:12px;border:0;border-radius:6px;background:#364fc7;color:#fff;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:14px}td{padding:4px 6px;border-top:1px solid #dee2e6}
details{margin-top:12px}summary{cursor:pointer;color:#364fc7}a{color:#364fc7}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — песочница банка</title><style>${STYLE}</style></head>
<body><div class="banner" role="note">ПЕСОЧНИЦА — деньги не списываются</div><main>${body}</main></body></html>`;
}

function summary(payment: SandboxPayment): string {
  return `<p class="muted">Оплата в пользу продавца</p><h1>${escapeHtml(payment.description)}</h1>
<p class="amount">${formatMoney(payment.amount)}</p>`;
}

interface FieldOptions {
  name: string;
  label: string;
  error: string | undefined;
  attributes: string;
  value?: string;
}

function field({ name, label, error, attributes, value }: FieldOptions): string {
  const errorId = `${name}-error`;
  return `<label for="${name}">${label}</label><input id="${name}" name="${name}" ${attributes}${
    value ? ` value="${escapeHtml(value)}"` : ''
  }${error ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}>${
    error ? `<p class="error" id="${errorId}">${escapeHtml(error)}</p>` : ''
  }`;
}

export interface PayPageInput {
  payment: SandboxPayment;
  problems?: { field: CardField | 'options'; message: string }[];
  /** Re-filled after an error; never the card number or the CVC. */
  exp?: string;
}

export function renderPayPage({ payment, problems = [], exp }: PayPageInput): string {
  const errorOf = (name: CardField | 'options') =>
    problems.find((problem) => problem.field === name)?.message;
  const alert = problems.length
    ? `<div class="alert" role="alert">Проверьте данные карты: ${problems.map((problem) => escapeHtml(problem.message)).join(' ')}</div>`
    : '';
  const testCards = TEST_CARDS.map(
    (card) => `<tr><td><code>${card.number}</code></td><td>${escapeHtml(card.label)}</td></tr>`,
  ).join('');
  return page(
    'Оплата картой',
    `${summary(payment)}${alert}
<form method="post" action="/sandbox-bank/pay/${payment.id}" novalidate>
${field({ name: 'card', label: 'Номер карты', error: errorOf('card'), attributes: 'inputmode="numeric" autocomplete="cc-number" maxlength="23" placeholder="0000 0000 0000 0000" required' })}
<div class="row"><div>${field({ name: 'exp', label: 'Срок действия (ММ/ГГ)', error: errorOf('exp'), attributes: 'inputmode="numeric" autocomplete="cc-exp" maxlength="5" placeholder="ММ/ГГ" required', value: exp })}</div>
<div>${field({ name: 'cvc', label: 'CVC', error: errorOf('cvc'), attributes: 'inputmode="numeric" autocomplete="cc-csc" maxlength="3" required' })}</div></div>
<details${errorOf('options') ? ' open' : ''}><summary>Уведомление продавцу (для демонстрации)</summary>
${field({ name: 'notifyDelaySeconds', label: 'Задержать уведомление, секунд (0–600)', error: errorOf('options'), attributes: 'inputmode="numeric" maxlength="3"', value: String(payment.notificationDelayMs / 1000) })}
${field({ name: 'notifyDuplicates', label: 'Прислать лишних копий (0–10)', error: undefined, attributes: 'inputmode="numeric" maxlength="2"', value: String(payment.notificationDuplicates) })}
</details>
<button type="submit">Оплатить ${formatMoney(payment.amount)}</button></form>
<p class="muted">Тестовые карты (срок — любой будущий, CVC — любые три цифры):</p>
<table>${testCards}<tr><td>любая другая верная</td><td>оплата проходит</td></tr></table>
<p class="muted">Банк хранит только последние четыре цифры карты.</p>`,
  );
}

export function renderThreeDsPage(payment: SandboxPayment, wrongCode?: { attemptsLeft: number }): string {
  const error = wrongCode
    ? `Код неверный. Осталось попыток: ${wrongCode.attemptsLeft}. После третьей ошибки оплата будет отклонена.`
    : undefined;
  return page(
    'Подтверждение 3-D Secure',
    `${summary(payment)}${error ? `<div class="alert" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="/sandbox-bank/3ds/${payment.id}" novalidate>
<p>Банк отправил код подтверждения на телефон владельца карты •••• ${escapeHtml(payment.cardLast4 ?? '')}.</p>
${field({ name: 'code', label: 'Код из SMS', error, attributes: 'inputmode="numeric" autocomplete="one-time-code" maxlength="6" required' })}
<button type="submit">Подтвердить</button></form>
<p class="muted">В песочнице верный код — <code>${THREE_DS_CODE}</code>.</p>`,
  );
}

const finishedText: Record<SandboxPayment['status'], string> = {
  new: 'Оплата ещё не начата.',
  awaiting_3ds: 'Оплата ждёт подтверждения 3-D Secure.',
  succeeded: 'Этот счёт уже оплачен.',
  declined: 'Банк отклонил эту оплату. Начните новую оплату на сайте продавца.',
  refunded: 'Этот счёт был оплачен, деньги возвращены.',
};

export function renderFinishedPage(payment: SandboxPayment): string {
  return page(
    'Оплата завершена',
    `${summary(payment)}<p role="status"><strong>${finishedText[payment.status]}</strong></p>
<p><a href="${escapeHtml(payment.returnUrl)}">Вернуться на сайт продавца</a></p>`,
  );
}

export function renderNotFoundPage(): string {
  return page(
    'Платёж не найден',
    '<h1>Платёж не найден</h1><p>Ссылка на оплату неверна или устарела. Начните оплату заново на сайте продавца.</p>',
  );
}

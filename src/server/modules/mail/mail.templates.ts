// The e-mails Abonent sends, in Russian and English, as text and HTML. Links are absolute, built
// from PUBLIC_URL. Nothing here logs: bodies carry single-use links.
import { formatMoney } from '../../../shared/money.ts';
import { formatDate, formatMonthYear } from '../../../shared/period.ts';

export type MailLocale = 'ru' | 'en';

type MeterLine = { resource: string; serialNumber: string; accountNumber: string };

export type MailTemplate =
  | {
      template: 'reading_window_open';
      organizationName: string;
      /** YYYY-MM */
      period: string;
      /** YYYY-MM-DD, the window's last day */
      closesOn: string;
      meters: MeterLine[];
      link: string;
      settingsLink: string;
    }
  | {
      template: 'verification_due';
      meter: MeterLine;
      verifiedUntil: string;
      link: string;
      settingsLink: string;
    }
  | {
      template: 'receipt';
      organizationName: string;
      accountNumber: string;
      kind: 'housing' | 'isp';
      /** YYYY-MM */
      period: string;
      /** Kopecks */
      amountDue: number;
      dueDate: string;
      link: string;
      settingsLink: string;
    }
  | { template: 'registration_confirm'; link: string; organizationName: string; accountNumber: string }
  | { template: 'registration_existing'; loginLink: string; resetLink: string }
  | { template: 'password_reset'; link: string }
  | { template: 'password_changed'; resetLink: string }
  | { template: 'email_change_confirm'; link: string }
  | { template: 'email_change_notice'; newEmail: string; resetLink: string }
  | {
      template: 'invitation';
      link: string;
      organizationName: string;
      accountNumber: string;
      role: 'owner' | 'member' | 'viewer';
      invitedBy: string | null;
    }
  | { template: 'staff_invitation'; link: string; organizationName: string; role: 'operator' | 'admin' };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Content {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
}

const signature = { ru: 'Абонент — личный кабинет', en: 'Abonent — subscriber portal' };

const resources: Record<MailLocale, Record<string, string>> = {
  ru: {
    cold_water: 'холодная вода',
    hot_water: 'горячая вода',
    electricity: 'электроэнергия',
    heating: 'отопление',
    gas: 'газ',
  },
  en: {
    cold_water: 'cold water',
    hot_water: 'hot water',
    electricity: 'electricity',
    heating: 'heating',
    gas: 'gas',
  },
};
const meterText = (meter: MeterLine, locale: MailLocale) =>
  locale === 'ru'
    ? `${resources.ru[meter.resource] ?? meter.resource}, счётчик № ${meter.serialNumber} (лицевой счёт ${meter.accountNumber})`
    : `${resources.en[meter.resource] ?? meter.resource}, meter No. ${meter.serialNumber} (account ${meter.accountNumber})`;

function content(mail: MailTemplate, locale: MailLocale): Content {
  const ru = locale === 'ru';
  switch (mail.template) {
    case 'reading_window_open':
      return {
        subject: ru
          ? `Передайте показания счётчиков до ${formatDate(mail.closesOn)}`
          : `Submit your meter readings by ${formatDate(mail.closesOn)}`,
        paragraphs: [
          ru
            ? `${mail.organizationName} принимает показания за ${formatMonthYear(mail.period, locale)} до ${formatDate(mail.closesOn)} включительно.`
            : `${mail.organizationName} accepts readings for ${formatMonthYear(mail.period, locale)} until ${formatDate(mail.closesOn)} inclusive.`,
          `${ru ? 'Ждут показаний' : 'Waiting for a reading'}: ${mail.meters.map((meter) => meterText(meter, locale)).join('; ')}.`,
          ru
            ? 'Без показаний начисление будет по среднему потреблению, а затем по нормативу.'
            : 'Without readings the charge is based on your average consumption, later on the standard rate.',
        ],
        action: { label: ru ? 'Передать показания' : 'Submit readings', url: mail.link },
        footnote: ru
          ? `Отключить эти напоминания можно в профиле: ${mail.settingsLink}`
          : `You can turn these reminders off in your profile: ${mail.settingsLink}`,
      };
    case 'verification_due':
      return {
        subject: ru
          ? `Срок поверки счётчика истекает ${formatDate(mail.verifiedUntil)}`
          : `Meter verification due by ${formatDate(mail.verifiedUntil)}`,
        paragraphs: [
          ru
            ? `Срок поверки истекает ${formatDate(mail.verifiedUntil)}: ${meterText(mail.meter, locale)}.`
            : `Verification expires on ${formatDate(mail.verifiedUntil)}: ${meterText(mail.meter, locale)}.`,
          ru
            ? 'После этой даты показания счётчика не принимаются, а начисление идёт по среднему, затем по нормативу с повышающим коэффициентом. Закажите поверку заранее и сообщите о ней в управляющую организацию.'
            : 'After that date its readings are refused and you are charged by the average, later by the standard rate with a surcharge. Book the verification early and tell your management company.',
        ],
        action: { label: ru ? 'Открыть счётчики' : 'Open my meters', url: mail.link },
        footnote: ru
          ? `Отключить эти напоминания можно в профиле: ${mail.settingsLink}`
          : `You can turn these reminders off in your profile: ${mail.settingsLink}`,
      };
    case 'receipt': {
      const month = formatMonthYear(mail.period, locale);
      const document = ru
        ? mail.kind === 'housing'
          ? 'Квитанция'
          : 'Счёт'
        : mail.kind === 'housing'
          ? 'Receipt'
          : 'Invoice';
      return {
        subject: ru
          ? `${document} за ${month}, лицевой счёт ${mail.accountNumber}`
          : `${document} for ${month}, account ${mail.accountNumber}`,
        paragraphs: [
          ru
            ? `${mail.organizationName}: ${document.toLowerCase()} за ${month} по лицевому счёту ${mail.accountNumber} — во вложении (PDF).`
            : `${mail.organizationName}: your ${document.toLowerCase()} for ${month}, account ${mail.accountNumber}, is attached (PDF).`,
          mail.amountDue > 0
            ? ru
              ? `К оплате ${formatMoney(mail.amountDue)} до ${formatDate(mail.dueDate)}. Оплатить можно картой в личном кабинете или по QR-коду из квитанции в приложении банка.`
              : `Amount due: ${formatMoney(mail.amountDue)} by ${formatDate(mail.dueDate)}. Pay by card in the portal, or scan the receipt's QR code in your bank's app.`
            : ru
              ? 'Оплачивать ничего не нужно: по счёту аванс или нет долга.'
              : 'Nothing to pay: the account is paid up or in advance.',
        ],
        action: { label: ru ? 'Открыть в личном кабинете' : 'Open in the portal', url: mail.link },
        footnote: ru
          ? `Отключить квитанции по e-mail можно в профиле: ${mail.settingsLink}`
          : `You can stop receipts by e-mail in your profile: ${mail.settingsLink}`,
      };
    }
    case 'registration_confirm':
      return {
        subject: ru ? 'Подтвердите регистрацию в личном кабинете' : 'Confirm your registration',
        paragraphs: [
          ru
            ? `Вы регистрируетесь в личном кабинете: ${mail.organizationName}, лицевой счёт ${mail.accountNumber}.`
            : `You are registering for the portal: ${mail.organizationName}, account ${mail.accountNumber}.`,
          ru
            ? 'Чтобы завершить регистрацию, перейдите по ссылке. Она действует 24 часа и только один раз.'
            : 'Follow the link to finish. It works once, for 24 hours.',
        ],
        action: { label: ru ? 'Подтвердить регистрацию' : 'Confirm registration', url: mail.link },
        footnote: ru
          ? 'Если вы не регистрировались, просто удалите это письмо.'
          : 'If you did not register, ignore this message.',
      };
    case 'registration_existing':
      return {
        subject: ru ? 'Попытка регистрации с вашим адресом' : 'Someone tried to register with your address',
        paragraphs: [
          ru
            ? 'Кто-то пытался зарегистрироваться в личном кабинете с этим адресом, но он уже зарегистрирован.'
            : 'Someone tried to register with this address, but it already has an account.',
          ru
            ? `Если это были вы — войдите: ${mail.loginLink}. Забыли пароль — восстановите его: ${mail.resetLink}`
            : `If it was you, log in: ${mail.loginLink}. Forgot the password? Reset it: ${mail.resetLink}`,
        ],
        footnote: ru
          ? 'Если это были не вы, ничего делать не нужно.'
          : 'If it was not you, nothing needs doing.',
      };
    case 'password_reset':
      return {
        subject: ru ? 'Восстановление пароля' : 'Reset your password',
        paragraphs: [
          ru
            ? 'Чтобы задать новый пароль, перейдите по ссылке. Она действует 1 час и только один раз.'
            : 'Follow the link to set a new password. It works once, for 1 hour.',
        ],
        action: { label: ru ? 'Задать новый пароль' : 'Set a new password', url: mail.link },
        footnote: ru
          ? 'Если вы не просили восстановить пароль, просто удалите это письмо — пароль не изменится.'
          : 'If you did not ask for this, ignore this message; your password stays the same.',
      };
    case 'invitation': {
      const roles = ru
        ? {
            owner: 'владелец',
            member: 'член семьи (может платить и передавать показания)',
            viewer: 'наблюдатель (только просмотр)',
          }
        : { owner: 'owner', member: 'member (can pay and submit readings)', viewer: 'viewer (read only)' };
      const by = mail.invitedBy ?? mail.organizationName;
      return {
        subject: ru ? 'Приглашение в личный кабинет' : 'Invitation to the subscriber portal',
        paragraphs: [
          ru
            ? `${by} приглашает вас в личный кабинет: ${mail.organizationName}, лицевой счёт ${mail.accountNumber}. Ваша роль: ${roles[mail.role]}.`
            : `${by} invites you to the portal: ${mail.organizationName}, account ${mail.accountNumber}. Your role: ${roles[mail.role]}.`,
          ru ? 'Ссылка действует 7 дней и только один раз.' : 'The link works once, for 7 days.',
        ],
        action: { label: ru ? 'Принять приглашение' : 'Accept the invitation', url: mail.link },
        footnote: ru
          ? 'Если вы не ждали приглашения, просто удалите это письмо.'
          : 'If you did not expect this, ignore it.',
      };
    }
    case 'staff_invitation': {
      const role = ru
        ? { admin: 'администратор организации', operator: 'оператор' }[mail.role]
        : { admin: "the organization's administrator", operator: 'operator' }[mail.role];
      return {
        subject: ru
          ? `Приглашение в кабинет сотрудника: ${mail.organizationName}`
          : `Staff invitation: ${mail.organizationName}`,
        paragraphs: [
          ru
            ? `Вас приглашают работать в личном кабинете «Абонент» за ${mail.organizationName}. Ваша роль: ${role}.`
            : `You are invited to work in the Abonent portal for ${mail.organizationName}. Your role: ${role}.`,
          ru
            ? 'Сотрудникам нужна двухфакторная аутентификация: после входа кабинет предложит её включить.'
            : 'Staff use two-factor authentication: after you log in, the portal will ask you to turn it on.',
          ru ? 'Ссылка действует 7 дней и только один раз.' : 'The link works once, for 7 days.',
        ],
        action: { label: ru ? 'Принять приглашение' : 'Accept the invitation', url: mail.link },
        footnote: ru
          ? 'Если вы не ждали приглашения, просто удалите это письмо.'
          : 'If you did not expect this, ignore it.',
      };
    }
    case 'email_change_confirm':
      return {
        subject: ru ? 'Подтвердите новый адрес почты' : 'Confirm your new e-mail address',
        paragraphs: [
          ru
            ? 'Этот адрес указан как новый для входа в личный кабинет. Подтвердите его по ссылке (24 часа, один раз).'
            : 'This address was given as the new login of a portal account. Confirm it (24 hours, once).',
        ],
        action: { label: ru ? 'Подтвердить адрес' : 'Confirm the address', url: mail.link },
        footnote: ru
          ? 'Если это были не вы, просто удалите письмо.'
          : 'If it was not you, ignore this message.',
      };
    case 'email_change_notice':
      return {
        subject: ru ? 'Запрошена смена адреса почты' : 'A change of your e-mail address was requested',
        paragraphs: [
          ru
            ? `Для вашего личного кабинета запрошена смена адреса почты на ${mail.newEmail}. Адрес сменится, когда его подтвердят по ссылке из письма на новый адрес.`
            : `A change of your portal login to ${mail.newEmail} was requested. It takes effect once confirmed from the new address.`,
          ru
            ? `Если это были не вы, смените пароль: ${mail.resetLink}`
            : `If it was not you, change your password: ${mail.resetLink}`,
        ],
      };
    case 'password_changed':
      return {
        subject: ru ? 'Пароль изменён' : 'Your password was changed',
        paragraphs: [
          ru
            ? 'Пароль от вашего личного кабинета изменён, все сеансы на других устройствах завершены.'
            : 'The password of your portal account was changed and every other session was ended.',
          ru
            ? `Если это были не вы, немедленно восстановите пароль: ${mail.resetLink}`
            : `If it was not you, reset your password now: ${mail.resetLink}`,
        ],
      };
  }
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function renderMail(mail: MailTemplate, locale: MailLocale): RenderedMail {
  const c = content(mail, locale);
  const text = [
    ...c.paragraphs,
    ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
    ...(c.footnote ? [c.footnote] : []),
    `— ${signature[locale]}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1a1b1e;line-height:1.5">
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${c.action ? `<p><a href="${escapeHtml(c.action.url)}" style="display:inline-block;background:#364fc7;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(c.action.label)}</a></p><p style="font-size:13px;color:#555">${escapeHtml(c.action.url)}</p>` : ''}
${c.footnote ? `<p style="font-size:13px;color:#555">${escapeHtml(c.footnote)}</p>` : ''}
<p style="font-size:13px;color:#555">— ${escapeHtml(signature[locale])}</p>
</body></html>`;
  return { subject: c.subject, text, html };
}

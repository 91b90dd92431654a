// Where mail goes: an SMTP server (nodemailer) or the built-in mailbox (messages stay in the
// database and, in demo mode, show at /dev/mailbox). One narrow interface for both.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface MailTransport {
  readonly kind: 'smtp' | 'mailbox';
  /** Resolves once the message is accepted; throws when it must be retried. */
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async deliver(mail) {
      await transporter.sendMail({ from, ...mail });
    },
    close: () => transporter.close(),
  };
}

/** The mailbox keeps every message in mail_messages; delivering just marks it sent. */
export function mailboxTransport(): MailTransport {
  return { kind: 'mailbox', async deliver() {}, close() {} };
}

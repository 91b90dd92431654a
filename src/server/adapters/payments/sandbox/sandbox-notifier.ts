// The sandbox bank's notifications to the merchant: a JSON body signed with HMAC-SHA256, sent after
// the payment's delay, in 1 + duplicates copies, each retried with backoff on a non-2xx or a network
// error. Deliveries live in this process only (a restart loses them, as a real bank may lose one).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-sandbox-signature';

export interface SandboxNotification {
  /** The bank's payment id (the gateway payment id). */
  id: string;
  /** Abonent's payment id. */
  orderId: string;
  status: 'succeeded' | 'declined' | 'refunded';
  /** Kopecks: the payment's amount, or the refund's for `refunded`. */
  amount: number;
}

export interface NotificationDelivery {
  url: string;
  notification: SandboxNotification;
  delayMs: number;
  duplicates: number;
}

export interface NotifierOptions {
  secret: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Waits before the 2nd, 3rd… attempt of one copy. */
  retryDelaysMs?: number[];
  /** Per attempt. */
  timeoutMs?: number;
}

export interface Notifier {
  /** Schedules the delivery and returns at once. */
  deliver(delivery: NotificationDelivery): void;
  /** Drops what is scheduled; attempts in flight finish without retrying. */
  close(): void;
}

export function signBody(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** Constant-time check of a hex signature against the body. */
export function signatureMatches(rawBody: string, signature: string, secret: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

export function createNotifier(options: NotifierOptions): Notifier {
  const send = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const retryDelaysMs = options.retryDelaysMs ?? [250, 1000, 5000, 15000];
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Each pending wait, so close() can end it (resolving false) instead of leaving it hanging.
  const waits = new Map<NodeJS.Timeout, (goOn: boolean) => void>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (closed) return resolve(false);
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve(!closed);
      }, ms);
      timer.unref();
      waits.set(timer, resolve);
    });

  async function sendCopy(delivery: NotificationDelivery, body: string, copy: number): Promise<void> {
    const { id, status } = delivery.notification;
    const what = `notification ${status} of payment ${id} (copy ${copy})`;
    for (let attempt = 1; attempt <= retryDelaysMs.length + 1; attempt++) {
      if (attempt > 1 && !(await wait(retryDelaysMs[attempt - 2]!))) return;
      try {
        const response = await send(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, options.secret) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) {
          log(`sandbox bank: ${what} delivered on attempt ${attempt}`);
          return;
        }
        log(`sandbox bank: ${what} attempt ${attempt} answered ${response.status}`);
      } catch (error) {
        log(`sandbox bank: ${what} attempt ${attempt} failed: ${(error as Error).message}`);
      }
    }
    log(`sandbox bank: ${what} given up after ${retryDelaysMs.length + 1} attempts`);
  }

  async function run(delivery: NotificationDelivery): Promise<void> {
    if (delivery.delayMs > 0 && !(await wait(delivery.delayMs))) return;
    const body = JSON.stringify(delivery.notification);
    const copies = Array.from({ length: 1 + delivery.duplicates }, (_, index) =>
      sendCopy(delivery, body, index + 1),
    );
    await Promise.all(copies);
  }

  return {
    deliver(delivery) {
      if (closed) return;
      void run(delivery);
    },
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve(false);
      }
      waits.clear();
    },
  };
}

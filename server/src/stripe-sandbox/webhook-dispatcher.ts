import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { StripeObject } from './sandbox-store';

export interface WebhookDispatcherOptions {
  secret: string;
  logger?: Logger;
  /** Attempts per event before giving up (Stripe retries for days; a local tool should not). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled each attempt. */
  initialBackoffMs?: number;
  requestTimeoutMs?: number;
  /** Called when an event leaves the queue (delivered or given up), so saved state can follow. */
  onSettled?: () => void;
}

/** Stripe's signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`. */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Delivers events to the webhook URL one at a time, in the order they were emitted, like a single Stripe endpoint.
 * A non-2xx answer or a network error is retried with a short exponential backoff; after the last attempt the event
 * is logged as given up and the next one goes out, so one bad event cannot stall the queue.
 */
export class WebhookDispatcher {
  private readonly queue: StripeObject[] = [];
  private url: string | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Held: nothing more is sent, the queue is kept (the app is shutting down; the state file keeps the queue). */
  private held = false;
  private idleWaiters: Array<() => void> = [];
  /** Cuts a backoff wait or an in-flight delivery short when the sandbox stops. */
  private readonly stopping = new AbortController();
  private readonly holding = new AbortController();
  readonly delivered: string[] = [];
  readonly givenUp: string[] = [];

  constructor(private readonly options: WebhookDispatcherOptions) {}

  setUrl(url: string): void {
    this.url = url;
    this.kick();
  }

  enqueue(event: StripeObject): void {
    if (this.stopped) return;
    this.queue.push(event);
    this.kick();
  }

  /** Sends nothing more (a delivery in flight finishes); what is queued stays queued. */
  hold(): void {
    this.held = true;
    this.holding.abort();
    if (!this.running) this.notifyIdle();
  }

  /** Events not yet delivered or given up, in order (the one in flight first): saved with the sandbox's state. */
  pendingEventIds(): string[] {
    return this.queue.map((event) => event.id);
  }

  /**
   * Resolves once every queued event was delivered or given up (when held: once the delivery in flight is over);
   * at once when there is nowhere to deliver to.
   */
  async idle(): Promise<void> {
    if (!this.url || ((this.queue.length === 0 || this.held) && !this.running)) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.stopping.abort();
    await this.running;
    this.notifyIdle();
  }

  private kick(): void {
    if (this.running || this.held || !this.url || this.queue.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 && !this.stopped && !this.held) this.kick();
      else this.notifyIdle();
    });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped && !this.held && this.url) {
      const event = this.queue[0]!;
      if (!(await this.deliver(event))) return; // not settled: stays queued (and saved) for the next start
      this.queue.shift();
      this.options.onSettled?.();
    }
  }

  /** True once the event is settled: delivered, or given up after the last attempt. */
  private async deliver(event: StripeObject): Promise<boolean> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const payload = JSON.stringify(event, null, 2);
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts && !this.stopped && !this.held; attempt++) {
      try {
        const response = await fetch(this.url!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': signatureHeader(payload, this.options.secret),
          },
          body: payload,
          signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.delivered.push(event.id);
          this.options.logger?.debug({ event: event.id, type: event.type, attempt }, 'stripe sandbox: webhook delivered');
          return true;
        }
        lastProblem = `HTTP ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      if (attempt < maxAttempts && !this.stopped && !this.held) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, (this.options.initialBackoffMs ?? 100) * 2 ** (attempt - 1));
          const cut = () => (clearTimeout(timer), resolve());
          this.stopping.signal.addEventListener('abort', cut, { once: true });
          this.holding.signal.addEventListener('abort', cut, { once: true });
        });
      }
    }
    if (this.stopped || this.held) return false;
    this.givenUp.push(event.id);
    this.options.logger?.warn({ event: event.id, type: event.type, attempts: maxAttempts, lastProblem }, 'stripe sandbox: gave up delivering a webhook');
    return true;
  }
}

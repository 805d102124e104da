import { newId } from './sandbox-ids';

/** Stripe objects are kept as the JSON Stripe would send: loose on purpose, shaped by stripe-objects.ts. */
export type StripeObject = Record<string, any>;

export const SANDBOX_API_VERSION = '2026-10-28.endive';

/** How the card a customer gave behaves on later charges (Stripe's test cards). */
export interface CardOnFile {
  paymentMethod: string;
  last4: string;
  /** `fails_later`: 4000 0000 0000 0341, attaches and pays at checkout, declines every later charge. */
  behavior: 'succeeds' | 'fails_later';
}

/** What Stripe keeps about a Checkout Session without returning it: the line items and the data for what it will create. */
export interface CheckoutSessionPlan {
  lineItems: Array<{ price: StripeObject; quantity?: number }>;
  subscriptionData: StripeObject;
  paymentIntentData: StripeObject;
}

/** Per-subscription bookkeeping Stripe keeps out of the object: failed-payment retries and sent reminders. */
export interface SubscriptionRuntime {
  trialWillEndSentFor?: number;
  /** The open invoice being retried, when the next attempt is due and how many retries remain. */
  dunning?: { invoice: string; nextAttemptAt: number; retriesDone: number };
}

/**
 * The sandbox's clock. Frozen at `now` when a start time is given (tests: nothing moves unless advanced); otherwise
 * it follows wall time plus whatever was advanced (development: objects get real timestamps).
 */
export class SandboxTime {
  private frozen?: number;
  private offsetMs = 0;
  constructor(start?: Date) {
    if (start) this.frozen = start.getTime();
  }
  nowMs(): number {
    return this.frozen ?? Date.now() + this.offsetMs;
  }
  set(ms: number): void {
    if (this.frozen !== undefined) this.frozen = ms;
    else this.offsetMs = ms - Date.now();
  }
}

/** Which API request (if any) caused the events being emitted; Stripe puts it on each event's `request`. */
export interface RequestContext {
  id: string | null;
  idempotency_key: string | null;
}

/**
 * In-memory state of one sandbox: every object by kind, the event log, and what Stripe keeps behind the scenes.
 * Every Map here holds plain JSON, so sandbox-state-file.ts can save and restore all of them without a list.
 */
export class SandboxStore {
  readonly customers = new Map<string, StripeObject>();
  readonly products = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly schedules = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly meters = new Map<string, StripeObject>();
  readonly meterEvents = new Map<string, StripeObject>();
  readonly events = new Map<string, StripeObject>();

  readonly cards = new Map<string, CardOnFile>();
  /** Proration lines waiting for a subscription's next invoice. */
  readonly pendingLines = new Map<string, StripeObject[]>();
  readonly subscriptionRuntime = new Map<string, SubscriptionRuntime>();
  readonly checkoutPlans = new Map<string, CheckoutSessionPlan>();
  currentRequest: RequestContext = { id: null, idempotency_key: null };

  constructor(
    readonly time: SandboxTime,
    readonly baseUrl: () => string,
    private readonly onEvent: (event: StripeObject) => void,
  ) {}

  now(): number {
    return Math.floor(this.time.nowMs() / 1000);
  }

  /** Records an event with a snapshot of the object (and what changed) and hands it to the webhook dispatcher. */
  emit(type: string, object: StripeObject, previousAttributes?: StripeObject): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: SANDBOX_API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { ...this.currentRequest },
      type,
    };
    if (this.held) this.held.push(event);
    else this.record(event);
    return event;
  }

  private held: StripeObject[] | null = null;

  private record(event: StripeObject): void {
    this.events.set(event.id, event);
    this.onEvent(event);
  }

  /**
   * Runs `work` with its events held back, then sends `first`'s events before them. Checkout needs this: Stripe sends
   * `checkout.session.completed` before the subscription and invoice events that completing the session caused.
   */
  withEventsAfter<T>(work: () => T, first: (result: T) => void): T {
    this.held = [];
    let held: StripeObject[];
    let result: T;
    try {
      result = work();
    } finally {
      held = this.held;
      this.held = null;
    }
    first(result);
    for (const event of held) this.record(event);
    return result;
  }

  /** Emits `<kind>.updated` with the top-level attributes that changed since `before` (Stripe's previous_attributes). */
  emitUpdated(type: string, before: StripeObject, after: StripeObject): void {
    const previous: StripeObject = {};
    for (const key of Object.keys(after)) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = structuredClone(before[key] ?? null);
    }
    if (Object.keys(previous).length > 0) this.emit(type, after, previous);
  }

  runtime(subscriptionId: string): SubscriptionRuntime {
    let runtime = this.subscriptionRuntime.get(subscriptionId);
    if (!runtime) this.subscriptionRuntime.set(subscriptionId, (runtime = {}));
    return runtime;
  }

  /** Any stored object by id, for `expand[]`. */
  lookup(id: string): StripeObject | undefined {
    for (const collection of [this.customers, this.products, this.prices, this.subscriptions, this.schedules, this.invoices, this.paymentIntents, this.checkoutSessions, this.meters]) {
      const found = collection.get(id);
      if (found) return found;
    }
    return undefined;
  }
}

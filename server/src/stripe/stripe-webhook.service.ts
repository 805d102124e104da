import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Actor } from '../modules/audit/actor';
import type { AuditLogService } from '../modules/audit/audit-log.service';
import { DomainError } from '../shared/domain-error';
import { ErrorCode } from '../shared/error-code';
import { newestFirstPage } from '../shared/newest-first-page';
import type { Page, PageRequest } from '../shared/pagination';
import type { StripeEventEffect, StripeEventHandlers } from './stripe-event.handlers';
import { StripeEventEntity, type StripeEventStatus } from './stripe-event.entity';

/** After this many failed attempts the retry job gives up; an admin can still replay the event. */
export const MAX_ATTEMPTS = 10;
/** A claim lasts this long: an instance that dies mid-apply leaves the event to the retry job afterwards. */
const LEASE_MS = 5 * 60_000;
/** A stored event the in-process attempt never reached (the instance stopped) is picked up after this. */
const SAFETY_NET_MS = 60_000;
const RETRY_BATCH = 20;

/** 30 s, 1 min, 2 min … doubling per attempt, at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 6 * 3_600_000);
}

export interface StripeEventFilter {
  type?: string;
  status?: StripeEventStatus;
}

/** In claim conditions $1 is now; $3 onwards are the caller's parameters. */
const CLAIMABLE = `(status = 'received' OR (status IN ('failed', 'processing') AND next_attempt_at <= $1))`;

/**
 * The webhook log and its processing. An event is stored first (Stripe's id is the primary key, so a duplicate
 * delivery stores nothing), then applied: at once in-process, and for failures by the retry job with exponential
 * backoff. Processing claims an event by a compare-and-set on its status (and the retry job with SKIP LOCKED),
 * so two instances never apply one event at the same time.
 */
export class StripeWebhookService {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly database: Database,
    private readonly handlers: StripeEventHandlers,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Stores a verified event; `stored: false` when that id was stored before (a duplicate delivery). */
  async receive(event: Stripe.Event): Promise<{ stored: boolean }> {
    const now = this.clock.now();
    const rows = (await this.database.asPlatform((m) =>
      m.query(
        `INSERT INTO stripe_events (id, type, api_version, livemode, created, payload, received_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, event.api_version ?? null, event.livemode, new Date(event.created * 1000), event, now, new Date(now.getTime() + SAFETY_NET_MS)],
      ),
    )) as Array<{ id: string }>;
    return { stored: rows.length > 0 };
  }

  /** Applies one stored event if no one else holds it; answers its row afterwards (null: unknown or busy). */
  async process(eventId: string): Promise<StripeEventEntity | null> {
    const claimed = await this.claim(`id = $3 AND ${CLAIMABLE}`, [eventId]);
    if (claimed.length === 0) return null;
    await this.run(claimed[0]!);
    return this.get(eventId);
  }

  /** Applies a just-stored event after the HTTP answer; a failure is recorded on the event for the retry job. */
  processInBackground(eventId: string): void {
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.process(eventId))
      .catch((error: unknown) => this.logger.error({ err: error, stripeEvent: eventId }, 'stripe event processing crashed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Resolves once every background application started so far has finished (shutdown, tests). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The retry job: applies every event whose next attempt is due. Answers how many it attempted. */
  async retryDue(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await this.claim(
        `id IN (SELECT id FROM stripe_events WHERE status IN ('received', 'failed', 'processing') AND next_attempt_at <= $1
                ORDER BY next_attempt_at LIMIT ${RETRY_BATCH} FOR UPDATE SKIP LOCKED)`,
        [],
      );
      for (const event of due) await this.run(event);
      attempted += due.length;
      if (due.length < RETRY_BATCH) return attempted;
    }
  }

  /** A platform admin applies an event again, whatever its status (unless it is being applied right now). */
  async replay(eventId: string, actor: Actor): Promise<StripeEventEntity> {
    const existing = await this.get(eventId);
    if (!existing) throw new DomainError(ErrorCode.NOT_FOUND, 'No such Stripe event');
    const claimed = await this.claim(`id = $3 AND NOT (status = 'processing' AND next_attempt_at > $1)`, [eventId]);
    if (claimed.length === 0) throw new DomainError(ErrorCode.CONFLICT, 'This event is being applied right now; try again shortly');
    await this.database.asPlatform((m) =>
      this.audit.record(m, actor, {
        organizationId: existing.organizationId,
        action: 'stripe.event_replayed',
        targetType: 'stripe_event',
        targetId: eventId,
        before: { status: existing.status, attempts: existing.attempts, lastError: existing.lastError },
      }),
    );
    await this.run(claimed[0]!);
    return (await this.get(eventId))!;
  }

  get(eventId: string): Promise<StripeEventEntity | null> {
    return this.database.asPlatform((m) => m.findOneBy(StripeEventEntity, { id: eventId }));
  }

  /** The webhook log, newest first. */
  list(filter: StripeEventFilter, page: PageRequest): Promise<Page<StripeEventEntity>> {
    return this.database.asPlatform((m) => {
      const query = m.createQueryBuilder(StripeEventEntity, 'event').where('true');
      if (filter.type) query.andWhere('event.type = :type', { type: filter.type });
      if (filter.status) query.andWhere('event.status = :status', { status: filter.status });
      return newestFirstPage(
        query,
        { alias: 'event', timeColumn: 'received_at', idColumn: 'id', idType: 'text', timeOf: (e) => e.receivedAt, idOf: (e) => e.id },
        page,
      );
    });
  }

  /** Takes the matching events for this instance: status processing, one more attempt, a lease until it finishes. */
  private async claim(condition: string, params: unknown[]): Promise<Array<{ id: string; payload: Stripe.Event; attempts: number }>> {
    const now = this.clock.now();
    const result = (await this.database.asPlatform((m) =>
      m.query(
        `UPDATE stripe_events SET status = 'processing', attempts = attempts + 1, next_attempt_at = $2
         WHERE ${condition} RETURNING id, payload, attempts`,
        [now, new Date(now.getTime() + LEASE_MS), ...params],
      ),
    )) as [Array<{ id: string; payload: Stripe.Event; attempts: number }>, number];
    return result[0];
  }

  private async run(event: { id: string; payload: Stripe.Event; attempts: number }): Promise<void> {
    let effect: StripeEventEffect;
    try {
      effect = await this.handlers.apply(event.payload);
    } catch (error) {
      await this.fail(event, error);
      return;
    }
    await this.database.asPlatform(async (m) => {
      await this.finish(m, event.id, effect);
      if (effect.status === 'applied' && effect.organizationId) {
        await this.audit.record(m, { type: 'stripe', id: event.id }, {
          organizationId: effect.organizationId,
          action: 'stripe.event_applied',
          targetType: 'stripe_event',
          targetId: event.id,
          after: { type: event.payload.type, ...effect.summary },
        });
      }
    });
    this.logger.info({ stripeEvent: event.id, type: event.payload.type, status: effect.status }, 'stripe event processed');
  }

  private async finish(m: EntityManager, eventId: string, effect: StripeEventEffect): Promise<void> {
    await m.query(
      `UPDATE stripe_events SET status = $2, applied_at = $3, last_error = NULL, next_attempt_at = NULL, organization_id = COALESCE($4, organization_id)
       WHERE id = $1 AND status = 'processing'`,
      [eventId, effect.status, this.clock.now(), effect.organizationId],
    );
  }

  private async fail(event: { id: string; payload: Stripe.Event; attempts: number }, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const nextAttemptAt = event.attempts >= MAX_ATTEMPTS ? null : new Date(this.clock.now().getTime() + retryDelayMs(event.attempts));
    this.logger.warn({ err: error, stripeEvent: event.id, type: event.payload.type, attempts: event.attempts, nextAttemptAt }, 'stripe event failed');
    await this.database.asPlatform((m) =>
      m.query(`UPDATE stripe_events SET status = 'failed', last_error = $2, next_attempt_at = $3 WHERE id = $1 AND status = 'processing'`, [
        event.id,
        message,
        nextAttemptAt,
      ]),
    );
  }
}

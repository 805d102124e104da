import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { StripeBillingGateway } from '../../stripe/stripe-billing.gateway';
import { PaymentProviderError } from '../../stripe/payment-provider.errors';
import { meterEventName } from './stripe-catalog-sync.service';

interface UnreportedOverage {
  organization_id: string;
  idempotency_key: string;
  stripe_meter_identifier: string | null;
  overage: string;
  occurred_at: Date;
  stripe_customer_id: string;
  feature_key: string;
}

/** Stripe's meter event identifier for a usage event: stable, unique per event, and within Stripe's 100 characters. */
export function meterIdentifierOf(organizationId: string, idempotencyKey: string): string {
  return `ue_${createHash('sha256').update(`${organizationId}/${idempotencyKey}`).digest('hex')}`;
}

/** Restricts an UPDATE of `usage_events e` to the events given as $1 organizations and $2 keys (see eventsNamed). */
const EVENTS_NAMED = `FROM unnest($1::uuid[], $2::text[]) AS n(organization_id, idempotency_key)
  WHERE e.organization_id = n.organization_id AND e.idempotency_key = n.idempotency_key`;
const eventsNamed = (events: UnreportedOverage[]) => [events.map((e) => e.organization_id), events.map((e) => e.idempotency_key)];

export interface OverageReport {
  reported: number;
  failed: number;
}

/**
 * Sends overage (usage past the limit of an `overage` entitlement) to Stripe's billing meters, off the request
 * path (a pg-boss job). Each usage event is one meter event whose identifier is derived from the event's own key
 * (meterIdentifierOf), so Stripe itself drops a repeat; an event is marked reported only after Stripe accepted
 * it, and one Stripe refused stays unreported for the next run. Rows are claimed with SKIP LOCKED, so two runs at once never send the same event.
 */
export class StripeOverageReporter {
  constructor(
    private readonly database: Database,
    private readonly stripe: StripeBillingGateway,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly batchSize = 100,
  ) {}

  /** Reports batches until none is left (or a batch had failures: those wait for the next run). */
  async reportDue(): Promise<OverageReport> {
    const total: OverageReport = { reported: 0, failed: 0 };
    for (;;) {
      const batch = await this.reportBatch();
      total.reported += batch.reported;
      total.failed += batch.failed;
      if (batch.failed > 0 || batch.reported < this.batchSize) return total;
    }
  }

  private reportBatch(): Promise<OverageReport> {
    return this.database.asPlatform(async (m) => {
      // Fewest attempts first: an event Stripe keeps refusing cannot hold back newer ones.
      // Only organizations with a Stripe customer and features with a meter can be billed; the rest waits
      // (a meter event for a customer without a metered price is accepted by Stripe and bills nothing).
      const due: UnreportedOverage[] = await m.query(
        `SELECT e.organization_id, e.idempotency_key, e.stripe_meter_identifier, e.overage_quantity AS overage, e.occurred_at, o.stripe_customer_id, e.feature_key
           FROM usage_events e
           JOIN organizations o ON o.id = e.organization_id
           JOIN features f ON f.key = e.feature_key
          WHERE e.overage_quantity > 0 AND e.stripe_meter_reported_at IS NULL
            AND o.stripe_customer_id IS NOT NULL AND f.stripe_meter_id IS NOT NULL
          ORDER BY e.stripe_meter_attempts, e.created_at
          LIMIT $1
          FOR UPDATE OF e SKIP LOCKED`,
        [this.batchSize],
      );
      const accepted: UnreportedOverage[] = [];
      const refused: UnreportedOverage[] = [];
      for (const event of due) {
        try {
          await this.stripe.reportMeterEvent({
            eventName: meterEventName(event.feature_key),
            customerId: event.stripe_customer_id,
            value: Number(event.overage),
            identifier: event.stripe_meter_identifier ?? meterIdentifierOf(event.organization_id, event.idempotency_key),
            timestamp: new Date(event.occurred_at),
          });
          accepted.push(event);
        } catch (error) {
          if (!(error instanceof PaymentProviderError)) throw error;
          refused.push(event);
        }
      }
      if (accepted.length) {
        await m.query(`UPDATE usage_events e SET stripe_meter_reported_at = $3 ${EVENTS_NAMED}`, [...eventsNamed(accepted), this.clock.now()]);
      }
      if (refused.length) {
        await m.query(`UPDATE usage_events e SET stripe_meter_attempts = stripe_meter_attempts + 1 ${EVENTS_NAMED}`, eventsNamed(refused));
        this.logger.warn({ refused: refused.length, reported: accepted.length }, 'overage meter events refused by Stripe; retried on the next run');
      }
      return { reported: accepted.length, failed: refused.length };
    });
  }
}

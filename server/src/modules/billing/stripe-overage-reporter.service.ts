import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { StripeBillingGateway } from '../../stripe/stripe-billing.gateway';
import { PaymentProviderError } from '../../stripe/payment-provider.errors';
import { meterEventName } from './stripe-catalog-sync.service';

interface UnreportedOverage {
  id: string;
  overage: string;
  occurred_at: Date;
  stripe_customer_id: string;
  feature_key: string;
}

export interface OverageReport {
  reported: number;
  failed: number;
}

/**
 * Sends overage (usage past the limit of an `overage` entitlement) to Stripe's billing meters, off the request
 * path (a pg-boss job). Each usage event is one meter event whose identifier is the usage event's id, so Stripe
 * itself drops a repeat; an event is marked reported only after Stripe accepted it, and one Stripe refused stays
 * unreported for the next run. Rows are claimed with SKIP LOCKED, so two runs at once never send the same event.
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
        `SELECT e.id, e.overage_quantity AS overage, e.occurred_at, o.stripe_customer_id, e.feature_key
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
      const accepted: string[] = [];
      const refused: string[] = [];
      for (const event of due) {
        try {
          await this.stripe.reportMeterEvent({
            eventName: meterEventName(event.feature_key),
            customerId: event.stripe_customer_id,
            value: Number(event.overage),
            identifier: event.id,
            timestamp: new Date(event.occurred_at),
          });
          accepted.push(event.id);
        } catch (error) {
          if (!(error instanceof PaymentProviderError)) throw error;
          refused.push(event.id);
        }
      }
      if (accepted.length) {
        await m.query(`UPDATE usage_events SET stripe_meter_reported_at = $2 WHERE id = ANY($1::uuid[])`, [accepted, this.clock.now()]);
      }
      if (refused.length) {
        await m.query(`UPDATE usage_events SET stripe_meter_attempts = stripe_meter_attempts + 1 WHERE id = ANY($1::uuid[])`, [refused]);
        this.logger.warn({ refused: refused.length, reported: accepted.length }, 'overage meter events refused by Stripe; retried on the next run');
      }
      return { reported: accepted.length, failed: refused.length };
    });
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * usage_events is the highest-volume table; this makes each row about a third smaller and drops one index:
 * - The answer given the first time (for replays) moves from a jsonb document to four typed columns: no JSON
 *   object built per row, and no key names stored per row.
 * - The random uuid primary key goes: nothing refers to an event by it, and every insert paid for a random
 *   position in its B-tree. The idempotency key, unique per organization already, becomes the primary key.
 * - Stripe meter events were identified by that id; they are now identified by a hash of (organization, key)
 *   (StripeOverageReporter). Events whose overage was not reported yet keep their old id as identifier, so one
 *   that Stripe accepted but that was not marked reported cannot be billed twice.
 * On an existing installation the table is rewritten once.
 */
export class UsageEventsSlim1764300000000 implements MigrationInterface {
  name = 'UsageEventsSlim1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE usage_events
        ADD COLUMN answer_used bigint,
        ADD COLUMN answer_limit bigint,
        ADD COLUMN answer_resets_at timestamptz(3),
        ADD COLUMN answer_overage boolean,
        ADD COLUMN stripe_meter_identifier text`);
    await q.query(`
      UPDATE usage_events SET
        answer_used = (result->>'used')::bigint,
        answer_limit = (result->>'limit')::bigint,
        answer_resets_at = (result->>'resetsAt')::timestamptz,
        answer_overage = (result->>'overage')::boolean,
        stripe_meter_identifier = CASE WHEN overage_quantity > 0 AND stripe_meter_reported_at IS NULL THEN id::text END`);
    await q.query(`
      ALTER TABLE usage_events
        ALTER COLUMN answer_used SET NOT NULL,
        ALTER COLUMN answer_overage SET NOT NULL,
        DROP COLUMN result,
        DROP COLUMN id,
        DROP CONSTRAINT uq_usage_events_idempotency,
        ADD CONSTRAINT usage_events_pkey PRIMARY KEY (organization_id, idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE usage_events ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(), ADD COLUMN result jsonb`);
    await q.query(`
      UPDATE usage_events SET
        id = COALESCE(stripe_meter_identifier::uuid, id),
        result = jsonb_build_object('featureKey', feature_key, 'used', answer_used, 'limit', answer_limit,
                                    'resetsAt', answer_resets_at, 'overage', answer_overage)`);
    await q.query(`
      ALTER TABLE usage_events
        ALTER COLUMN result SET NOT NULL,
        DROP CONSTRAINT usage_events_pkey,
        ADD PRIMARY KEY (id),
        ADD CONSTRAINT uq_usage_events_idempotency UNIQUE (organization_id, idempotency_key),
        DROP COLUMN answer_used, DROP COLUMN answer_limit, DROP COLUMN answer_resets_at, DROP COLUMN answer_overage,
        DROP COLUMN stripe_meter_identifier`);
  }
}

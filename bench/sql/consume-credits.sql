-- consumeCredits, one call (eventKey api_call_basic, quantity 1): the statements CreditLedgerService.consumeCredits
-- sends (server/src/modules/credits), one for one and in order, as a run captures them from the real services.
-- `fp=` names the fingerprint of the gateway statement each one mirrors (bench/statement-capture.cjs).
--
-- Variables: :org (-D for the hot one; a per-transaction lookup for the 1,000-organization run), :now (fixed for
-- the run), :event/:setting/:kind the catalog keys, :chash the request hash, :actor_type/:actor the API key as
-- actor, :key a fresh idempotency key per transaction. The balance comes back from lockBalance (\gset) and the
-- new balance is computed here, as appendEntry computes it in Node (cost 1, purchased credits first).
-- Deviations from the gateway's text, all equivalent in work: the ledger row id is made by the database
-- (gen_random_uuid()) instead of Node's randomUUID(), and null parameters are written as NULL (pgbench variables
-- cannot be null).
-- Left out on purpose: the API-key authentication and the hourly request limit (gateway cost, see check-and-track.sql).
\set key random(1, 9223372036854775806)
\set qty 1
\set unit_cost 1
\set zero 0
\set purchased_delta -1

-- fp=31af9d39b4  Database.inTenant -> TypeORM DataSource.transaction (server/src/db/database.ts)
START TRANSACTION;

-- fp=ee13cf3ec9  Database.inTenant: the tenant role and the organization setting in one round trip
SELECT set_config('role', 'tollgate_tenant', true), set_config('app.current_org', :org, true);

-- fp=afb892d358  withIdempotency -> lockBalance (credits/credit-ledger-entry.ts): takes the balance row's lock
INSERT INTO credit_balances AS b (organization_id, updated_at) VALUES (:org, :now)
     ON CONFLICT (organization_id) DO UPDATE SET organization_id = b.organization_id
     RETURNING purchased, subscription, subscription_expires_at, low_balance_threshold, below_threshold \gset

-- fp=f8ce2a2b45  withIdempotency -> findByKey (credits/credit-ledger.service.ts): is the key new? (a hit also loads the row)
SELECT id FROM credit_transactions WHERE organization_id = :org AND kind = :kind AND idempotency_key = :key;

-- fp=a20653bb27  consumptionPricing (credits/credit-ledger.service.ts): unit cost and consumption order
SELECT e.credit_cost, (SELECT s.value #>> '{}' FROM platform_settings s WHERE s.key = :setting) AS consumption_order
     FROM credit_events e WHERE e.key = :event AND e.active;

\set purchased_after :purchased - 1
-- fp=7c09a6eba7  appendEntry (credits/credit-ledger-entry.ts): the ledger row (INSERT_TRANSACTION_SQL, TypeORM's own text)
INSERT INTO "credit_transactions"("id", "organization_id", "kind", "purchased_delta", "subscription_delta", "purchased_balance_after", "subscription_balance_after", "expires_at", "period_start", "subscription_id", "event_key", "quantity", "unit_cost", "idempotency_key", "request_hash", "reason", "actor_type", "actor_id", "metadata", "created_at") VALUES (gen_random_uuid(), :org, :kind, :purchased_delta, :zero, :purchased_after, :subscription, NULL, NULL, NULL, :event, :qty, :unit_cost, :key, :chash, NULL, :actor_type, :actor, :metadata, :now);

-- fp=2ff6444998  appendEntry: the new balance (no low-balance alert: the bench balance stays far above its threshold)
UPDATE credit_balances
     SET purchased = :purchased_after, subscription = :subscription, subscription_expires_at = :subscription_expires_at, below_threshold = :below_threshold, updated_at = :now
     WHERE organization_id = :org;

-- fp=17e4d77388  TypeORM DataSource.transaction
COMMIT;

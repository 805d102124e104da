import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDatabase, migrationDataSource as dataSourceWith, type TestDatabase } from '../../../test/support/test-database';
import { UsageEventsSlim1764300000000 } from './1764300000000-usage-events-slim';
import { migrations } from './index';

/** Events recorded before 1764300000000-usage-events-slim keep their answers and their Stripe meter identifiers. */
describe('migration: usage events slim', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const organizationId = randomUUID();
  const overageEventId = randomUUID();
  // The chain up to this migration, whatever comes after it: undoLastMigration must undo this one.
  const slimAt = migrations.indexOf(UsageEventsSlim1764300000000);

  beforeAll(async () => {
    database = await createTestDatabase();
    const before = dataSourceWith(database.url, migrations.slice(0, slimAt));
    await before.initialize();
    await before.runMigrations();
    await before.query(
      `INSERT INTO usage_events (id, organization_id, feature_key, quantity, overage_quantity, occurred_at, window_start, idempotency_key, request_hash, result)
       VALUES ($1, $2, 'api_calls', 5, 2, now(), '2026-11-01T00:00:00Z', 'over', 'h1',
               '{"featureKey":"api_calls","used":102,"limit":100,"resetsAt":"2026-12-01T00:00:00+00:00","overage":true}'),
              (gen_random_uuid(), $2, 'messages', 1, 0, now(), '2026-11-23T00:00:00Z', 'plain', 'h2',
               '{"featureKey":"messages","used":7,"limit":null,"resetsAt":null,"overage":false}')`,
      [overageEventId, organizationId],
    );
    await before.destroy();
    dataSource = dataSourceWith(database.url, migrations.slice(0, slimAt + 1));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('moves the stored answer to columns, keys events by (organization, key) and keeps unreported overage identifiable', async () => {
    const rows = await dataSource.query(
      `SELECT idempotency_key, answer_used::int AS used, answer_limit::int AS "limit", answer_resets_at, answer_overage, stripe_meter_identifier
       FROM usage_events ORDER BY idempotency_key`,
    );
    expect(rows).toEqual([
      { idempotency_key: 'over', used: 102, limit: 100, answer_resets_at: new Date('2026-12-01T00:00:00Z'), answer_overage: true, stripe_meter_identifier: overageEventId },
      { idempotency_key: 'plain', used: 7, limit: null, answer_resets_at: null, answer_overage: false, stripe_meter_identifier: null },
    ]);
    const [key] = await dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'usage_events'::regclass AND contype = 'p'`,
    );
    expect(key.definition).toBe('PRIMARY KEY (organization_id, idempotency_key)');
  });

  it('goes back down with the same answers and the overage event under its old id', async () => {
    await dataSource.undoLastMigration();
    const rows = await dataSource.query(`SELECT id, idempotency_key, result FROM usage_events ORDER BY idempotency_key`);
    expect(rows[0]).toMatchObject({ id: overageEventId, result: { featureKey: 'api_calls', used: 102, limit: 100, overage: true } });
    expect(new Date(rows[0].result.resetsAt).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(rows[1].result).toEqual({ featureKey: 'messages', used: 7, limit: null, resetsAt: null, overage: false });
    await dataSource.runMigrations();
  });
});

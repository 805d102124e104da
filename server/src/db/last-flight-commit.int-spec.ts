import type { EntityManager } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { signUpOwner } from '../../test/support/factories';
import { lastFlightWithCommit } from './database';
import { type PreparedStatement, isPipelined, queryPrepared } from './prepared-statements';

/** A usage counter row: something a tenant scope may write and a later transaction can look for. */
const INSERT_COUNTER_SQL = `INSERT INTO usage_counters (organization_id, feature_key, window_start, used) VALUES ($1, 'messages', $2, 7)`;
const windowStart = (n: number) => new Date(Date.UTC(2031, 0, n));
const insertCounter = (name: string, organizationId: string, n: number): PreparedStatement => ({ name, text: INSERT_COUNTER_SQL, values: [organizationId, windowStart(n)] });

describe('lastFlightWithCommit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const countersOf = async (organizationId: string) =>
    app.services.database.asPlatform(async (m) =>
      ((await m.query(`SELECT window_start FROM usage_counters WHERE organization_id = $1 ORDER BY 1`, [organizationId])) as Array<{ window_start: Date }>).map(
        (r) => r.window_start.toISOString(),
      ),
    );

  /** Records every query the transaction's connection is asked for, with how many earlier ones were still unanswered. */
  function recordQueries(manager: EntityManager) {
    const client = (manager.queryRunner as unknown as { databaseConnection: { query: (...args: unknown[]) => Promise<unknown> } }).databaseConnection;
    const sent: Array<{ text: string; unansweredBefore: number }> = [];
    let unanswered = 0;
    const original = client.query;
    client.query = (...args: unknown[]) => {
      const config = args[0] as string | { text: string };
      sent.push({ text: typeof config === 'string' ? config : config.text, unansweredBefore: unanswered });
      unanswered += 1;
      const answer = original.apply(client, args);
      const settled = () => {
        unanswered -= 1;
      };
      answer.then(settled, settled);
      return answer;
    };
    return { sent, restore: () => delete (client as { query?: unknown }).query };
  }

  it('sends a metering group’s last statements and its COMMIT in one flight, and the group is committed', async () => {
    expect(isPipelined(app.services.database.dataSource)).toBe(true);
    const { organizationId } = await signUpOwner(app);
    let sent: Array<{ text: string; unansweredBefore: number }> = [];
    await app.services.database.inOrganizations([organizationId], async (m) => {
      const recorder = recordQueries(m);
      try {
        await lastFlightWithCommit(m, [insertCounter('test_last_flight_a', organizationId, 1), insertCounter('test_last_flight_b', organizationId, 2)]);
      } finally {
        recorder.restore();
      }
      sent = recorder.sent;
    });
    // The COMMIT went out while both statements were still unanswered, and no second COMMIT followed.
    expect(sent.map((s) => s.text.trim().split(/\s+/)[0])).toEqual(['INSERT', 'INSERT', 'COMMIT']);
    expect(sent[2]!.unansweredBefore).toBe(2);
    expect(await countersOf(organizationId)).toEqual([windowStart(1).toISOString(), windowStart(2).toISOString()]);
  });

  it('commits nothing when a statement of the last flight fails: the group fails with that error', async () => {
    const { organizationId } = await signUpOwner(app);
    const failure = app.services.database.inOrganizations([organizationId], async (m) => {
      await queryPrepared(m, 'test_last_flight_a', INSERT_COUNTER_SQL, [organizationId, windowStart(1)]);
      return lastFlightWithCommit(m, [
        insertCounter('test_last_flight_b', organizationId, 2),
        { name: 'test_last_flight_fails', text: 'SELECT 1 / $1::int', values: [0] },
      ]);
    });
    await expect(failure).rejects.toMatchObject({ code: '22012' }); // division_by_zero
    expect(await countersOf(organizationId)).toEqual([]);
    // The connection went back to the pool clean: the next group on it works.
    await app.services.database.inOrganizations([organizationId], (m) =>
      lastFlightWithCommit(m, [insertCounter('test_last_flight_a', organizationId, 3)]),
    );
    expect(await countersOf(organizationId)).toEqual([windowStart(3).toISOString()]);
  });

  it('in a transaction it does not own (TypeORM’s), only runs the statements: the owner still commits or rolls back', async () => {
    const { organizationId } = await signUpOwner(app);
    const failure = app.services.database.inTenant(organizationId, async (m) => {
      await lastFlightWithCommit(m, [insertCounter('test_last_flight_a', organizationId, 1)]);
      await m.query('SELECT 1 / 0');
    });
    await expect(failure).rejects.toThrow(/division by zero/);
    expect(await countersOf(organizationId)).toEqual([]);
  });
});

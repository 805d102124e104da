import { Client } from 'pg';
import { CONSUME, expectLedgerConsistent, setBalance, storedBalance } from '../../../test/support/credits';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

/**
 * The unique index on (organization, kind, idempotency key) is the backstop behind the balance lock: a first use
 * of a key checks for an earlier entry only after locking the balance, so only a writer that skips the lock can
 * get in between. Here one does, deterministically: a test trigger holds the consumption's INSERT on an advisory
 * lock while another session commits an entry under the same key. The consumption must then answer that entry
 * (or CONFLICT), never an internal error and never a second charge.
 */
const HOLD_LOCK = 4242;
const KEY_UNDER_TEST = 'backstop-key';
// Embedded PGlite is one backend for every connection: a session cannot wait there on another's lock.
const onServer = process.env.TOLLGATE_TEST_DATABASE?.startsWith('server:') ? describe : describe.skip;

onServer('credit ledger: the idempotency index as backstop', () => {
  let app: TestApp;
  let owner: SignedUpUser;
  let apiKey: string;
  let competitor: Client;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Backstop Co');
    apiKey = (await createApiKey(app, owner)).secret;
    competitor = new Client({ connectionString: app.testDatabase.url });
    await competitor.connect();
    // Holds only the client app's insert under the key; the competitor's own insert (actor system) goes through.
    await competitor.query(`
      CREATE FUNCTION test_hold_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD_LOCK}); RETURN NEW; END $$`);
    await competitor.query(`
      CREATE TRIGGER test_hold_insert BEFORE INSERT ON credit_transactions FOR EACH ROW
      WHEN (NEW.idempotency_key LIKE '${KEY_UNDER_TEST}%' AND NEW.actor_type = 'api_key') EXECUTE FUNCTION test_hold_insert()`);
  });
  afterAll(async () => {
    await competitor?.end();
    await app?.close();
  });

  const consume = (idempotencyKey: string, quantity = 1) => app.gql(CONSUME, { input: { eventKey: 'api_call_basic', quantity, idempotencyKey } }, { apiKey });

  /** Runs `call` until its INSERT waits on the hold, commits `entry` meanwhile, then lets the call go on. */
  async function withEntryCommittedMeanwhile<T>(call: () => Promise<T>, entry: { key: string; requestHash: string; cost: number }) {
    await competitor.query(`SELECT pg_advisory_lock($1)`, [HOLD_LOCK]);
    try {
      const answer = call();
      await waitForHeldInsert();
      const balance = await storedBalance(app, owner.organizationId);
      const [row] = (
        await competitor.query(
          `INSERT INTO credit_transactions (organization_id, kind, purchased_delta, purchased_balance_after, subscription_balance_after,
             event_key, quantity, unit_cost, idempotency_key, request_hash, actor_type, actor_id)
           VALUES ($1, 'consumption', $2, $3, $4, 'api_call_basic', $5, 1, $6, $7, 'system', 'competitor') RETURNING id`,
          [owner.organizationId, -entry.cost, balance.purchased - entry.cost, balance.subscription, entry.cost, entry.key, entry.requestHash],
        )
      ).rows as Array<{ id: string }>;
      return { answer: await releaseAndAwait(answer), competitorId: row!.id };
    } finally {
      await competitor.query(`SELECT pg_advisory_unlock_all()`);
    }
  }

  async function releaseAndAwait<T>(answer: Promise<T>): Promise<T> {
    await competitor.query(`SELECT pg_advisory_unlock($1)`, [HOLD_LOCK]);
    const result = await answer;
    // The competitor skipped the balance; now that the call's transaction has ended, the balance follows its entry.
    await competitor.query(
      `UPDATE credit_balances b SET purchased = t.purchased_balance_after FROM (
         SELECT purchased_balance_after FROM credit_transactions WHERE organization_id = $1 ORDER BY seq DESC LIMIT 1) t
       WHERE b.organization_id = $1`,
      [owner.organizationId],
    );
    return result;
  }

  async function waitForHeldInsert(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { rows } = await competitor.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [HOLD_LOCK]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the consumption never reached its INSERT');
  }

  /** The stored request hash of a consumption of `quantity` api_call_basic (the hash does not depend on the key). */
  async function requestHashOf(quantity: number): Promise<string> {
    const probe = await consume(`hash-probe-${quantity}`, quantity);
    const [row] = await app.dataSource.query(`SELECT request_hash FROM credit_transactions WHERE id = $1`, [probe.data!.consumeCredits.transaction.id]);
    return row.request_hash as string;
  }

  it('answers the entry that won the key, charged once', async () => {
    await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
    const requestHash = await requestHashOf(3);
    const key = `${KEY_UNDER_TEST}-same`;

    const { answer, competitorId } = await withEntryCommittedMeanwhile(() => consume(key, 3), { key, requestHash, cost: 3 });

    expect(answer.errors).toBeUndefined();
    expect(answer.data!.consumeCredits).toMatchObject({ replayed: true, transaction: { id: competitorId } });
    const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM credit_transactions WHERE idempotency_key = $1`, [key]);
    expect(count).toBe(1);
    expect(await expectLedgerConsistent(app, owner.organizationId)).toMatchObject({ purchased: 100 - 3 - 3 });
  });

  it('is a CONFLICT when the entry that won the key was another request', async () => {
    await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
    const otherRequest = await requestHashOf(2);
    const key = `${KEY_UNDER_TEST}-other`;

    const { answer } = await withEntryCommittedMeanwhile(() => consume(key, 5), { key, requestHash: otherRequest, cost: 2 });

    expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await expectLedgerConsistent(app, owner.organizationId)).toMatchObject({ purchased: 100 - 2 - 2 });
  });
});

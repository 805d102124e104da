import { randomUUID } from 'node:crypto';
import { auditEntries, signInPlatformAdmin } from '../../../test/support/catalog';
import { BALANCE, CONSUME, expectLedgerConsistent, setBalance, storedBalance, transactionCount } from '../../../test/support/credits';
import { addMember, createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';

const ADJUST = /* GraphQL */ `
  mutation Adjust($organizationId: ID!, $input: AdjustCreditsInput!) {
    adminAdjustCredits(organizationId: $organizationId, input: $input) { id kind amount purchasedBalanceAfter reason actorType actorId }
  }
`;
const SET_THRESHOLD = /* GraphQL */ `
  mutation Threshold($organizationId: ID!, $threshold: Int!) {
    setLowBalanceThreshold(organizationId: $organizationId, input: { threshold: $threshold }) { lowBalanceThreshold belowThreshold total }
  }
`;
const TRANSACTIONS = /* GraphQL */ `
  query Transactions($organizationId: ID, $filter: CreditTransactionFilterInput, $first: Int, $after: String) {
    creditTransactions(organizationId: $organizationId, filter: $filter, first: $first, after: $after) {
      nodes { id kind amount createdAt }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

describe('credit ledger: access, adjustments, alerts and history', () => {
  let app: TestApp;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let admin: { cookie: string; userId: string };
  let apiKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Access Co');
    member = await addMember(app, owner, 'MEMBER');
    admin = await signInPlatformAdmin(app);
    apiKey = (await createApiKey(app, owner)).secret;
  });
  afterAll(() => app?.close());
  afterEach(() => expectLedgerConsistent(app, owner.organizationId));

  describe('admin adjustments', () => {
    it('need a platform admin and a reason; a deduction may not go below zero', async () => {
      await setBalance(app, owner.organizationId, { purchased: 0, subscription: 50 });
      const adjust = (input: { amount: number; reason: string }, cookie = admin.cookie) =>
        app.gql(ADJUST, { organizationId: owner.organizationId, input: { ...input, idempotencyKey: randomUUID() } }, { cookie });

      expect(errorCode(await adjust({ amount: 500, reason: 'goodwill' }, owner.cookie))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(ADJUST, { organizationId: owner.organizationId, input: { amount: 500, reason: 'x', idempotencyKey: 'k' } }, { apiKey }))).toBe('FORBIDDEN');
      const blank = await adjust({ amount: 500, reason: '   ' });
      expect(errorCode(blank)).toBe('BAD_USER_INPUT');
      expect(blank.errors![0]!.extensions!.details.fields[0].field).toBe('reason');
      expect(errorCode(await adjust({ amount: 0, reason: 'nothing' }))).toBe('BAD_USER_INPUT');
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 0, subscription: 50 });

      const granted = await adjust({ amount: 500, reason: 'Goodwill for the outage' });
      expect(granted.data!.adminAdjustCredits).toMatchObject({ kind: 'ADJUSTMENT', amount: 500, purchasedBalanceAfter: 500, reason: 'Goodwill for the outage', actorType: 'user', actorId: admin.userId });
      // Only purchased credits are adjusted: the 50 subscription credits do not cover a deduction of 501.
      const tooMuch = await adjust({ amount: -501, reason: 'clawback' });
      expect(errorCode(tooMuch)).toBe('INSUFFICIENT_CREDITS');
      app.clock.advance(1); // the audit log reads in time order
      const deducted = await adjust({ amount: -200, reason: 'Refunded pack' });
      expect(deducted.data!.adminAdjustCredits).toMatchObject({ amount: -200, purchasedBalanceAfter: 300 });
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 300, subscription: 50 });

      const audits = (await auditEntries(app, 'credits.adjusted')).filter((a) => a.organization_id === owner.organizationId);
      expect(audits.map((a) => [a.actor_id, a.before.purchased, a.after.purchased, a.after.reason])).toEqual([
        [admin.userId, 0, 500, 'Goodwill for the outage'],
        [admin.userId, 500, 300, 'Refunded pack'],
      ]);
    });

    it('move the balance once per idempotency key: a retry answers the first adjustment, another payload is a CONFLICT', async () => {
      await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
      const adjust = (input: object) => app.gql(ADJUST, { organizationId: owner.organizationId, input }, { cookie: admin.cookie });
      const missing = await adjust({ amount: 5, reason: 'no key' });
      expect(errorCode(missing)).toBe('BAD_USER_INPUT');
      const blankKey = await adjust({ amount: 5, reason: 'blank key', idempotencyKey: '' });
      expect(errorCode(blankKey)).toBe('BAD_USER_INPUT');
      expect(blankKey.errors![0]!.extensions!.details.fields[0].field).toBe('idempotencyKey');

      const key = randomUUID();
      const before = await transactionCount(app, owner.organizationId);
      // A double-clicked or retried deduction, sent four times at once.
      const answers = await Promise.all(Array.from({ length: 4 }, () => adjust({ amount: -30, reason: 'Refund', idempotencyKey: key })));
      const ids = new Set(answers.map((answer) => answer.data!.adminAdjustCredits.id));
      expect(ids.size).toBe(1);
      expect(answers.map((answer) => answer.data!.adminAdjustCredits.purchasedBalanceAfter)).toEqual([70, 70, 70, 70]);
      expect(await transactionCount(app, owner.organizationId)).toBe(before + 1);
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 70 });

      expect(errorCode(await adjust({ amount: -31, reason: 'Refund', idempotencyKey: key }))).toBe('CONFLICT');
      expect(errorCode(await adjust({ amount: -30, reason: 'Another refund', idempotencyKey: key }))).toBe('CONFLICT');
      // Keys are per kind: a consumption under the same key is a different request, not a replay.
      const consumed = await app.gql(CONSUME, { input: { eventKey: 'api_call_basic', idempotencyKey: key } }, { apiKey });
      expect(consumed.errors).toBeUndefined();
      expect(await storedBalance(app, owner.organizationId)).toMatchObject({ purchased: 69 });
    });

    it('the service itself refuses an actor who is not a platform admin', async () => {
      const before = await transactionCount(app, owner.organizationId);
      for (const actor of [{ type: 'user' as const, id: owner.userId }, { type: 'system' as const, id: 'script' }]) {
        await expect(
          app.services.creditLedger.adjustCredits({ organizationId: owner.organizationId, amount: 10, reason: 'why not', idempotencyKey: 'k', actor }),
        ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await transactionCount(app, owner.organizationId)).toBe(before);
    });
  });

  describe('low-balance alerts', () => {
    const alerts = async () =>
      app.dataSource.query(
        `SELECT a.threshold, a.balance FROM credit_alerts a JOIN credit_transactions t ON t.id = a.transaction_id
         WHERE a.organization_id = $1 ORDER BY t.seq`,
        [owner.organizationId],
      );
    const spend = async (quantity: number) => {
      const response = await app.gql(CONSUME, { input: { eventKey: 'api_call_basic', quantity, idempotencyKey: randomUUID() } }, { apiKey });
      expect(response.errors).toBeUndefined();
    };

    it('records one alert per downward crossing and re-arms when the balance recovers', async () => {
      await setBalance(app, owner.organizationId, { purchased: 150, subscription: 0 });
      expect(errorCode(await app.gql(SET_THRESHOLD, { organizationId: owner.organizationId, threshold: 100 }, { cookie: member.cookie }))).toBe('FORBIDDEN');
      const set = await app.gql(SET_THRESHOLD, { organizationId: owner.organizationId, threshold: 100 }, { cookie: owner.cookie });
      expect(set.data!.setLowBalanceThreshold).toEqual({ lowBalanceThreshold: 100, belowThreshold: false, total: 150 });
      const alertsBefore = (await alerts()).length;

      await spend(30); // 120: still above
      expect(await alerts()).toHaveLength(alertsBefore);
      await spend(30); // 90: crossed
      await spend(30); // 60: still below, no second alert
      expect((await alerts()).slice(alertsBefore)).toEqual([{ threshold: 100, balance: 90 }]);

      await app.services.creditLedger.purchaseCredits({ organizationId: owner.organizationId, credits: 40, idempotencyKey: randomUUID(), actor: { type: 'stripe', id: null } }); // 100: re-armed
      await spend(1); // 99: crossed again
      expect((await alerts()).slice(alertsBefore)).toEqual([{ threshold: 100, balance: 90 }, { threshold: 100, balance: 99 }]);
      expect((await app.gql(BALANCE, {}, { apiKey })).data!.creditBalance).toMatchObject({ total: 99, lowBalanceThreshold: 100, belowThreshold: true });
      expect((await auditEntries(app, 'credits.low_balance_threshold_set')).at(-1)).toMatchObject({ actor_id: owner.userId, after: { lowBalanceThreshold: 100 } });

      // The same alerts through the API, for client apps (API key) and the console.
      const listed = await app.gql(`{ creditAlerts(first: 100) { nodes { threshold balance } } }`, {}, { apiKey });
      const pairs = (rows: Array<{ threshold: number; balance: number }>) => rows.map((a) => `${a.threshold}:${a.balance}`).sort();
      expect(pairs(listed.data!.creditAlerts.nodes)).toEqual(pairs(await alerts()));
      expect(pairs(listed.data!.creditAlerts.nodes)).toEqual(expect.arrayContaining(['100:90', '100:99']));
    });
  });

  describe('history', () => {
    it('pages through the ledger newest first and filters by kind and time', async () => {
      await setBalance(app, owner.organizationId, { purchased: 100, subscription: 0 });
      app.clock.advance(60_000);
      const from = app.clock.now();
      for (let i = 0; i < 5; i += 1) {
        await app.gql(CONSUME, { input: { eventKey: 'api_call_basic', quantity: i + 1, idempotencyKey: randomUUID() } }, { apiKey });
      }
      app.clock.advance(60_000);
      const to = app.clock.now();
      await app.services.creditLedger.purchaseCredits({ organizationId: owner.organizationId, credits: 5, idempotencyKey: randomUUID(), actor: { type: 'stripe', id: null } });

      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await app.gql(TRANSACTIONS, { organizationId: owner.organizationId, first: 4, after }, { cookie: member.cookie });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data.creditTransactions.nodes.map((n: { id: string }) => n.id));
        if (!page.data.creditTransactions.pageInfo.hasNextPage) break;
        after = page.data.creditTransactions.pageInfo.endCursor;
      }
      const stored = await app.dataSource.query(`SELECT id FROM credit_transactions WHERE organization_id = $1 ORDER BY seq DESC`, [owner.organizationId]);
      expect(seen).toEqual(stored.map((r: { id: string }) => r.id));

      const window = await app.gql(TRANSACTIONS, { filter: { kinds: ['CONSUMPTION'], from: from.toISOString(), to: to.toISOString() }, first: 10 }, { apiKey });
      expect(window.data!.creditTransactions.nodes.map((n: { amount: number }) => n.amount)).toEqual([-5, -4, -3, -2, -1]);
      const purchases = await app.gql(TRANSACTIONS, { filter: { kinds: ['PURCHASE'], from: to.toISOString() } }, { apiKey });
      expect(purchases.data!.creditTransactions.nodes).toEqual([expect.objectContaining({ kind: 'PURCHASE', amount: 5 })]);
      expect(errorCode(await app.gql(TRANSACTIONS, { after: 'bm90LWEtY3Vyc29y' }, { apiKey }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('the database guards the ledger', () => {
    it('refuses UPDATE, DELETE and TRUNCATE on credit_transactions, even for the owner', async () => {
      await setBalance(app, owner.organizationId, { purchased: 10, subscription: 0 });
      const before = await transactionCount(app, owner.organizationId);
      await expect(app.dataSource.query(`UPDATE credit_transactions SET purchased_delta = 1000 WHERE organization_id = $1`, [owner.organizationId])).rejects.toThrow(/append-only/);
      await expect(app.dataSource.query(`DELETE FROM credit_transactions WHERE organization_id = $1`, [owner.organizationId])).rejects.toThrow(/append-only/);
      await expect(app.dataSource.query(`TRUNCATE credit_transactions CASCADE`)).rejects.toThrow(/append-only/);
      for (const run of [app.services.database.inTenant.bind(app.services.database, owner.organizationId), app.services.database.asPlatform.bind(app.services.database)]) {
        await expect(run((m) => m.query(`UPDATE credit_transactions SET reason = 'x'`))).rejects.toThrow(/permission denied/);
        await expect(run((m) => m.query(`DELETE FROM credit_transactions`))).rejects.toThrow(/permission denied/);
      }
      expect(await transactionCount(app, owner.organizationId)).toBe(before);
    });

    it('refuses a balance below zero even if a bug tried to write one', async () => {
      await expect(
        app.services.database.inTenant(owner.organizationId, (m) => m.query(`UPDATE credit_balances SET purchased = -1 WHERE organization_id = $1`, [owner.organizationId])),
      ).rejects.toThrow(/check constraint/);
    });
  });

  describe('tenancy and access', () => {
    it("refuses another organization's reads and writes, and keys without the scope", async () => {
      await setBalance(app, owner.organizationId, { purchased: 10, subscription: 0 });
      const stranger = await signUpOwner(app, 'Stranger Co');
      const strangerKey = (await createApiKey(app, stranger)).secret;
      const readOnlyKey = (await createApiKey(app, owner, ['ENTITLEMENTS_READ'])).secret;
      const before = await transactionCount(app, owner.organizationId);
      const consumeInput = { eventKey: 'api_call_basic', quantity: 1, idempotencyKey: randomUUID() };

      expect(errorCode(await app.gql(BALANCE, { organizationId: owner.organizationId }, { cookie: stranger.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(BALANCE, { organizationId: owner.organizationId }, { apiKey: strangerKey }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(TRANSACTIONS, { organizationId: owner.organizationId }, { cookie: stranger.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CONSUME, { organizationId: owner.organizationId, input: consumeInput }, { apiKey: strangerKey }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CONSUME, { input: consumeInput }, { apiKey: readOnlyKey }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(CONSUME, { organizationId: owner.organizationId, input: consumeInput }, { cookie: member.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(BALANCE, { organizationId: owner.organizationId }))).toBe('UNAUTHENTICATED');
      expect(await transactionCount(app, owner.organizationId)).toBe(before);

      // Members and read keys do read; row-level security hides the rows from any other tenant's transaction.
      expect((await app.gql(BALANCE, { organizationId: owner.organizationId }, { cookie: member.cookie })).data!.creditBalance.organizationId).toBe(owner.organizationId);
      expect((await app.gql(TRANSACTIONS, {}, { apiKey: readOnlyKey })).errors).toBeUndefined();
      const leaked = await app.services.database.inTenant(stranger.organizationId, (m) =>
        m.query(`SELECT (SELECT count(*) FROM credit_transactions WHERE organization_id = $1)::int AS entries,
                        (SELECT count(*) FROM credit_balances WHERE organization_id = $1)::int AS balances`, [owner.organizationId]),
      );
      expect(leaked).toEqual([{ entries: 0, balances: 0 }]);
      // An ADMIN session may consume (e.g. from the console).
      const ownerConsumes = await app.gql(CONSUME, { organizationId: owner.organizationId, input: consumeInput }, { cookie: owner.cookie });
      expect(ownerConsumes.data!.consumeCredits.transaction).toMatchObject({ actorType: 'user', actorId: owner.userId });
    });

    it('platform admins read any organization; nobody else uses the admin fields', async () => {
      await setBalance(app, owner.organizationId, { purchased: 12, subscription: 30 });
      const adminBalance = await app.gql(`query($id: ID!) { adminCreditBalance(organizationId: $id) { total purchased subscription nextExpiry { amount } } }`, { id: owner.organizationId }, { cookie: admin.cookie });
      expect(adminBalance.data!.adminCreditBalance).toEqual({ total: 42, purchased: 12, subscription: 30, nextExpiry: { amount: 30 } });
      const adminList = await app.gql(`query($id: ID!) { adminCreditTransactions(organizationId: $id, first: 1) { nodes { kind } } }`, { id: owner.organizationId }, { cookie: admin.cookie });
      expect(adminList.data!.adminCreditTransactions.nodes).toHaveLength(1);
      expect(errorCode(await app.gql(`query($id: ID!) { adminCreditBalance(organizationId: $id) { total } }`, { id: owner.organizationId }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(`query($id: ID!) { adminCreditBalance(organizationId: $id) { total } }`, { id: randomUUID() }, { cookie: admin.cookie }))).toBe('NOT_FOUND');
    });
  });
});

import { DomainError } from '../shared/domain-error';
import { ErrorCode } from '../shared/error-code';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { signUpOwner } from '../../test/support/factories';
import type { EntityManager } from 'typeorm';
import { type BatchLane, type CrossOrganizationLane, type GroupOutcome, TenantBatcher, outcomeOf } from './tenant-batcher';

describe('TenantBatcher', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ownOrganization = async () => (await signUpOwner(app)).organizationId;

  /** A lane whose items are functions of the shared transaction, run in order; the group's answers are theirs. */
  const lane: BatchLane<(m: EntityManager) => Promise<unknown>, unknown> = {
    name: 'test',
    async execute(manager, _organizationId, items) {
      const outcomes: Array<GroupOutcome<unknown>> = [];
      for (const item of items) outcomes.push(await outcomeOf(() => item(manager)));
      return outcomes;
    },
  };
  const settleDrain = () => new Promise((resolve) => setImmediate(resolve));

  it('runs a lone operation alone, and concurrent ones of one organization as one group in one transaction, in order', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 1 });
    const organizationId = await ownOrganization();
    const backendOf = async (m: EntityManager) => ((await m.query(`SELECT txid_current()::text AS xid`)) as Array<{ xid: string }>)[0]!.xid;
    expect(await batcher.run(organizationId, lane, backendOf, async () => 'alone')).toBe('alone');
    await settleDrain(); // let that run's drain finish

    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        batcher.run(
          organizationId,
          lane,
          async (m: EntityManager) => {
            order.push(i);
            return backendOf(m);
          },
          async () => `alone-${i}`,
        ),
      ),
    );
    // The first ran alone; the five that queued meanwhile shared one transaction, in arrival order.
    expect(results[0]).toBe('alone-0');
    expect(new Set(results.slice(1)).size).toBe(1);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(batcher.stats).toMatchObject({ sharedTransactions: 1, sharedOperations: 5, fallbacks: 0 });
  });

  it('runs an operation that queued by itself as a group of one (the grouped form, fewer round trips), not alone', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 1 });
    const organizationId = await ownOrganization();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = batcher.run(organizationId, lane, async () => 'first grouped', async () => {
      await held;
      return 'first alone';
    });
    // Queued behind the first, alone in the queue: the next unit, and a group although it holds one operation.
    const second = batcher.run(organizationId, lane, async () => 'second grouped', async () => 'second alone');
    release();
    expect(await Promise.all([first, second])).toEqual(['first alone', 'second grouped']);
    expect(batcher.stats).toMatchObject({ sharedTransactions: 1, sharedOperations: 1, fallbacks: 0 });
  });

  it('runs up to inFlight lone operations or groups of a lane at once; the next to finish takes everything queued as one group', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 2 });
    const organizationId = await ownOrganization();
    const xidOf = async (m: EntityManager) => ((await m.query(`SELECT txid_current()::text AS xid`)) as Array<{ xid: string }>)[0]!.xid;
    let running = 0;
    let mostAtOnce = 0;
    const slowly = (value: string) => async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running -= 1;
      return value;
    };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => batcher.run(organizationId, lane, xidOf, slowly(`alone-${i}`))));
    expect(results.slice(0, 2)).toEqual(['alone-0', 'alone-1']);
    expect(mostAtOnce).toBe(2);
    expect(new Set(results.slice(2)).size).toBe(1);
    expect(batcher.stats).toMatchObject({ sharedTransactions: 1, sharedOperations: 4, fallbacks: 0 });
  });

  it('keeps lanes apart: operations of another lane or organization are not grouped with these', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 1 });
    const [first, second] = [await ownOrganization(), await ownOrganization()];
    const otherLane = { ...lane, name: 'other' };
    const results = await Promise.all([
      batcher.run(first, lane, async () => 'a', async () => 'a alone'),
      batcher.run(first, otherLane, async () => 'b', async () => 'b alone'),
      batcher.run(second, lane, async () => 'c', async () => 'c alone'),
    ]);
    expect(results).toEqual(['a alone', 'b alone', 'c alone']);
  });

  it('groups the concurrent operations of every organization in a cross-organization lane, in one transaction that sees exactly them', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 1 });
    const organizations = [await ownOrganization(), await ownOrganization(), await ownOrganization()];
    const acrossLane: CrossOrganizationLane<string, unknown> = {
      name: 'across',
      acrossOrganizations: true,
      async execute(manager, items) {
        const [{ xid, orgs }] = await manager.query(`SELECT txid_current()::text AS xid, current_setting('app.current_orgs') AS orgs`);
        return items.map(({ organizationId, item }) => ({ value: `${item}@${organizationId === item ? 'own' : 'other'} ${xid} ${orgs}` }));
      },
    };
    const results = await Promise.all(
      [organizations[0]!, ...organizations].map((organizationId, i) => batcher.run(organizationId, acrossLane, organizationId, async () => `alone-${i}`)),
    );
    // The first ran alone; the other three, of three organizations, shared one transaction scoped to those three.
    expect(results[0]).toBe('alone-0');
    const shared = results.slice(1) as string[];
    expect(shared.map((r) => r.split(' ')[0])).toEqual(organizations.map((o) => `${o}@own`));
    expect(new Set(shared.map((r) => r.split(' ').slice(1).join(' '))).size).toBe(1);
    expect(shared[0]!.split(' ')[2]!.split(',')).toEqual([...organizations].sort());
    expect(batcher.stats).toMatchObject({ sharedTransactions: 1, sharedOperations: 3, sharedOrganizations: 3, fallbacks: 0 });
  });

  it('gives a domain error to its own operation only, and rolls a group back to lone runs on any other failure', async () => {
    const batcher = new TenantBatcher(app.services.database, undefined, { inFlight: 1 });
    const organizationId = await ownOrganization();
    const refused = new DomainError(ErrorCode.BAD_USER_INPUT, 'refused');
    const [first, second, third, fourth] = await Promise.allSettled([
      batcher.run(organizationId, lane, async () => 'x', async () => 'first alone'),
      batcher.run(organizationId, lane, async () => 'shared', async () => 'second alone'),
      batcher.run(organizationId, lane, async () => Promise.reject(refused), async () => 'third alone'),
      batcher.run(organizationId, lane, async () => 'shared too', async () => 'fourth alone'),
    ]);
    expect([first, second, third, fourth].map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'first alone',
      'shared',
      'refused',
      'shared too',
    ]);

    await settleDrain();
    const broken = await Promise.all([
      batcher.run(organizationId, lane, async () => 'x', async () => 'a'),
      batcher.run(organizationId, lane, async (m: EntityManager) => m.query('SELECT * FROM no_such_table'), async () => 'b'),
      batcher.run(organizationId, lane, async () => 'shared', async () => 'c'),
    ]);
    expect(broken).toEqual(['a', 'b', 'c']);
    expect(batcher.stats.fallbacks).toBe(1);
  });

  it('is what concurrent credit consumptions of one organization go through, with exact answers', async () => {
    const owner = await signUpOwner(app);
    const { creditLedger } = app.services;
    await creditLedger.purchaseCredits({ organizationId: owner.organizationId, credits: 1_000, idempotencyKey: 'pack-1', actor: { type: 'system', id: 'test' } });
    const before = (await creditLedger.balance(owner.organizationId)).total;
    const consume = (key: string, eventKey = 'api_call_basic') =>
      creditLedger.consumeCredits({ organizationId: owner.organizationId, eventKey, quantity: 2, idempotencyKey: key, metadata: {}, actor: { type: 'system', id: 'test' } });
    const outcomes = await Promise.allSettled([consume('a'), consume('b'), consume('a'), consume('c', 'no_such_event'), consume('d')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const [a, , aAgain] = outcomes as Array<PromiseFulfilledResult<{ transaction: { id: string }; replayed: boolean }>>;
    expect(aAgain!.value).toMatchObject({ replayed: true, transaction: { id: a!.value.transaction.id } });
    expect((await creditLedger.balance(owner.organizationId)).total).toBe(before - 3 * 2);
  });
});

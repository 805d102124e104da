import { randomUUID } from 'node:crypto';
import { setBalance } from '../../../test/support/credits';
import { createApiKey, signInPlatformAdmin, uniqueEmail } from '../../../test/support/factories';
import { errorCode, sessionCookieFrom, startTestApp, type TestApp } from '../../../test/support/test-app';
import { putOnPlan } from '../../../test/support/usage-fixtures';
import { systemActor } from '../audit/actor';
import { BillingInterval } from '../catalog/catalog.enums';

const OVERVIEWS = `query($search: String, $sort: AdminOrganizationSortInput, $first: Int, $after: String) {
  adminOrganizationOverviews(search: $search, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { organization { id name slug createdAt } planKey planName subscriptionStatus billingInterval
            mrr { amountMinor currency } creditBalance highestUsagePercent nearLimitFeatures memberCount }
  } }`;
const DEFAULT_ORDER = `{ adminOrganizationOverviews(first: 100) { nodes { organization { id createdAt } } } }`;
const MEMBERS = `query($o: ID!, $first: Int, $after: String) {
  adminOrganizationMembers(organizationId: $o, first: $first, after: $after) { nodes { role user { email } } pageInfo { endCursor hasNextPage } } }`;
const ADMIN_CHANGE = `mutation($o: ID!, $i: AdminChangePlanInput!) { adminChangePlan(organizationId: $o, input: $i) { outcome } }`;

interface Expected {
  name: string;
  planKey: string;
  subscriptionStatus: string;
  billingInterval: string;
  mrr: number;
  creditBalance: number;
  highestUsagePercent: number | null;
  nearLimitFeatures: number;
  memberCount: number;
}

type Node = { organization: { id: string; name: string; createdAt: string }; mrr: { amountMinor: number }; creditBalance: number; highestUsagePercent: number | null };

describe('adminOrganizationOverviews', () => {
  let app: TestApp;
  let admin: { cookie: string };
  let ownerId: string;
  const ownerEmail = uniqueEmail('owner');
  const OWNER_PASSWORD = 'owner-password-1';
  const ids = new Map<string, string>();
  const expected: Expected[] = [];

  const gql = (query: string, variables: Record<string, unknown> = {}) => app.gql(query, variables, admin);
  const track = (name: string, featureKey: string, quantity: number) =>
    app.services.usage.track(ids.get(name)!, { featureKey, quantity, idempotencyKey: randomUUID() });
  const changePlan = async (name: string, planKey: string, interval: 'MONTH' | 'YEAR') => {
    const response = await gql(ADMIN_CHANGE, { o: ids.get(name), i: { planKey, interval, force: true } });
    expect(response.errors).toBeUndefined();
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { SESSION_TTL_HOURS: '8760' } });
    admin = await signInPlatformAdmin(app);
    ownerId = (await app.services.identity.ensureUser({ email: ownerEmail, password: OWNER_PASSWORD, isPlatformAdmin: false })).user.id;
    // Every organization starts on the free plan with its owner as the one member.
    for (const name of ['Alpha Pro Monthly', 'Bravo Pro Yearly', 'Charlie Free', 'Delta Trial', 'Echo Past Due', 'Foxtrot Enterprise', 'Golf Twin', 'golf twin']) {
      ids.set(name, (await app.services.organizations.createForUser(name, ownerId)).id);
      app.clock.advance(1_000);
    }
    await changePlan('Alpha Pro Monthly', 'pro', 'MONTH');
    await changePlan('Bravo Pro Yearly', 'pro', 'YEAR');
    await app.services.subscriptions.subscribe(ids.get('Delta Trial')!, { planKey: 'pro', interval: BillingInterval.MONTH, trial: true, actor: systemActor('test') });
    await changePlan('Echo Past Due', 'business', 'MONTH');
    await app.services.subscriptions.recordPaymentFailed(ids.get('Echo Past Due')!, systemActor('test'));
    // A custom price cannot be assigned through the services (it needs a contract): written directly.
    await putOnPlan(app, ids.get('Foxtrot Enterprise')!, 'enterprise');

    // Usage in the current windows (free: messages 50/day, workflows 3, api_calls 1,000/month; pro: messages 1,000/day,
    // agents 10, api_calls 50,000/month).
    await track('Charlie Free', 'workflows', 3);
    await track('Charlie Free', 'messages', 40);
    await track('Charlie Free', 'api_calls', 100);
    await track('Alpha Pro Monthly', 'messages', 900);
    await track('Bravo Pro Yearly', 'api_calls', 25_000);
    await track('Delta Trial', 'agents', 10);

    const balances: Record<string, [purchased: number, subscription: number]> = {
      'Alpha Pro Monthly': [500, 2000],
      'Bravo Pro Yearly': [0, 2000],
      'Charlie Free': [0, 40],
      'Delta Trial': [300, 0],
      'Echo Past Due': [12_000, 0],
      'Foxtrot Enterprise': [0, 100_000],
      'Golf Twin': [0, 100],
      'golf twin': [0, 100],
    };
    for (const [name, [purchased, subscription]] of Object.entries(balances)) await setBalance(app, ids.get(name)!, { purchased, subscription });

    for (const [name, extra] of [['Alpha Pro Monthly', 2], ['Echo Past Due', 1]] as const) {
      for (let i = 0; i < extra; i += 1) {
        const { user } = await app.services.identity.ensureUser({ email: uniqueEmail('member'), password: 'member-password-1', isPlatformAdmin: false });
        await app.dataSource.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [ids.get(name), user.id]);
      }
    }

    const row = (name: string, planKey: string, status: string, interval: string, mrr: number, usage: number | null, near: number, members = 1): Expected => {
      const [purchased, subscription] = balances[name]!;
      return { name, planKey, subscriptionStatus: status, billingInterval: interval, mrr, creditBalance: purchased + subscription, highestUsagePercent: usage, nearLimitFeatures: near, memberCount: members };
    };
    expected.push(
      row('Alpha Pro Monthly', 'pro', 'ACTIVE', 'MONTH', 1500, 90, 1, 3),
      row('Bravo Pro Yearly', 'pro', 'ACTIVE', 'YEAR', 1250, 50, 0),
      row('Charlie Free', 'free', 'ACTIVE', 'MONTH', 0, 100, 2),
      row('Delta Trial', 'pro', 'TRIALING', 'MONTH', 0, 100, 1),
      // Past due still brings revenue until Stripe gives up; its plan still applies.
      row('Echo Past Due', 'business', 'PAST_DUE', 'MONTH', 4900, 0, 0, 2),
      // Custom price: no MRR; no metered feature has a limit.
      row('Foxtrot Enterprise', 'enterprise', 'ACTIVE', 'MONTH', 0, null, 0),
      row('Golf Twin', 'free', 'ACTIVE', 'MONTH', 0, 0, 0),
      row('golf twin', 'free', 'ACTIVE', 'MONTH', 0, 0, 0),
    );
  });
  afterAll(() => app.close());

  const allNodes = async (): Promise<Array<Node & Record<string, unknown>>> => {
    const response = await gql(OVERVIEWS, { first: 100 });
    expect(response.errors).toBeUndefined();
    return response.data!.adminOrganizationOverviews.nodes;
  };

  it('shows every organization’s plan, MRR, credits, usage against limits and members', async () => {
    const nodes = await allNodes();
    expect(nodes).toHaveLength(expected.length);
    for (const want of expected) {
      const { organization, ...figures } = nodes.find((n) => n.organization.id === ids.get(want.name))!;
      const { name, mrr, ...rest } = want;
      expect({ name: organization.name, ...figures }).toEqual({ name, ...rest, planName: expect.any(String), mrr: { amountMinor: mrr, currency: 'usd' } });
    }
    // Pro monthly 1500 + Pro yearly 15000 / 12 = 1250 + Business (past due) 4900.
    expect(nodes.reduce((sum, n) => sum + n.mrr.amountMinor, 0)).toBe(1500 + 1250 + 4900);
    const [stored] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
    expect(nodes).toHaveLength(stored.n);
  });

  it('lists newest first by default', async () => {
    const nodes: Array<{ organization: { id: string; createdAt: string } }> = (await gql(DEFAULT_ORDER)).data!.adminOrganizationOverviews.nodes;
    expect(nodes.map((n) => n.organization.id)).toEqual([...ids.values()].reverse());
  });

  const sortValue: Record<string, (node: Node) => string | number> = {
    NAME: (n) => n.organization.name.toLowerCase(),
    CREATED_AT: (n) => Date.parse(n.organization.createdAt),
    MRR: (n) => n.mrr.amountMinor,
    CREDIT_BALANCE: (n) => n.creditBalance,
    USAGE: (n) => n.highestUsagePercent ?? -1,
  };
  const cases = Object.keys(sortValue).flatMap((field) => ['ASC', 'DESC'].map((direction) => [field, direction] as const));

  it.each(cases)('sorts by %s %s, and pages of 3 return every organization exactly once in that order', async (field, direction) => {
    const nodes = await allNodes();
    const sign = direction === 'ASC' ? 1 : -1;
    const byKey = (a: Node, b: Node) => {
      const [x, y] = [sortValue[field]!(a), sortValue[field]!(b)];
      if (x !== y) return (x < y ? -1 : 1) * sign;
      // Ties (several at MRR 0, the twins by name) go by id, in the same direction.
      return (a.organization.id < b.organization.id ? -1 : 1) * sign;
    };
    const want = [...nodes].sort(byKey).map((n) => n.organization.id);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await gql(OVERVIEWS, { sort: { field, direction }, first: 3, after });
      expect(response.errors).toBeUndefined();
      const connection = response.data!.adminOrganizationOverviews;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.nodes.map((n: Node) => n.organization.id));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(want);
  });

  it('puts the twins with the same name next to each other and the organizations without a limited feature last by usage', async () => {
    const byName = (await gql(OVERVIEWS, { sort: { field: 'NAME', direction: 'ASC' }, first: 100 })).data!.adminOrganizationOverviews.nodes;
    expect(byName.map((n: Node) => n.organization.name.toLowerCase()).slice(-2)).toEqual(['golf twin', 'golf twin']);
    const byUsage = (await gql(OVERVIEWS, { sort: { field: 'USAGE', direction: 'DESC' }, first: 100 })).data!.adminOrganizationOverviews.nodes;
    expect(byUsage.at(-1).organization.id).toBe(ids.get('Foxtrot Enterprise'));
    expect(byUsage.slice(0, 2).map((n: Node) => n.highestUsagePercent)).toEqual([100, 100]);
  });

  it.each([
    ['part of a name, any case', 'PRO', ['Alpha Pro Monthly', 'Bravo Pro Yearly']],
    ['a slug', 'golf-twin', ['Golf Twin', 'golf twin']],
    ['a LIKE wildcard, taken literally', '%', []],
  ])('searches by %s, and counts what matches', async (_label, search, names) => {
    const response = await gql(OVERVIEWS, { search, sort: { field: 'NAME', direction: 'ASC' }, first: 1 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.adminOrganizationOverviews.totalCount).toBe(names.length);
    const all = (await gql(OVERVIEWS, { search, sort: { field: 'NAME', direction: 'ASC' }, first: 100 })).data!.adminOrganizationOverviews.nodes;
    expect(all.map((n: Node) => n.organization.name).sort()).toEqual([...names].sort());
  });

  it('refuses a cursor made for another sort, or not made by this API', async () => {
    const first = await gql(OVERVIEWS, { sort: { field: 'MRR', direction: 'DESC' }, first: 2 });
    const cursor = first.data!.adminOrganizationOverviews.pageInfo.endCursor;
    for (const [sort, after] of [
      [{ field: 'MRR', direction: 'ASC' }, cursor],
      [{ field: 'CREDIT_BALANCE', direction: 'DESC' }, cursor],
      [{ field: 'MRR', direction: 'DESC' }, 'garbage'],
      [{ field: 'MRR', direction: 'DESC' }, Buffer.from(JSON.stringify(['org-overview', 'mrr', 'desc', '1; DROP TABLE x', randomUUID()])).toString('base64url')],
    ]) {
      const response = await gql(OVERVIEWS, { sort, first: 2, after });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields).toEqual([{ field: 'after', messages: [expect.any(String)] }]);
    }
  });

  it('is for platform admins only: an owner of every organization, its API key and anonymous callers are refused', async () => {
    const logIn = await app.gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`, { input: { email: ownerEmail, password: OWNER_PASSWORD } });
    const cookie = sessionCookieFrom(logIn);
    const organizationId = ids.get('Alpha Pro Monthly')!;
    const key = await createApiKey(app, { userId: ownerId, email: ownerEmail, password: OWNER_PASSWORD, organizationId, cookie });
    for (const [query, variables] of [[OVERVIEWS, {}], [MEMBERS, { o: organizationId }]] as const) {
      expect(errorCode(await app.gql(query, variables, { cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(query, variables, { apiKey: key.secret }))).toBe('FORBIDDEN');
      const anonymous = await app.gql(query, variables);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      expect(anonymous.data ?? null).toBeNull();
    }
  });

  describe('adminOrganizationMembers', () => {
    it('lists any organization’s members to a platform admin, who is not one of them, page by page', async () => {
      const organizationId = ids.get('Alpha Pro Monthly')!;
      const stored: Array<{ email: string; role: string }> = await app.dataSource.query(
        `SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 ORDER BY m.created_at, m.id`,
        [organizationId],
      );
      expect(stored).toHaveLength(3);
      const first = await gql(MEMBERS, { o: organizationId, first: 2 });
      expect(first.errors).toBeUndefined();
      const rest = await gql(MEMBERS, { o: organizationId, first: 2, after: first.data!.adminOrganizationMembers.pageInfo.endCursor });
      const listed = [...first.data!.adminOrganizationMembers.nodes, ...rest.data!.adminOrganizationMembers.nodes];
      expect(listed.map((n: { role: string; user: { email: string } }) => ({ email: n.user.email, role: n.role }))).toEqual(stored);
      expect(rest.data!.adminOrganizationMembers.pageInfo.hasNextPage).toBe(false);
      // organizationMembers stays for members: the admin is not one.
      const asMember = await gql(`query($o: ID!) { organizationMembers(organizationId: $o) { nodes { role } } }`, { o: organizationId });
      expect(errorCode(asMember)).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for an unknown organization and BAD_USER_INPUT for a malformed id', async () => {
      expect(errorCode(await gql(MEMBERS, { o: randomUUID() }))).toBe('NOT_FOUND');
      const malformed = await gql(MEMBERS, { o: 'not-a-uuid' });
      expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
      expect(malformed.errors![0]!.extensions!.details.fields[0].field).toBe('organizationId');
    });
  });
});

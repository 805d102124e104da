import { addMember, createApiKey, signInPlatformAdmin, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';

const CHECKOUT = `mutation($o: ID!, $i: CreateCheckoutSessionInput!) { createCheckoutSession(organizationId: $o, input: $i) { url stripeSessionId } }`;
const CREDITS = `mutation($o: ID!, $i: PurchaseCreditsInput!) { purchaseCredits(organizationId: $o, input: $i) { url } }`;
const PORTAL = `mutation($o: ID!) { createPortalSession(organizationId: $o) { url } }`;
const SYNC = `mutation { syncCatalogToStripe { changedCount } }`;
const CHANGE = `mutation($o: ID!, $i: ChangePlanInput!) { changePlan(organizationId: $o, input: $i) { outcome } }`;
const CANCEL = `mutation($o: ID!, $end: Boolean!) { cancelSubscription(organizationId: $o, atPeriodEnd: $end) { planKey } }`;

/**
 * Who may pay and what is refused before Stripe is ever called. The app's Stripe here reaches nothing, so any
 * call that did get through would fail with PAYMENT_PROVIDER_ERROR instead of the codes asserted.
 */
describe('billing: access and refusals before Stripe', () => {
  let app: TestApp;
  let owner: SignedUpUser;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUpOwner(app, 'Billing Rules Co');
  });
  afterAll(() => app?.close());

  it('refuses MEMBERs, API keys and strangers every billing mutation', async () => {
    const member = await addMember(app, owner, 'MEMBER');
    const apiKey = (await createApiKey(app, owner)).secret;
    const stranger = await signUpOwner(app, 'Elsewhere');
    const calls: Array<[string, Record<string, unknown>]> = [
      [CHECKOUT, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }],
      [CREDITS, { o: owner.organizationId, i: { productKey: 'credits_1000' } }],
      [PORTAL, { o: owner.organizationId }],
    ];
    for (const [query, variables] of calls) {
      expect(errorCode(await app.gql(query, variables, { cookie: member.cookie }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(query, variables, { apiKey }))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(query, variables, { cookie: stranger.cookie }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await app.gql(SYNC, {}, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    const [organization] = await app.dataSource.query(`SELECT stripe_customer_id FROM organizations WHERE id = $1`, [owner.organizationId]);
    expect(organization.stripe_customer_id).toBeNull();
  });

  it('refuses checkout for the free plan, a custom price, an unknown plan and a plan not yet synced to Stripe', async () => {
    const free = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'free', interval: 'MONTH' } }, { cookie: owner.cookie });
    expect(errorCode(free)).toBe('BAD_USER_INPUT');
    expect(free.errors![0]!.extensions!.details.fields[0].field).toBe('planKey');
    const enterprise = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'enterprise', interval: 'YEAR' } }, { cookie: owner.cookie });
    expect(errorCode(enterprise)).toBe('BAD_USER_INPUT');
    expect(enterprise.errors![0]!.message).toMatch(/contact sales/);
    expect(errorCode(await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'nope', interval: 'MONTH' } }, { cookie: owner.cookie }))).toBe('NOT_FOUND');
    const unsynced = await app.gql(CHECKOUT, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie });
    expect(errorCode(unsynced)).toBe('CONFLICT');
    expect(unsynced.errors![0]!.message).toMatch(/stripe:sync/);
    expect(errorCode(await app.gql(CREDITS, { o: owner.organizationId, i: { productKey: 'credits_none' } }, { cookie: owner.cookie }))).toBe('NOT_FOUND');
  });

  it('keeps today’s rules for a subscription Stripe does not bill (free plan)', async () => {
    expect(errorCode(await app.gql(CHANGE, { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(CANCEL, { o: owner.organizationId, end: true }, { cookie: owner.cookie }))).toBe('CONFLICT');
    const admin = await signInPlatformAdmin(app);
    const upgraded = await app.gql(
      `mutation($o: ID!, $i: AdminChangePlanInput!) { adminChangePlan(organizationId: $o, input: $i) { outcome subscription { planKey } } }`,
      { o: owner.organizationId, i: { planKey: 'pro', interval: 'MONTH' } },
      { cookie: admin.cookie },
    );
    expect(upgraded.data?.adminChangePlan).toEqual({ outcome: 'UPGRADED', subscription: { planKey: 'pro' } });
  });

  it('answers PAYMENT_PROVIDER_ERROR, not a crash, when Stripe cannot be reached', async () => {
    const other = await signUpOwner(app, 'Offline Co');
    const response = await app.gql(PORTAL, { o: other.organizationId }, { cookie: other.cookie });
    expect(errorCode(response)).toBe('PAYMENT_PROVIDER_ERROR');
    expect(response.data).toBeNull();
  }, 30_000);
});

import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { bareOrganization, setBalance } from '../../../test/support/credits';
import { signInPlatformAdmin, uniqueEmail } from '../../../test/support/factories';
import { deliver, stripeEvent, stripeId, stripeInvoice } from '../../../test/support/stripe-objects';
import { errorCode, sessionCookieFrom, startTestApp, type TestApp } from '../../../test/support/test-app';
import { systemActor } from '../audit/actor';
import { BillingInterval } from '../catalog/catalog.enums';

const ORGANIZATION = 'organization { name }';
const FAILED = `query($first: Int) { adminFailedPayments(first: $first) { totalCount nodes {
  kind ${ORGANIZATION} amount { amountMinor currency } since subscriptionStatus planKey stripeInvoiceId invoiceNumber hostedInvoiceUrl } } }`;
const NEAR = `query($first: Int) { adminOrganizationsNearLimits(first: $first) { totalCount nodes {
  ${ORGANIZATION} featureKey featureName used limit percent resetsAt } } }`;
const LOW = `query($first: Int) { adminOrganizationsLowOnCredits(first: $first) { totalCount nodes { ${ORGANIZATION} balance threshold } } }`;

const at = (iso: string) => new Date(`${iso}Z`);
const actor = systemActor('test');
const NOW = at('2026-11-23T12:00:00');

describe('platform-admin attention lists', () => {
  let app: TestApp;
  let admin: { cookie: string };
  let ownerId: string;
  const org = new Map<string, string>();
  const customer = new Map<string, string>();
  const invoices = new Map<string, string>();

  const create = async (name: string) => {
    org.set(name, (await app.services.organizations.createForUser(name, ownerId)).id);
    customer.set(name, stripeId('cus'));
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer.get(name), org.get(name)]);
  };
  const upgrade = (name: string, planKey: string) =>
    app.services.planChanges.changePlan(org.get(name)!, { planKey, interval: BillingInterval.MONTH, actor, force: true, allowUpgrade: true });
  const invoiceEvent = async (
    name: string,
    type: Stripe.Event['type'],
    eventAt: string,
    invoice: { key: string; status: Stripe.Invoice.Status; amountDue: number; created: string; subscription?: string },
  ) => {
    const id = invoices.get(invoice.key) ?? stripeId('in');
    invoices.set(invoice.key, id);
    const object = stripeInvoice({ id, customer: customer.get(name)!, status: invoice.status, amountDue: invoice.amountDue, created: at(invoice.created), subscription: invoice.subscription ?? null });
    app.clock.set(at(eventAt));
    await deliver(app, stripeEvent(type, object, at(eventAt)));
  };
  const track = (name: string, featureKey: string, quantity: number) => app.services.usage.track(org.get(name)!, { featureKey, quantity, idempotencyKey: randomUUID() });

  beforeAll(async () => {
    app = await startTestApp();
    ownerId = (await app.services.identity.ensureUser({ email: uniqueEmail('owner'), password: 'owner-password-1', isPlatformAdmin: false })).user.id;
    for (const name of ['Late Payer', 'Stripe Late', 'Unpaid Co', 'Failed Invoice', 'Written Off', 'Collecting', 'Recovered']) await create(name);

    // Subscriptions whose payment failed.
    await upgrade('Late Payer', 'business');
    app.clock.set(at('2026-11-20T10:00:00'));
    await app.services.subscriptions.recordPaymentFailed(org.get('Late Payer')!, actor);
    await upgrade('Unpaid Co', 'pro');
    // Stripe moved it to unpaid (written here as the sync would, without its audit entry: "since" falls back to the observation).
    await app.dataSource.query(`UPDATE subscriptions SET status = 'unpaid', stripe_status = 'unpaid', stripe_observed_at = $2 WHERE organization_id = $1 AND ended_at IS NULL`, [
      org.get('Unpaid Co'),
      at('2026-11-21T08:00:00'),
    ]);
    // A subscription Stripe bills: its renewal invoice fails, which makes it past due (and is listed with it, once).
    await upgrade('Stripe Late', 'pro');
    await app.dataSource.query(`UPDATE subscriptions SET stripe_subscription_id = 'sub_late' WHERE organization_id = $1 AND ended_at IS NULL`, [org.get('Stripe Late')]);
    await invoiceEvent('Stripe Late', 'invoice.payment_failed', '2026-11-22T09:00:00', { key: 'renewal', status: 'open', amountDue: 1500, created: '2026-11-22T08:00:00', subscription: 'sub_late' });

    // Invoices: failed twice and still open; written off; being collected (no attempt failed yet); failed, then paid.
    await invoiceEvent('Failed Invoice', 'invoice.payment_failed', '2026-11-18T00:00:00', { key: 'failed', status: 'open', amountDue: 2500, created: '2026-11-17T00:00:00' });
    await invoiceEvent('Failed Invoice', 'invoice.payment_failed', '2026-11-19T00:00:00', { key: 'failed', status: 'open', amountDue: 2500, created: '2026-11-17T00:00:00' });
    await invoiceEvent('Written Off', 'invoice.marked_uncollectible', '2026-11-10T00:00:00', { key: 'written-off', status: 'uncollectible', amountDue: 900, created: '2026-10-01T00:00:00' });
    await invoiceEvent('Collecting', 'invoice.finalized', '2026-11-23T00:00:00', { key: 'collecting', status: 'open', amountDue: 700, created: '2026-11-23T00:00:00' });
    await invoiceEvent('Recovered', 'invoice.payment_failed', '2026-11-15T00:00:00', { key: 'recovered', status: 'open', amountDue: 300, created: '2026-11-14T00:00:00' });
    await invoiceEvent('Recovered', 'invoice.paid', '2026-11-16T00:00:00', { key: 'recovered', status: 'paid', amountDue: 300, created: '2026-11-14T00:00:00' });

    // Usage (free: messages 50 a day, agents 1, workflows 3, api_calls 1,000 a month; pro: messages 1,000 a day,
    // api_calls 50,000 a month with overage).
    app.clock.set(NOW);
    for (const name of ['Near A', 'Near B', 'Near C']) await create(name);
    await upgrade('Near C', 'pro');
    await track('Near A', 'messages', 45);
    await track('Near A', 'workflows', 3);
    await track('Near B', 'agents', 1);
    await track('Near B', 'api_calls', 799);
    await track('Near C', 'messages', 800);
    await track('Near C', 'api_calls', 60_000);

    // Credits: every organization above starts with the free plan's 100 credits; their thresholds go to 0 so that
    // only the ones made for this list are below theirs.
    await app.dataSource.query(`UPDATE credit_balances SET low_balance_threshold = 0`);
    for (const name of ['Low A', 'Low B', 'Low C', 'Low D']) await create(name);
    org.set('Bare Co', await bareOrganization(app, 'Bare Co')); // no balance row: 0 against the default 1,000
    await app.dataSource.query(`UPDATE credit_balances SET low_balance_threshold = 500 WHERE organization_id = $1`, [org.get('Low B')]);
    await setBalance(app, org.get('Low B')!, { purchased: 0, subscription: 0 });
    await setBalance(app, org.get('Low C')!, { purchased: 2000, subscription: 0 });
    // 5,000 subscription credits that lapsed (before any job wrote them off): only the 200 purchased count.
    app.clock.set(at('2026-10-01T00:00:00'));
    await setBalance(app, org.get('Low D')!, { purchased: 200, subscription: 5000 });
    app.clock.set(NOW);

    admin = await signInPlatformAdmin(app);
  });
  afterAll(() => app.close());

  const gql = (query: string, variables: Record<string, unknown> = {}) => app.gql(query, variables, admin);
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'usd' });
  const invoiceFields = (key: string) => {
    const id = invoices.get(key)!;
    return { stripeInvoiceId: id, invoiceNumber: `TG-${id.slice(-6).toUpperCase()}`, hostedInvoiceUrl: `https://invoice.stripe.com/i/${id}` };
  };
  const noInvoice = { stripeInvoiceId: null, invoiceNumber: null, hostedInvoiceUrl: null };
  const invoiceOnly = { subscriptionStatus: null, planKey: null };

  it('lists failed payments, most recent first: subscriptions past due or unpaid, failed or uncollectible invoices, each once', async () => {
    const response = await gql(FAILED, { first: 20 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.adminFailedPayments).toEqual({
      totalCount: 5,
      nodes: [
        {
          kind: 'SUBSCRIPTION_PAST_DUE',
          organization: { name: 'Stripe Late' },
          amount: usd(1500),
          since: '2026-11-22T09:00:00.000Z',
          subscriptionStatus: 'PAST_DUE',
          planKey: 'pro',
          ...invoiceFields('renewal'),
        },
        { kind: 'SUBSCRIPTION_UNPAID', organization: { name: 'Unpaid Co' }, amount: usd(1500), since: '2026-11-21T08:00:00.000Z', subscriptionStatus: 'UNPAID', planKey: 'pro', ...noInvoice },
        { kind: 'SUBSCRIPTION_PAST_DUE', organization: { name: 'Late Payer' }, amount: usd(4900), since: '2026-11-20T10:00:00.000Z', subscriptionStatus: 'PAST_DUE', planKey: 'business', ...noInvoice },
        { kind: 'INVOICE_PAYMENT_FAILED', organization: { name: 'Failed Invoice' }, amount: usd(2500), since: '2026-11-18T00:00:00.000Z', ...invoiceOnly, ...invoiceFields('failed') },
        { kind: 'INVOICE_UNCOLLECTIBLE', organization: { name: 'Written Off' }, amount: usd(900), since: '2026-11-10T00:00:00.000Z', ...invoiceOnly, ...invoiceFields('written-off') },
      ],
    });
    const [stored] = await app.dataSource.query(`SELECT count(*)::int AS n FROM subscriptions WHERE status IN ('past_due', 'unpaid')`);
    expect(stored.n).toBe(3);
  });

  it('caps the list at `first` and still counts every row', async () => {
    const response = await gql(FAILED, { first: 2 });
    expect(response.data!.adminFailedPayments.totalCount).toBe(5);
    expect(response.data!.adminFailedPayments.nodes.map((n: { organization: { name: string } }) => n.organization.name)).toEqual(['Stripe Late', 'Unpaid Co']);
  });

  it('lists metered features at 80 % of their limit or more, highest first, with when they reset', async () => {
    const response = await gql(NEAR, { first: 20 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.adminOrganizationsNearLimits).toEqual({
      totalCount: 5,
      nodes: [
        // Overage allowed: past 100 %.
        { organization: { name: 'Near C' }, featureKey: 'api_calls', featureName: 'API calls', used: 60_000, limit: 50_000, percent: 120, resetsAt: '2026-12-01T00:00:00.000Z' },
        { organization: { name: 'Near A' }, featureKey: 'workflows', featureName: 'Workflows', used: 3, limit: 3, percent: 100, resetsAt: null },
        { organization: { name: 'Near B' }, featureKey: 'agents', featureName: 'Agents', used: 1, limit: 1, percent: 100, resetsAt: null },
        { organization: { name: 'Near A' }, featureKey: 'messages', featureName: 'Messages', used: 45, limit: 50, percent: 90, resetsAt: '2026-11-24T00:00:00.000Z' },
        // Exactly 80 % counts; Near B's 799 of 1,000 API calls (79.9 %) does not.
        { organization: { name: 'Near C' }, featureKey: 'messages', featureName: 'Messages', used: 800, limit: 1000, percent: 80, resetsAt: '2026-11-24T00:00:00.000Z' },
      ],
    });
    const capped = await gql(NEAR, { first: 1 });
    expect(capped.data!.adminOrganizationsNearLimits.totalCount).toBe(5);
    expect(capped.data!.adminOrganizationsNearLimits.nodes).toHaveLength(1);
  });

  it('lists organizations below their own low-balance threshold, lowest balance first', async () => {
    const response = await gql(LOW, { first: 20 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.adminOrganizationsLowOnCredits).toEqual({
      totalCount: 4,
      nodes: [
        { organization: { name: 'Bare Co' }, balance: 0, threshold: 1000 },
        { organization: { name: 'Low B' }, balance: 0, threshold: 500 },
        { organization: { name: 'Low A' }, balance: 100, threshold: 1000 },
        { organization: { name: 'Low D' }, balance: 200, threshold: 1000 },
      ],
    });
  });

  it.each([
    ['adminFailedPayments', FAILED],
    ['adminOrganizationsNearLimits', NEAR],
    ['adminOrganizationsLowOnCredits', LOW],
  ])('%s is for platform admins only and takes 1 to 100 rows', async (_name, query) => {
    for (const first of [0, 101]) {
      const response = await gql(query, { first });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('first');
    }
    expect(errorCode(await app.gql(query, {}))).toBe('UNAUTHENTICATED');
    const email = uniqueEmail('tenant');
    await app.services.identity.ensureUser({ email, password: 'tenant-password-1', isPlatformAdmin: false });
    const logIn = await app.gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`, { input: { email, password: 'tenant-password-1' } });
    const refused = await app.gql(query, {}, { cookie: sessionCookieFrom(logIn) });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.data ?? null).toBeNull();
  });
});

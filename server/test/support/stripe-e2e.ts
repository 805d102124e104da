import { signInPlatformAdmin, signUpOwner, type SignedUpUser } from './factories';
import { payCheckout } from './stripe-sandbox-kit';
import { startTestApp, type Caller, type TestApp } from './test-app';

/** GraphQL documents the end-to-end specs drive Tollgate with (what the console sends). */
export const GQL = {
  syncCatalog: `mutation { syncCatalogToStripe { changedCount } }`,
  checkout: `mutation($o: ID!, $i: CreateCheckoutSessionInput!) { createCheckoutSession(organizationId: $o, input: $i) { url stripeSessionId } }`,
  purchaseCredits: `mutation($o: ID!, $i: PurchaseCreditsInput!) { purchaseCredits(organizationId: $o, input: $i) { url stripeSessionId } }`,
  portal: `mutation($o: ID!) { createPortalSession(organizationId: $o) { url } }`,
  subscription: `query($o: ID) { subscription(organizationId: $o) {
    id status planKey billingInterval currentPeriodStart currentPeriodEnd trialEnd cancelAtPeriodEnd billedThroughStripe
    scheduledChange { planKey billingInterval effectiveAt } } }`,
  entitlements: `query($o: ID) { entitlements(organizationId: $o) { planKey hourlyRequestLimit features { featureKey enabled limit used resetsAt } } }`,
  creditBalance: `query($o: ID) { creditBalance(organizationId: $o) { subscription purchased total } }`,
  invoices: `query($o: ID!) { invoices(organizationId: $o, first: 50) { nodes {
    stripeInvoiceId number status billingReason amountDue { amountMinor currency } amountPaid { amountMinor currency }
    hostedInvoiceUrl invoicePdf periodStart periodEnd } } }`,
  changePlan: `mutation($o: ID!, $i: ChangePlanInput!) { changePlan(organizationId: $o, input: $i) { outcome subscription { planKey scheduledChange { planKey billingInterval effectiveAt } } } }`,
  undoScheduled: `mutation($o: ID!) { undoScheduledPlanChange(organizationId: $o) { planKey scheduledChange { planKey } } }`,
  cancel: `mutation($o: ID!, $end: Boolean!) { cancelSubscription(organizationId: $o, atPeriodEnd: $end) { planKey status cancelAtPeriodEnd } }`,
  resume: `mutation($o: ID!) { resumeSubscription(organizationId: $o) { planKey status cancelAtPeriodEnd } }`,
  trackUsage: `mutation($i: TrackUsageInput!) { trackUsage(input: $i) { allowed used } }`,
} as const;

export const CARDS = { success: '4242424242424242', declined: '4000000000000002', failsOnRenewal: '4000000000000341' } as const;
export const DAY_SECONDS = 86_400;

/** The app with its Stripe sandbox, a platform admin, and the catalog synced to the sandbox through GraphQL. */
export async function startBillingE2e(): Promise<{ app: TestApp; admin: { cookie: string } }> {
  const app = await startTestApp({ stripeSandbox: true, env: { SESSION_TTL_HOURS: '8760' } });
  const admin = await signInPlatformAdmin(app);
  await gqlData(app, GQL.syncCatalog, {}, admin);
  return { app, admin };
}

/** The response's data; a GraphQL error fails the test with its message. */
export async function gqlData(app: TestApp, query: string, variables: Record<string, unknown>, caller: Caller): Promise<Record<string, any>> {
  const response = await app.gql(query, variables, caller);
  if (response.errors) throw new Error(`GraphQL error: ${JSON.stringify(response.errors)}`);
  return response.data!;
}

/** Everything the sandbox sent has been answered, and Tollgate has applied it. */
export async function settle(app: TestApp): Promise<void> {
  await app.stripeSandbox!.waitForWebhooks();
  await app.services.stripeWebhooks.whenIdle();
}

/**
 * Moves both clocks, as Stripe's test clocks and a server's wall time would move together: Tollgate's first, so
 * every event the sandbox sends on the way is received at or after the time it describes.
 */
export async function advanceClocks(app: TestApp, to: Date): Promise<void> {
  if (to > app.clock.now()) app.clock.set(to);
  await app.stripeSandbox!.advanceClock(to);
  await settle(app);
}

/** Polls until `accept` holds (an async webhook is applied), at most `timeoutMs`; answers the last value read. */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface E2eOwner extends SignedUpUser {
  caller: Caller;
}

/**
 * Signs up through GraphQL; then a minute passes before the person pays, as it would. (With both clocks frozen, a
 * Stripe period starting in the very second of sign-up would be taken for the free plan's period, whose credits
 * Tollgate grants once per period start.)
 */
export async function newOwner(app: TestApp, name: string): Promise<E2eOwner> {
  const owner = await signUpOwner(app, name);
  await advanceClocks(app, new Date(app.stripeSandbox!.now().getTime() + 60_000));
  return { ...owner, caller: { cookie: owner.cookie } };
}

/** What the console shows an owner: subscription, entitlements, credits, billing history. */
export const read = {
  subscription: async (app: TestApp, owner: E2eOwner) => (await gqlData(app, GQL.subscription, { o: owner.organizationId }, owner.caller)).subscription,
  entitlements: async (app: TestApp, owner: E2eOwner) => (await gqlData(app, GQL.entitlements, { o: owner.organizationId }, owner.caller)).entitlements,
  credits: async (app: TestApp, owner: E2eOwner) =>
    (await gqlData(app, GQL.creditBalance, { o: owner.organizationId }, owner.caller)).creditBalance as { subscription: number; purchased: number; total: number },
  invoices: async (app: TestApp, owner: E2eOwner) => (await gqlData(app, GQL.invoices, { o: owner.organizationId }, owner.caller)).invoices.nodes as Array<Record<string, any>>,
};

/** createCheckoutSession through GraphQL, then the person pays the returned URL's page with `card`. */
export async function checkoutAndPay(app: TestApp, owner: E2eOwner, planKey: string, card: string, interval: 'MONTH' | 'YEAR' = 'MONTH') {
  const session = (await gqlData(app, GQL.checkout, { o: owner.organizationId, i: { planKey, interval } }, owner.caller)).createCheckoutSession;
  const paid = await payCheckout(session.url, card, owner.email);
  return { ...paid, url: session.url as string, sessionId: session.stripeSessionId as string };
}

/** An owner whose organization pays for `planKey` through Checkout, once Tollgate shows the plan. */
export async function subscribedOwner(app: TestApp, name: string, planKey: string, card: string = CARDS.success): Promise<E2eOwner> {
  const owner = await newOwner(app, name);
  const paid = await checkoutAndPay(app, owner, planKey, card);
  if (paid.status !== 303 && paid.status !== 302) throw new Error(`checkout was not paid (${paid.status})`);
  await settle(app);
  const subscription = await read.subscription(app, owner);
  if (subscription.planKey !== planKey) throw new Error(`checkout left the organization on ${subscription.planKey} (${subscription.status})`);
  return owner;
}

/** Stripe's events Tollgate stored for an organization, oldest first. */
export async function storedEventsOf(app: TestApp, organizationId: string): Promise<Array<{ id: string; type: string; status: string; attempts: number }>> {
  return app.dataSource.query(`SELECT id, type, status, attempts FROM stripe_events WHERE organization_id = $1 ORDER BY created, received_at`, [organizationId]);
}

import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { signInPlatformAdmin, uniqueEmail } from '../../../test/support/factories';
import { deliver, stripeEvent, stripeId, stripeInvoice } from '../../../test/support/stripe-objects';
import { errorCode, sessionCookieFrom, startTestApp, type TestApp } from '../../../test/support/test-app';
import { systemActor } from '../audit/actor';
import { BillingInterval } from '../catalog/catalog.enums';

const METRICS = `query($from: DateTimeISO!, $to: DateTimeISO!, $granularity: MetricsGranularity, $currency: String) {
  adminRevenueMetrics(from: $from, to: $to, granularity: $granularity, currency: $currency) {
    from to granularity currency
    series { periodStart periodEnd measuredAt mrr { amountMinor currency } activeSubscriptions newSubscriptions churnedSubscriptions }
    summary { currentMrr { amountMinor currency } activeSubscriptions trialingSubscriptions trialsEnded trialsConverted trialConversionRate
              paidInvoices failedInvoices paymentSuccessRate newSubscriptions churnedSubscriptions }
    creditConsumptionByEvent { eventKey eventName credits transactions }
  } }`;

const at = (iso: string) => new Date(`${iso}Z`);
const actor = systemActor('test');

type Point = { periodStart: string; measuredAt: string; mrr: { amountMinor: number }; activeSubscriptions: number; newSubscriptions: number; churnedSubscriptions: number };
const figures = (series: Point[]) =>
  series.map((p) => [p.periodStart.slice(0, 10), p.mrr.amountMinor, p.activeSubscriptions, p.newSubscriptions, p.churnedSubscriptions]);

/**
 * One half-year of a small platform, every change made through the services at a set time (USD list prices:
 * pro 1,500 a month or 15,000 a year, business 4,900 a month):
 *   Jan 10 A pro monthly · Jan 15 G 1,000 EUR monthly · Jan 20 C business · Feb 3 B pro yearly (1,250 a month)
 *   Feb 10 D starts a 14-day pro trial, converted by the renewal on Feb 25 · Mar 1 E starts a trial (ends Mar 15)
 *   Mar 15 C cancels now · Mar 20 E expires unconverted · Apr 1 H pro monthly · Apr 5 F business
 *   Apr 20 H replaces pro with business (a switch, not churn) · May 10 F's payment fails (past due still pays)
 *   Jun 1 F expires · now: Jun 20 12:00.
 */
describe('adminRevenueMetrics', () => {
  let app: TestApp;
  let admin: { cookie: string };
  const org = new Map<string, string>();
  let customerA: string;

  const gql = (variables: Record<string, unknown>) => app.gql(METRICS, variables, admin);
  const upgrade = (name: string, planKey: string, interval = BillingInterval.MONTH) =>
    app.services.planChanges.changePlan(org.get(name)!, { planKey, interval, actor, force: true, allowUpgrade: true });
  const trial = (name: string) => app.services.subscriptions.subscribe(org.get(name)!, { planKey: 'pro', interval: BillingInterval.MONTH, trial: true, actor });
  const consume = (name: string, eventKey: string, quantity: number) =>
    app.services.creditLedger.consumeCredits({ organizationId: org.get(name)!, eventKey, quantity, idempotencyKey: randomUUID(), actor });
  const invoiceEvent = async (type: Stripe.Event['type'], created: string, status: Stripe.Invoice.Status, options: { amountDue?: number; id?: string; currency?: string } = {}) => {
    const invoice = { ...stripeInvoice({ id: options.id, customer: customerA, status, amountDue: options.amountDue ?? 1500, created: at(created) }), currency: options.currency ?? 'usd' };
    await deliver(app, stripeEvent(type, invoice, at(created)));
    return invoice.id;
  };

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(at('2025-12-20T12:00:00'));
    const owner = (await app.services.identity.ensureUser({ email: uniqueEmail('owner'), password: 'owner-password-1', isPlatformAdmin: false })).user;
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) org.set(name, (await app.services.organizations.createForUser(`Org ${name}`, owner.id)).id);
    await app.dataSource.transaction(async (m) => {
      const [plan] = await m.query(`INSERT INTO plans (key, name, sort_order) VALUES ('euro-pro', 'Euro Pro', 40) RETURNING id`);
      const [version] = await m.query(
        `INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor, yearly_price_minor) VALUES ($1, 1, 'eur', 1000, 10000) RETURNING id`,
        [plan.id],
      );
      await m.query(`UPDATE plans SET current_version_id = $1 WHERE id = $2`, [version.id, plan.id]);
    });
    // Purchased credits never expire, whatever the subscription periods do.
    for (const name of ['A', 'B']) {
      await app.services.creditLedger.purchaseCredits({ organizationId: org.get(name)!, credits: 1000, idempotencyKey: randomUUID(), actor });
    }
    // Before the range: does not count.
    await consume('A', 'api_call_basic', 7);

    const steps: Array<[string, () => Promise<unknown>]> = [
      ['2026-01-10T12:00:00', () => upgrade('A', 'pro')],
      ['2026-01-15T12:00:00', () => upgrade('G', 'euro-pro')],
      ['2026-01-20T12:00:00', () => upgrade('C', 'business')],
      ['2026-02-03T12:00:00', () => upgrade('B', 'pro', BillingInterval.YEAR)],
      ['2026-02-10T12:00:00', () => trial('D')],
      ['2026-02-12T12:00:00', () => consume('A', 'ai_inference', 2)],
      ['2026-02-25T00:00:00', () => app.services.subscriptionRenewal.advanceDue()],
      ['2026-03-01T12:00:00', () => trial('E')],
      ['2026-03-03T12:00:00', () => consume('A', 'api_call_basic', 30)],
      ['2026-03-15T12:00:00', () => app.services.planChanges.cancel(org.get('C')!, { atPeriodEnd: false, actor })],
      ['2026-03-20T12:00:00', () => app.services.subscriptions.expire(org.get('E')!, actor)],
      ['2026-04-01T12:00:00', () => upgrade('H', 'pro')],
      ['2026-04-05T12:00:00', () => upgrade('F', 'business')],
      ['2026-04-07T12:00:00', () => consume('B', 'api_call_premium', 4)],
      ['2026-04-20T12:00:00', () => app.services.subscriptions.subscribe(org.get('H')!, { planKey: 'business', interval: BillingInterval.MONTH, trial: false, actor })],
      ['2026-05-10T12:00:00', () => app.services.subscriptions.recordPaymentFailed(org.get('F')!, actor)],
      ['2026-05-11T12:00:00', () => consume('A', 'ai_inference', 1)],
      ['2026-06-01T12:00:00', () => app.services.subscriptions.expire(org.get('F')!, actor)],
    ];
    for (const [time, step] of steps) {
      app.clock.set(at(time));
      await step();
    }
    app.clock.set(at('2026-06-20T12:00:00'));

    // A's invoices (A has a Stripe customer): 2 paid, 1 failed and left open, 1 uncollectible in the range; an open
    // one still being collected, a void one, a zero one, one in EUR and one before the range count for nothing.
    customerA = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customerA, org.get('A')]);
    await invoiceEvent('invoice.paid', '2025-12-28T00:00:00', 'paid');
    await invoiceEvent('invoice.paid', '2026-01-10T12:00:00', 'paid');
    await invoiceEvent('invoice.paid', '2026-02-10T12:00:00', 'paid');
    await invoiceEvent('invoice.payment_failed', '2026-03-10T12:00:00', 'open');
    const writtenOff = await invoiceEvent('invoice.payment_failed', '2026-04-10T12:00:00', 'open');
    await invoiceEvent('invoice.marked_uncollectible', '2026-04-10T12:00:00', 'uncollectible', { id: writtenOff });
    await invoiceEvent('invoice.finalized', '2026-05-10T12:00:00', 'open');
    await invoiceEvent('invoice.voided', '2026-05-12T12:00:00', 'void');
    await invoiceEvent('invoice.paid', '2026-06-01T12:00:00', 'paid', { amountDue: 0 });
    await invoiceEvent('invoice.paid', '2026-02-15T12:00:00', 'paid', { currency: 'eur', amountDue: 1000 });

    admin = await signInPlatformAdmin(app);
  });
  afterAll(() => app.close());

  it('gives one point per month with MRR, paying subscriptions, new and churned, and a summary that agrees', async () => {
    const response = await gql({ from: '2026-01-01T00:00:00Z', to: '2026-07-01T00:00:00Z', granularity: 'MONTH' });
    expect(response.errors).toBeUndefined();
    const metrics = response.data!.adminRevenueMetrics;
    expect(metrics).toMatchObject({ from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z', granularity: 'MONTH', currency: 'usd' });
    // [month, MRR at its end, paying, new, churned]
    expect(figures(metrics.series)).toEqual([
      ['2026-01-01', 1500 + 4900, 2, 2, 0], // A, C
      ['2026-02-01', 1500 + 4900 + 1250 + 1500, 4, 2, 0], // + B yearly (15,000 / 12), + D converted
      ['2026-03-01', 1500 + 1250 + 1500, 3, 0, 1], // C canceled; E's trial never paid
      ['2026-04-01', 1500 + 1250 + 1500 + 4900 + 4900, 5, 2, 0], // + F, + H (switched to business: still one, no churn)
      ['2026-05-01', 1500 + 1250 + 1500 + 4900 + 4900, 5, 0, 0], // F past due: still billed
      ['2026-06-01', 1500 + 1250 + 1500 + 4900, 4, 0, 1], // F expired
    ]);
    expect(metrics.series.map((p: Point) => p.measuredAt)).toEqual([
      '2026-01-31T23:59:59.999Z',
      '2026-02-28T23:59:59.999Z',
      '2026-03-31T23:59:59.999Z',
      '2026-04-30T23:59:59.999Z',
      '2026-05-31T23:59:59.999Z',
      '2026-06-20T12:00:00.000Z', // the month has not ended: now
    ]);
    expect(metrics.series.every((p: { mrr: { currency: string } }) => p.mrr.currency === 'usd')).toBe(true);
    expect(metrics.summary).toEqual({
      currentMrr: { amountMinor: 1500 + 1250 + 1500 + 4900, currency: 'usd' },
      activeSubscriptions: 4,
      trialingSubscriptions: 0,
      trialsEnded: 2, // D (converted) and E (expired)
      trialsConverted: 1,
      trialConversionRate: 0.5,
      paidInvoices: 2,
      failedInvoices: 2,
      paymentSuccessRate: 0.5,
      newSubscriptions: 6,
      churnedSubscriptions: 2,
    });
    // The last point is now, so it is the live MRR.
    expect(metrics.series.at(-1).mrr.amountMinor).toBe(metrics.summary.currentMrr.amountMinor);
    expect(metrics.creditConsumptionByEvent).toEqual([
      { eventKey: 'ai_inference', eventName: 'AI inference', credits: 75, transactions: 2 },
      { eventKey: 'api_call_basic', eventName: 'Basic API call', credits: 30, transactions: 1 },
      { eventKey: 'api_call_premium', eventName: 'Premium API call', credits: 20, transactions: 1 },
    ]);
  });

  it('counts only subscriptions and invoices in the requested currency', async () => {
    const response = await gql({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', granularity: 'MONTH', currency: 'eur' });
    expect(response.errors).toBeUndefined();
    const metrics = response.data!.adminRevenueMetrics;
    expect(figures(metrics.series)).toEqual([
      ['2026-01-01', 1000, 1, 1, 0],
      ['2026-02-01', 1000, 1, 0, 0],
      ['2026-03-01', 1000, 1, 0, 0],
    ]);
    expect(metrics.series[0].mrr.currency).toBe('eur');
    expect(metrics.summary).toMatchObject({ currentMrr: { amountMinor: 1000, currency: 'eur' }, activeSubscriptions: 1, trialsEnded: 0, trialConversionRate: null, paidInvoices: 1, paymentSuccessRate: 1 });
  });

  it('gives days without gaps, the state at each day’s end', async () => {
    const response = await gql({ from: '2026-03-14T00:00:00Z', to: '2026-03-17T00:00:00Z', granularity: 'DAY' });
    expect(response.errors).toBeUndefined();
    expect(figures(response.data!.adminRevenueMetrics.series)).toEqual([
      ['2026-03-14', 1500 + 1250 + 4900 + 1500, 4, 0, 0],
      ['2026-03-15', 1500 + 1250 + 1500, 3, 0, 1],
      ['2026-03-16', 1500 + 1250 + 1500, 3, 0, 0],
    ]);
  });

  it('starts weeks on Monday and counts only what happened from `from` on', async () => {
    // Wednesday Mar 11 to Wednesday Mar 25: the weeks of Mar 9, 16 and 23.
    const response = await gql({ from: '2026-03-11T00:00:00Z', to: '2026-03-25T00:00:00Z', granularity: 'WEEK' });
    expect(response.errors).toBeUndefined();
    const metrics = response.data!.adminRevenueMetrics;
    expect(figures(metrics.series)).toEqual([
      ['2026-03-09', 1500 + 1250 + 1500, 3, 0, 1],
      ['2026-03-16', 1500 + 1250 + 1500, 3, 0, 0],
      ['2026-03-23', 1500 + 1250 + 1500, 3, 0, 0],
    ]);
    expect(metrics.series.at(-1).measuredAt).toBe('2026-03-24T23:59:59.999Z');
    // E's trial ended on Mar 15 unconverted; no invoice was created in these two weeks.
    expect(metrics.summary).toMatchObject({ trialsEnded: 1, trialsConverted: 0, trialConversionRate: 0, paidInvoices: 0, failedInvoices: 0, paymentSuccessRate: null });
    expect(metrics.creditConsumptionByEvent).toEqual([]);
  });

  it('measures buckets after now at now', async () => {
    const response = await gql({ from: '2026-06-01T00:00:00Z', to: '2026-08-01T00:00:00Z', granularity: 'MONTH' });
    const series = response.data!.adminRevenueMetrics.series;
    expect(series.map((p: Point) => [p.periodStart, p.measuredAt, p.mrr.amountMinor])).toEqual([
      ['2026-06-01T00:00:00.000Z', '2026-06-20T12:00:00.000Z', 9150],
      ['2026-07-01T00:00:00.000Z', '2026-06-20T12:00:00.000Z', 9150],
    ]);
  });

  it.each([
    ['to before from', { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, 'to'],
    ['an empty range', { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'to'],
    ['more than 2 years', { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:01Z' }, 'to'],
    ['a currency that is not an ISO code', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', currency: 'US$' }, 'currency'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, variables, field) => {
    const response = await gql({ granularity: 'DAY', ...variables });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.details.fields).toEqual([{ field, messages: [expect.any(String)] }]);
  });

  it('accepts exactly 2 years of days: 731 points', async () => {
    // 2024 is a leap year: 366 + 365 days.
    const response = await gql({ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', granularity: 'DAY' });
    expect(response.errors).toBeUndefined();
    const series: Point[] = response.data!.adminRevenueMetrics.series;
    expect(series).toHaveLength(731);
    expect(new Set(series.map((p) => p.periodStart)).size).toBe(731);
    expect(series.at(-1)).toMatchObject({ periodStart: '2025-12-31T00:00:00.000Z', measuredAt: '2025-12-31T23:59:59.999Z', mrr: { amountMinor: 0 } });
  });

  it('is for platform admins only', async () => {
    const variables = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    expect(errorCode(await app.gql(METRICS, variables))).toBe('UNAUTHENTICATED');
    const { user } = await app.services.identity.ensureUser({ email: uniqueEmail('tenant'), password: 'tenant-password-1', isPlatformAdmin: false });
    const logIn = await app.gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`, { input: { email: user.email, password: 'tenant-password-1' } });
    const cookie = sessionCookieFrom(logIn);
    const refused = await app.gql(METRICS, variables, { cookie });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.data ?? null).toBeNull();
  });
});

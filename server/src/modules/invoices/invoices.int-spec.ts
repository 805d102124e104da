import { addMember, createApiKey, signInPlatformAdmin, signUpOwner } from '../../../test/support/factories';
import { deliver, stripeEvent, stripeId, stripeInvoice } from '../../../test/support/stripe-objects';
import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';

const INVOICES = `query($o: ID!, $first: Int!, $after: String) { invoices(organizationId: $o, first: $first, after: $after) {
  nodes { stripeInvoiceId number status billingReason amountDue { amountMinor currency } amountPaid { amountMinor currency } amountRemaining { amountMinor }
          hostedInvoiceUrl invoicePdf periodStart periodEnd createdAt }
  pageInfo { endCursor hasNextPage } } }`;
const ADMIN_INVOICES = `query($o: ID!) { adminInvoices(organizationId: $o, first: 10) { nodes { stripeInvoiceId status } } }`;

describe('invoices (billing history)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const DAY = 86_400_000;

  it('lists an organization’s Stripe invoices newest first, paginated, to its members only; admins see any organization’s', async () => {
    const owner = await signUpOwner(app, 'Invoiced Co');
    const customer = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer, owner.organizationId]);
    const start = app.clock.now();
    const invoices = [0, 1, 2].map((month) =>
      stripeInvoice({ customer, subscription: 'sub_history', status: 'paid', amountDue: 1500, created: new Date(start.getTime() + month * 30 * DAY), periodStart: new Date(start.getTime() + month * 30 * DAY), periodEnd: new Date(start.getTime() + (month + 1) * 30 * DAY) }),
    );
    for (const invoice of invoices) await deliver(app, stripeEvent('invoice.paid', invoice, new Date(invoice.created * 1000)));

    const first = await app.gql(INVOICES, { o: owner.organizationId, first: 2 }, { cookie: owner.cookie });
    expect(first.errors).toBeUndefined();
    expect(first.data!.invoices.nodes.map((n: { stripeInvoiceId: string }) => n.stripeInvoiceId)).toEqual([invoices[2]!.id, invoices[1]!.id]);
    expect(first.data!.invoices.nodes[0]).toEqual({
      stripeInvoiceId: invoices[2]!.id,
      number: invoices[2]!.number,
      status: 'PAID',
      billingReason: 'subscription_cycle',
      amountDue: { amountMinor: 1500, currency: 'usd' },
      amountPaid: { amountMinor: 1500, currency: 'usd' },
      amountRemaining: { amountMinor: 0 },
      hostedInvoiceUrl: invoices[2]!.hosted_invoice_url,
      invoicePdf: invoices[2]!.invoice_pdf,
      periodStart: new Date(start.getTime() + 60 * DAY).toISOString(),
      periodEnd: new Date(start.getTime() + 90 * DAY).toISOString(),
      createdAt: new Date(start.getTime() + 60 * DAY).toISOString(),
    });
    expect(first.data!.invoices.pageInfo.hasNextPage).toBe(true);
    const rest = await app.gql(INVOICES, { o: owner.organizationId, first: 2, after: first.data!.invoices.pageInfo.endCursor }, { cookie: owner.cookie });
    expect(rest.data!.invoices.nodes.map((n: { stripeInvoiceId: string }) => n.stripeInvoiceId)).toEqual([invoices[0]!.id]);
    expect(rest.data!.invoices.pageInfo.hasNextPage).toBe(false);

    const member = await addMember(app, owner, 'MEMBER');
    expect((await app.gql(INVOICES, { o: owner.organizationId, first: 10 }, { cookie: member.cookie })).data!.invoices.nodes).toHaveLength(3);
    const outsider = await signUpOwner(app, 'Nosy Co');
    expect(errorCode(await app.gql(INVOICES, { o: owner.organizationId, first: 10 }, { cookie: outsider.cookie }))).toBe('FORBIDDEN');
    expect((await app.gql(INVOICES, { o: outsider.organizationId, first: 10 }, { cookie: outsider.cookie })).data!.invoices.nodes).toEqual([]);
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    expect(errorCode(await app.gql(INVOICES, { o: owner.organizationId, first: 10 }, { apiKey: key.secret }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(ADMIN_INVOICES, { o: owner.organizationId }, { cookie: owner.cookie }))).toBe('FORBIDDEN');

    const admin = await signInPlatformAdmin(app);
    const adminView = await app.gql(ADMIN_INVOICES, { o: owner.organizationId }, { cookie: admin.cookie });
    expect(adminView.data!.adminInvoices.nodes).toHaveLength(3);
    expect(errorCode(await app.gql(ADMIN_INVOICES, { o: 'not-a-uuid' }, { cookie: admin.cookie }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(INVOICES, { o: owner.organizationId, first: 2, after: 'garbage' }, { cookie: owner.cookie }))).toBe('BAD_USER_INPUT');
  });

  it('keeps the newest status when invoice events arrive out of order', async () => {
    const owner = await signUpOwner(app, 'Out of order Co');
    const customer = stripeId('cus');
    await app.dataSource.query(`UPDATE organizations SET stripe_customer_id = $1 WHERE id = $2`, [customer, owner.organizationId]);
    const created = app.clock.now();
    const draft = stripeInvoice({ customer, status: 'draft', number: null, created });
    const paid = { ...draft, status: 'paid', number: 'TG-0001', amount_paid: draft.amount_due, amount_remaining: 0 };
    await deliver(app, stripeEvent('invoice.paid', paid, new Date(created.getTime() + 5000)));
    await deliver(app, stripeEvent('invoice.created', draft, created));
    await deliver(app, stripeEvent('invoice.finalized', { ...draft, status: 'open', number: 'TG-0001' }, new Date(created.getTime() + 5000)));
    const rows = await app.dataSource.query(`SELECT status, number, amount_paid_minor FROM invoices WHERE stripe_invoice_id = $1`, [draft.id]);
    expect(rows).toEqual([{ status: 'paid', number: 'TG-0001', amount_paid_minor: String(draft.amount_due) }]);
  });
});

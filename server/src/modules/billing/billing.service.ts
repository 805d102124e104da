import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database';
import type { StripeBillingGateway } from '../../stripe/stripe-billing.gateway';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { BillingInterval } from '../catalog/catalog.enums';
import type { CatalogService } from '../catalog/catalog.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { FREE_PLAN_KEY } from '../subscriptions/plan-terms';
import type { SubscriptionService } from '../subscriptions/subscription.service';
import { billingErrors } from './billing.errors';
import { flatPriceIdOf, subscriptionPricesOf } from './subscription-prices';

/** Where Checkout and the portal send people back to: pages of the console. */
export interface BillingUrls {
  publicUrl: string;
}

export interface HostedPage {
  url: string;
  /** Stripe's id of the Checkout or portal session. */
  sessionId: string;
}

/**
 * Paying through Stripe: the organization's Stripe customer (made on demand, once), subscription Checkout,
 * credit-pack Checkout and the customer portal. What happens after payment arrives by webhook.
 */
export class BillingService {
  constructor(
    private readonly database: Database,
    private readonly catalog: CatalogService,
    private readonly subscriptions: SubscriptionService,
    private readonly stripe: StripeBillingGateway,
    private readonly audit: AuditLogService,
    private readonly urls: BillingUrls,
  ) {}

  /**
   * The organization's Stripe customer id, creating the customer the first time. Concurrent callers queue on the
   * organization's row lock, so only the first creates; the idempotency key covers a crash between Stripe's answer
   * and the commit (a retry within 24 hours gets the same customer back).
   */
  async ensureCustomer(organizationId: string, actor: Actor): Promise<string> {
    const known = await this.database.inTenant(organizationId, (m) => m.findOneBy(OrganizationEntity, { id: organizationId }));
    if (known?.stripeCustomerId) return known.stripeCustomerId;
    return this.database.inTenant(organizationId, async (m) => {
      const organization = await m.findOne(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw new Error(`organization ${organizationId} is missing`);
      if (organization.stripeCustomerId) return organization.stripeCustomerId;
      const customer = await this.stripe.createCustomer({ organizationId, name: organization.name });
      await m.update(OrganizationEntity, { id: organizationId }, { stripeCustomerId: customer.id });
      await this.audit.record(m, actor, {
        organizationId,
        action: 'billing.customer_created',
        targetType: 'organization',
        targetId: organizationId,
        after: { stripeCustomerId: customer.id },
      });
      return customer.id;
    });
  }

  /** Subscription Checkout for a paid, listed plan: trial days from the plan version, overage billed by meter. */
  async createCheckoutSession(organizationId: string, request: { planKey: string; interval: BillingInterval; actor: Actor }): Promise<HostedPage> {
    const { plan, version, prices } = await this.database.inTenant(organizationId, async (m) => {
      const terms = await this.subscriptions.currentTerms(m, request.planKey);
      const price = request.interval === BillingInterval.YEAR ? terms.version.yearlyPriceMinor : terms.version.monthlyPriceMinor;
      if (terms.plan.key === FREE_PLAN_KEY || price === 0) throw billingErrors.freePlanNeedsNoCheckout();
      if (price === null) throw billingErrors.contactSales(request.interval);
      const current = await this.subscriptions.describe(m, organizationId);
      if (current.subscription.stripeSubscriptionId) throw billingErrors.alreadySubscribed();
      return { ...terms, prices: await subscriptionPricesOf(m, terms.plan, terms.version, request.interval) };
    });
    const customerId = await this.ensureCustomer(organizationId, request.actor);
    const session = await this.stripe.createSubscriptionCheckout({
      organizationId,
      customerId,
      planKey: plan.key,
      interval: request.interval,
      prices,
      trialDays: version.trialDays,
      successUrl: `${this.urls.publicUrl}/billing/checkout/return?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${this.urls.publicUrl}/pricing?checkout=canceled`,
      nonce: randomUUID(),
    });
    await this.recordSession(organizationId, request.actor, 'billing.checkout_created', session.id, {
      planKey: plan.key,
      planVersion: version.version,
      interval: request.interval,
      stripePriceId: flatPriceIdOf(version, request.interval),
    });
    return { url: session.url!, sessionId: session.id };
  }

  /** Payment-mode Checkout for a credit pack; the webhook grants the credits once the payment completes. */
  async purchaseCredits(organizationId: string, request: { productKey: string; actor: Actor }): Promise<HostedPage> {
    const product = await this.catalog.getCreditProduct(request.productKey);
    if (!product || product.key !== request.productKey) throw billingErrors.unknownCreditProduct();
    if (product.archivedAt) throw billingErrors.creditProductArchived();
    if (!product.stripePriceId) throw billingErrors.notSyncedToStripe(`Credit pack "${product.key}"`);
    const customerId = await this.ensureCustomer(organizationId, request.actor);
    const session = await this.stripe.createCreditPackCheckout({
      organizationId,
      customerId,
      productKey: product.key,
      credits: product.credits,
      priceId: product.stripePriceId,
      successUrl: `${this.urls.publicUrl}/billing/credits/return?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${this.urls.publicUrl}/billing/credits?checkout=canceled`,
      nonce: randomUUID(),
    });
    await this.recordSession(organizationId, request.actor, 'billing.credit_checkout_created', session.id, {
      productKey: product.key,
      credits: product.credits,
      stripePriceId: product.stripePriceId,
    });
    return { url: session.url!, sessionId: session.id };
  }

  /** Stripe's customer portal: payment methods, invoices, plan changes and cancellation, back to the console after. */
  async createPortalSession(organizationId: string, actor: Actor): Promise<HostedPage> {
    const customerId = await this.ensureCustomer(organizationId, actor);
    const session = await this.stripe.createPortalSession({ customerId, returnUrl: `${this.urls.publicUrl}/billing` });
    await this.recordSession(organizationId, actor, 'billing.portal_session_created', session.id, { stripeCustomerId: customerId });
    return { url: session.url, sessionId: session.id };
  }

  private recordSession(organizationId: string, actor: Actor, action: string, sessionId: string, after: Record<string, unknown>): Promise<void> {
    return this.database.inTenant(organizationId, (m) =>
      this.audit.record(m, actor, { organizationId, action, targetType: 'stripe_session', targetId: sessionId, after }),
    );
  }
}

import type Stripe from 'stripe';
import type { Database } from '../db/database';
import type { Actor } from '../modules/audit/actor';
import type { AuditLogService } from '../modules/audit/audit-log.service';
import type { CreditLedgerService } from '../modules/credits/credit-ledger.service';
import type { InvoiceService } from '../modules/invoices/invoice.service';
import type { ProviderSubscriptionService } from '../modules/subscriptions/provider-subscription.service';
import { type StripeCommand, mapStripeEvent } from './stripe-event.mapper';
import { ForeignStripeObject, type StripeSubscriptionSyncService } from './stripe-subscription-sync.service';

/** What applying one event did: `applied` changed (or re-confirmed) Tollgate's state; `ignored` had nothing to do. */
export interface StripeEventEffect {
  status: 'applied' | 'ignored';
  organizationId: string | null;
  /** What changed, for the audit entry and the webhook log. */
  summary: Record<string, unknown>;
}

const ignored = (reason: string, organizationId: string | null = null): StripeEventEffect => ({ status: 'ignored', organizationId, summary: { reason } });

/**
 * The effects of Stripe events on Tollgate, one branch per command of the pure mapper. Each effect is idempotent
 * (ordered by the event's `created`, keyed by Stripe ids), so a retry or a replay of an event changes nothing
 * that was already applied. Every branch returns.
 */
export class StripeEventHandlers {
  constructor(
    private readonly database: Database,
    private readonly sync: StripeSubscriptionSyncService,
    private readonly providerSubscriptions: ProviderSubscriptionService,
    private readonly creditLedger: CreditLedgerService,
    private readonly invoices: InvoiceService,
    private readonly audit: AuditLogService,
  ) {}

  async apply(event: Stripe.Event): Promise<StripeEventEffect> {
    try {
      return await this.applyCommand(event);
    } catch (error) {
      if (error instanceof ForeignStripeObject) return ignored(error.message);
      throw error;
    }
  }

  private async applyCommand(event: Stripe.Event): Promise<StripeEventEffect> {
    const actor: Actor = { type: 'stripe', id: event.id };
    const command = mapStripeEvent(event);
    switch (command.kind) {
      case 'sync_subscription': {
        const { organizationId, outcome } = await this.sync.applyWithOutcome(command.subscription, command.observedAt, actor);
        return this.synced(organizationId, outcome, { subscription: command.subscription.id, stripeStatus: command.subscription.status });
      }
      case 'resync_subscription': {
        const { organizationId, outcome } = await this.sync.resync(command.subscriptionId, command.observedAt, actor);
        return this.synced(organizationId, outcome, { subscription: command.subscriptionId, reread: true });
      }
      case 'checkout_subscription':
        return this.checkoutSubscription(command, actor);
      case 'grant_credit_pack':
        return this.grantCreditPack(command, actor);
      case 'trial_will_end': {
        const organizationId = await this.organizationOrFail(command.organizationId, command.customerId, command.subscriptionId);
        const after = { subscription: command.subscriptionId, trialEnd: command.trialEnd?.toISOString() ?? null };
        await this.record(organizationId, actor, 'subscription.trial_will_end', command.subscriptionId, after);
        return { status: 'applied', organizationId, summary: after };
      }
      case 'record_invoice':
        return this.recordInvoice(command, actor);
      case 'record_payment_intent': {
        const organizationId = await this.sync.organizationFor(command.organizationId, command.customerId);
        if (!organizationId) return ignored(`payment intent ${command.paymentIntentId} belongs to no organization`);
        const after = { paymentIntent: command.paymentIntentId, amountMinor: command.amountMinor, currency: command.currency, failureMessage: command.failureMessage };
        // Recorded only: credit packs are granted on checkout completion, subscriptions follow invoices.
        await this.record(organizationId, actor, command.succeeded ? 'payment.succeeded' : 'payment.failed', command.paymentIntentId, after);
        return { status: 'applied', organizationId, summary: after };
      }
      case 'ignore':
        return ignored(command.reason);
    }
  }

  /**
   * Subscription mode: the session names its subscription; when Stripe expanded it, it is applied here, otherwise
   * customer.subscription.created (sent for the same checkout) carries it. Either order ends in the same state.
   */
  private async checkoutSubscription(command: Extract<StripeCommand, { kind: 'checkout_subscription' }>, actor: Actor): Promise<StripeEventEffect> {
    const organizationId = await this.organizationOrFail(command.organizationId, command.customerId, command.sessionId);
    const linkedCustomer = command.customerId ? await this.sync.linkCustomer(organizationId, command.customerId) : false;
    const summary: Record<string, unknown> = { checkoutSession: command.sessionId, subscription: command.subscriptionId, linkedCustomer };
    if (command.subscription) {
      const { outcome } = await this.sync.applyWithOutcome(command.subscription, command.observedAt, actor);
      summary.outcome = outcome;
    } else {
      summary.outcome = 'awaiting customer.subscription.created';
    }
    await this.record(organizationId, actor, 'checkout.completed', command.sessionId, summary);
    return { status: 'applied', organizationId, summary };
  }

  /** A paid credit pack: its credits once, keyed by the checkout session (a retry or replay is a ledger replay). */
  private async grantCreditPack(command: Extract<StripeCommand, { kind: 'grant_credit_pack' }>, actor: Actor): Promise<StripeEventEffect> {
    const organizationId = await this.organizationOrFail(command.organizationId, command.customerId, command.sessionId);
    const { transaction, replayed } = await this.creditLedger.purchaseCredits({
      organizationId,
      credits: command.credits,
      idempotencyKey: command.sessionId,
      productKey: command.productKey,
      actor,
    });
    const summary = { checkoutSession: command.sessionId, productKey: command.productKey, credits: command.credits, creditTransaction: transaction.id, replayed };
    return replayed ? { status: 'ignored', organizationId, summary } : { status: 'applied', organizationId, summary };
  }

  /** Billing history first; then a paid or failed invoice of the current subscription moves its status. */
  private async recordInvoice(command: Extract<StripeCommand, { kind: 'record_invoice' }>, actor: Actor): Promise<StripeEventEffect> {
    const { invoice } = command;
    const organizationId = await this.organizationOrFail(invoice.organizationId, invoice.stripeCustomerId, invoice.stripeInvoiceId);
    const recorded = await this.invoices.record(organizationId, invoice, command.observedAt);
    const summary: Record<string, unknown> = { invoice: invoice.stripeInvoiceId, status: invoice.status, amountDueMinor: invoice.amountDueMinor, amountPaidMinor: invoice.amountPaidMinor, recorded };
    if (command.payment && invoice.stripeSubscriptionId) {
      summary.subscription = invoice.stripeSubscriptionId;
      summary.subscriptionOutcome = await this.providerSubscriptions.applyProviderPayment(
        organizationId,
        { providerSubscriptionId: invoice.stripeSubscriptionId, succeeded: command.payment === 'succeeded', observedAt: command.observedAt },
        actor,
      );
    }
    const changed = recorded === 'recorded' || summary.subscriptionOutcome === 'updated';
    return { status: changed ? 'applied' : 'ignored', organizationId, summary };
  }

  private synced(organizationId: string, outcome: string, summary: Record<string, unknown>): StripeEventEffect {
    const status = outcome === 'stale' || outcome === 'ignored' ? 'ignored' : 'applied';
    return { status, organizationId, summary: { ...summary, outcome } };
  }

  private async organizationOrFail(tagged: string | null, customerId: string | null, objectId: string): Promise<string> {
    const organizationId = await this.sync.organizationFor(tagged, customerId);
    if (!organizationId) throw new ForeignStripeObject(`no organization for ${objectId} (customer ${customerId})`);
    return organizationId;
  }

  private record(organizationId: string, actor: Actor, action: string, targetId: string, after: Record<string, unknown>): Promise<void> {
    return this.database.inTenant(organizationId, (m) => this.audit.record(m, actor, { organizationId, action, targetType: 'stripe_object', targetId, after }));
  }
}

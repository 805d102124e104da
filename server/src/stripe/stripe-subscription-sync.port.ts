import type Stripe from 'stripe';
import type { Actor } from '../modules/audit/actor';

/**
 * The one way Stripe's view of a subscription reaches Tollgate's: webhook handlers and the billing calls that get
 * a subscription back from Stripe (change plan, cancel, resume) both hand it here. Implementations find the
 * organization (metadata.organization_id, else the customer), the plan (price metadata/lookup_key), and move
 * Tollgate's subscription to match, through SubscriptionService's rules; an observation older than the last
 * one applied for that Stripe subscription changes nothing.
 */
export interface StripeSubscriptionSync {
  apply(subscription: Stripe.Subscription, observedAt: Date, actor: Actor): Promise<void>;
}

/** Metadata keys Tollgate writes on Stripe objects and reads back from them. */
export const STRIPE_METADATA = {
  organizationId: 'organization_id',
  planKey: 'tollgate_plan_key',
  interval: 'tollgate_interval',
  creditProductKey: 'tollgate_credit_product_key',
  credits: 'tollgate_credits',
  featureKey: 'tollgate_feature_key',
} as const;

/** lookup_key of a plan's price: stable across plan versions (a new version transfers it to its new price). */
export const planPriceLookupKey = (planKey: string, interval: 'month' | 'year') => `tollgate_plan_${planKey}_${interval}`;
export const creditProductPriceLookupKey = (productKey: string) => `tollgate_credits_${productKey}`;

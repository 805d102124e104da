import type Stripe from 'stripe';
import type { TestApp } from './test-app';
import { payCheckout } from './stripe-sandbox-kit';

export const SUCCESS_CARD = '4242424242424242';

/** Pays a sandbox Checkout session on its own page with the success card; returns the Stripe subscription it made. */
export async function completeSandboxCheckout(stripe: Stripe, sessionId: string): Promise<string> {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  const paid = await payCheckout(session.url!, SUCCESS_CARD);
  if (paid.status !== 303 && paid.status !== 302) throw new Error(`checkout was not paid (${paid.status}): ${paid.html.slice(0, 300)}`);
  const completed = await stripe.checkout.sessions.retrieve(sessionId);
  if (typeof completed.subscription !== 'string') throw new Error(`checkout ${sessionId} made no subscription`);
  return completed.subscription;
}

/** What the webhook does on checkout.session.completed, done directly: Tollgate follows the Stripe subscription. */
export async function linkStripeSubscription(app: TestApp, stripe: Stripe, subscriptionId: string): Promise<void> {
  const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['schedule'] });
  await app.services.stripeSubscriptionSync.apply(subscription, app.clock.now(), { type: 'system', id: 'test-checkout-completed' });
}

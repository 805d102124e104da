import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import Stripe from 'stripe';
import type { StripeEnvironment } from './stripe-environment';
import type { StripeWebhookService } from './stripe-webhook.service';

/** Stripe's events are a few kB; anything this large is not one. */
export const WEBHOOK_BODY_LIMIT = '512kb';
/** Stripe's default tolerance: a signature older than this is a replay, not a delivery. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * POST /webhooks/stripe, mounted before any JSON parser: the signature covers the exact bytes Stripe sent.
 * Unsigned, mis-signed or stale → 400 and nothing stored; verified → stored, 200 at once, then applied off the
 * response path (a duplicate delivery is acknowledged and not applied again). Every branch returns.
 */
export function stripeWebhookRouter(options: { webhooks: StripeWebhookService; environment: () => StripeEnvironment; logger: Logger }): Router {
  const { webhooks, logger } = options;
  const router = express.Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res, next) => {
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature.length === 0) {
      res.status(400).json({ error: 'missing Stripe-Signature header' });
      return;
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      res.status(400).json({ error: 'empty body' });
      return;
    }
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(req.body, signature, options.environment().webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      // Stripe's message says which check failed (no matching signature, timestamp outside the tolerance zone).
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid signature';
      req.log?.warn({ reason }, 'stripe webhook refused');
      res.status(400).json({ error: `signature verification failed: ${reason}` });
      return;
    }
    try {
      const { stored } = await webhooks.receive(event);
      res.status(200).json({ received: true, duplicate: !stored });
      if (!stored) return;
      // Applied after the answer: Stripe only needs to know the event is safely stored.
      webhooks.processInBackground(event.id);
      return;
    } catch (error) {
      next(error);
      return;
    }
  });
  const errors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') return void res.status(413).json({ error: `body larger than ${WEBHOOK_BODY_LIMIT}` });
    if (error.status && error.status >= 400 && error.status < 500) return void res.status(error.status).json({ error: 'malformed request' });
    logger.error({ err: error }, 'stripe webhook could not be stored');
    // 5xx: Stripe retries the delivery.
    return void res.status(500).json({ error: 'could not store the event' });
  };
  router.use('/webhooks/stripe', errors);
  return router;
}

import Stripe from 'stripe';
import type { StripeEnvironment } from './stripe-environment';

/** The API version Tollgate is written against: the SDK's own, so its TypeScript types describe what comes back. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

/**
 * The one place the Stripe SDK is constructed. Real Stripe uses the SDK's default host; the sandbox is reached
 * through host/port/protocol, so every call goes through the same SDK code either way.
 */
export function createStripeClient(environment: StripeEnvironment): Stripe {
  return new Stripe(environment.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // Network failures are retried by the SDK with the same idempotency key, so a retry never doubles a write.
    maxNetworkRetries: 2,
    // A request path waits at most this long for Stripe; the caller gets PAYMENT_PROVIDER_ERROR after it.
    timeout: 20_000,
    telemetry: environment.mode === 'live',
    appInfo: { name: 'Tollgate', version: '0.1.0', url: 'https://github.com/tollgate' },
    ...(environment.host ? { host: environment.host } : {}),
    ...(environment.port ? { port: environment.port } : {}),
    ...(environment.protocol ? { protocol: environment.protocol } : {}),
  });
}

/**
 * Which Stripe this process talks to and how webhooks from it are verified: real Stripe (keys from the config)
 * or the built-in sandbox on a loopback port (server/src/stripe-sandbox), reached by the same SDK through
 * host/port/protocol overrides.
 */
export interface StripeEnvironment {
  mode: 'live' | 'sandbox';
  secretKey: string;
  webhookSecret: string;
  /** Set for the sandbox only; real Stripe uses the SDK's defaults. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** The sandbox's own address (checkout/portal pages, sandbox-only controls); undefined for real Stripe. */
  sandboxUrl?: string;
}

/** Real Stripe from the config; undefined in sandbox mode (the caller starts the sandbox and gets its environment). */
export function liveStripeEnvironment(stripe: import('../config').Config['stripe']): StripeEnvironment | undefined {
  return stripe.mode === 'live' ? { mode: 'live', secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret } : undefined;
}

/**
 * Until the sandbox is started by server.ts/test-app.ts (Stripe issue, in progress): an environment that points at
 * nothing, so no call can reach a real Stripe account by accident.
 */
export const UNSTARTED_SANDBOX: StripeEnvironment = {
  mode: 'sandbox',
  secretKey: 'sk_test_sandbox_not_started',
  webhookSecret: 'whsec_sandbox_not_started',
  host: '127.0.0.1',
  port: 9,
  protocol: 'http',
};

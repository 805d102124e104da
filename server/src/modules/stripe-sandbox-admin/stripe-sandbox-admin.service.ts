import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { StripeEnvironment } from '../../stripe/stripe-environment';
import { systemActor, type Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import type { StripeCatalogSyncService } from '../billing/stripe-catalog-sync.service';
import { stripeSandboxAdminErrors as errors } from './stripe-sandbox-admin.errors';
import { StripeMode } from './stripe-sandbox-admin.type';

const HOUR_SECONDS = 3600;
const CONTROL_TIMEOUT_MS = 30_000;

/**
 * What only makes sense with the built-in Stripe sandbox: its clock (read and moved forward, like a Stripe test
 * clock, so a billing cycle runs in seconds) and the catalog sync at start. It reaches the sandbox over its
 * control routes with the sandbox's secret key, as any other process could; with real Stripe it refuses.
 */
export class StripeSandboxAdminService {
  constructor(
    private readonly environment: StripeEnvironment,
    private readonly database: Database,
    private readonly catalogSync: StripeCatalogSyncService,
    private readonly audit: AuditLogService,
  ) {}

  mode(): StripeMode {
    return this.environment.mode === 'live' ? StripeMode.LIVE : StripeMode.SANDBOX;
  }

  /** The sandbox's time; null with real Stripe. */
  async clock(): Promise<{ now: Date } | null> {
    if (this.mode() === StripeMode.LIVE) return null;
    return this.control('GET', '/sandbox/clock');
  }

  /** Moves the sandbox clock forward; renewals and retries due on the way run and send their webhooks. Audited. */
  async advanceClock(input: { days: number; hours: number }, actor: Actor): Promise<{ now: Date }> {
    if (this.mode() === StripeMode.LIVE) throw errors.realStripeConfigured();
    const seconds = (input.days * 24 + input.hours) * HOUR_SECONDS;
    if (seconds <= 0) throw errors.nothingToAdvance();
    const clock = await this.control('POST', '/sandbox/clock/advance', { seconds });
    await this.database.asPlatform((m) =>
      this.audit.record(m, actor, {
        organizationId: null,
        action: 'stripe_sandbox.clock_advanced',
        targetType: 'stripe_sandbox',
        after: { days: input.days, hours: input.hours, now: clock.now.toISOString() },
      }),
    );
    return clock;
  }

  /**
   * Sandbox mode only: makes the sandbox's catalog match Tollgate's right after start, so Checkout works without
   * a manual step (idempotent: a restart on the same state reports everything unchanged). With real Stripe the
   * catalog is synced on purpose by an admin (`npm run stripe:sync` or the syncCatalogToStripe mutation), never here.
   */
  async syncCatalogAtStart(logger: Logger): Promise<void> {
    if (this.mode() === StripeMode.LIVE) return;
    try {
      const items = await this.catalogSync.sync(systemActor('stripe-sandbox-start'));
      const count = (result: string) => items.filter((item) => item.result === result).length;
      logger.info({ created: count('created'), updated: count('updated'), unchanged: count('unchanged') }, 'Stripe sandbox catalog synced');
    } catch (error) {
      // Not fatal: everything but paying still works. The usual cause is a database kept while the sandbox's state file was deleted.
      logger.warn(
        { err: error },
        'Stripe sandbox catalog sync failed: Checkout will not work. If the sandbox state file (.tollgate/stripe-sandbox.json) was deleted while the database was kept, the stored Stripe ids point at nothing: delete the database too (.tollgate/) to start over',
      );
    }
  }

  private async control(method: 'GET' | 'POST', path: string, body?: object): Promise<{ now: Date }> {
    if (!this.environment.sandboxUrl) throw errors.sandboxUnreachable('it is not running');
    let response: Response;
    try {
      response = await fetch(`${this.environment.sandboxUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.environment.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      });
    } catch (error) {
      throw errors.sandboxUnreachable(error instanceof Error ? error.message : String(error));
    }
    const answer = (await response.json().catch(() => ({}))) as { now?: number; error?: { message?: string } };
    if (!response.ok || typeof answer.now !== 'number') throw errors.sandboxUnreachable(answer.error?.message ?? `HTTP ${response.status}`);
    return { now: new Date(answer.now * 1000) };
  }
}

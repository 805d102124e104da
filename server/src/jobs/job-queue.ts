import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Services } from '../services';

/** Each recurring job: a cron schedule (UTC) and the idempotent service call it makes. */
interface RecurringJob {
  name: string;
  cron: string;
  run(services: Services): Promise<unknown>;
}

export const recurringJobs: RecurringJob[] = [
  // Period ends of subscriptions Tollgate renews itself (free plan, admin-assigned plans), scheduled downgrades,
  // cancel-at-period-end, local trial ends; grants each new period's credits once.
  { name: 'subscription-renewal', cron: '* * * * *', run: (s) => s.subscriptionRenewal.advanceDue() },
  // Subscription credits whose period has ended are written off even when no renewal ran for them.
  { name: 'credit-expiry', cron: '*/5 * * * *', run: (s) => s.creditLedger.expireDueSubscriptionCredits() },
  { name: 'session-cleanup', cron: '17 * * * *', run: (s) => s.identity.deleteExpiredSessions() },
  // Stripe events whose application failed, with exponential backoff (next_attempt_at); claimed with SKIP LOCKED.
  { name: 'stripe-webhook-retry', cron: '* * * * *', run: (s) => s.stripeWebhooks.retryDue() },
  // Overage past `overage` limits goes to Stripe's meters; what Stripe refuses is retried on the next run.
  { name: 'stripe-meter-report', cron: '* * * * *', run: (s) => s.overageReporter.reportDue() },
];

export interface JobQueue {
  /** Queues one run of a recurring job now and resolves when it has finished (admin action, tests). */
  runNow(name: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss: a durable job queue in PostgreSQL (its own `pgboss` schema). Cron schedules fire once per minute
 * across all instances, and jobs are claimed with SKIP LOCKED, so two servers never run the same job twice;
 * the jobs themselves are idempotent as well.
 */
export async function startJobQueue(options: { url: string; services: Services; logger: Logger }): Promise<JobQueue> {
  const { services, logger } = options;
  const boss = new PgBoss({ connectionString: options.url, max: 2, application_name: 'tollgate-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of recurringJobs) {
    await boss.createQueue(job.name, { name: job.name, policy: 'singleton', retryLimit: 3, retryBackoff: true, expireInSeconds: 600 });
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
      const startedAt = Date.now();
      const result = await job.run(services);
      logger.debug({ job: job.name, result, ms: Date.now() - startedAt }, 'job finished');
    });
  }

  return {
    async runNow(name, timeoutMs = 30_000) {
      const id = await boss.send(name, {}, { retryLimit: 0 });
      if (!id) throw new Error(`job ${name} was not queued (one is already waiting)`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await boss.getJobById(name, id);
        if (job?.state === 'completed') return;
        if (job?.state === 'failed') throw new Error(`job ${name} failed: ${JSON.stringify(job.output)}`);
        if (Date.now() > deadline) throw new Error(`job ${name} did not finish within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}

import type { AuditActorType } from './audit-entry.entity';

/** Who is doing something: passed from the resolver (or webhook, or job) into every service that changes billing. */
export interface Actor {
  type: AuditActorType;
  /** User id, API key id, job name or Stripe event id. */
  id: string | null;
}

export const systemActor = (job: string): Actor => ({ type: 'system', id: job });

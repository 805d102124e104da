import { SubscriptionStatus as S } from './subscription-status';

/** Every transition the subscription lifecycle allows; anything else is refused. */
const allowed: Record<S, readonly S[]> = {
  [S.TRIALING]: [S.ACTIVE, S.PAST_DUE, S.CANCELED, S.EXPIRED, S.INCOMPLETE, S.UNPAID],
  [S.ACTIVE]: [S.ACTIVE, S.PAST_DUE, S.CANCELED, S.EXPIRED, S.UNPAID],
  [S.PAST_DUE]: [S.ACTIVE, S.PAST_DUE, S.UNPAID, S.CANCELED, S.EXPIRED],
  [S.UNPAID]: [S.ACTIVE, S.PAST_DUE, S.CANCELED, S.EXPIRED],
  [S.INCOMPLETE]: [S.ACTIVE, S.TRIALING, S.EXPIRED, S.CANCELED],
  [S.CANCELED]: [],
  [S.EXPIRED]: [],
};

export function canTransition(from: S, to: S): boolean {
  return allowed[from].includes(to);
}

/** Statuses of a subscription that has ended: the organization is on another (current) subscription. */
export const ENDED_STATUSES: readonly S[] = [S.CANCELED, S.EXPIRED];

/** Statuses whose plan's entitlements apply. `incomplete` (first payment pending) and `unpaid` do not grant paid access. */
export function grantsPlanAccess(status: S): boolean {
  return status === S.TRIALING || status === S.ACTIVE || status === S.PAST_DUE;
}

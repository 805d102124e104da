import type { ViewerMembership } from '../session/useViewer';

/**
 * Stripe's return URLs carry no organization: the one the viewer last worked in (where they clicked "Subscribe"),
 * else their first; null when they belong to none.
 */
export function returnOrganization(memberships: readonly ViewerMembership[], remembered: string | null): ViewerMembership | null {
  return memberships.find((m) => m.organization.id === remembered) ?? memberships[0] ?? null;
}

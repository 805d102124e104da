import type { Viewer } from './useViewer';
import { lastOrganizationId } from './last-organization';

/** Where "/" leads: the organization last worked in, else the first one, else (platform admins) the admin view. */
export function homePath(viewer: Viewer, remembered: string | null = lastOrganizationId()): string {
  const ids = viewer.memberships.map((m) => m.organization.id);
  if (remembered && ids.includes(remembered)) return `/orgs/${remembered}`;
  if (ids[0]) return `/orgs/${ids[0]}`;
  if (viewer.user.isPlatformAdmin) return '/admin/organizations';
  return '/no-organization';
}

/** Only same-site paths are followed after logging in (never an attacker's absolute URL). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return null;
  return next;
}

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Outlet, useParams } from 'react-router';
import { ForbiddenView } from '../../components/ForbiddenView';
import type { MembershipRole } from '../../gql/graphql';
import { rememberOrganization } from './last-organization';
import { useViewer } from './useViewer';

export interface CurrentOrganization {
  id: string;
  name: string;
  slug: string;
  role: MembershipRole;
  /** Owners and admins act (subscribe, buy, create keys); members read. */
  canAct: boolean;
}

const OrganizationContext = createContext<CurrentOrganization | null>(null);

export function canActAs(role: MembershipRole): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** The organization in the URL. Tenant pages render only inside an OrganizationRoute. */
export function useCurrentOrganization(): CurrentOrganization {
  const organization = useContext(OrganizationContext);
  if (!organization) throw new Error('useCurrentOrganization outside an organization route');
  return organization;
}

export function OrganizationProvider({ organization, children }: { organization: CurrentOrganization; children: ReactNode }) {
  return <OrganizationContext.Provider value={organization}>{children}</OrganizationContext.Provider>;
}

/**
 * /orgs/:organizationId/*: only for members of that organization. Anyone else (platform admins included; they
 * have the admin view) gets the 403 view, and no tenant query runs.
 */
export function OrganizationRoute() {
  const { organizationId } = useParams();
  const { viewer } = useViewer();
  const membership = viewer?.memberships.find((m) => m.organization.id === organizationId);
  const organization = useMemo<CurrentOrganization | null>(
    () => (membership ? { ...membership.organization, role: membership.role, canAct: canActAs(membership.role) } : null),
    [membership],
  );
  useEffect(() => {
    if (organization) rememberOrganization(organization.id);
  }, [organization]);
  if (!organization) return <ForbiddenView message="You are not a member of this organization." />;
  return (
    <OrganizationProvider organization={organization}>
      <Outlet />
    </OrganizationProvider>
  );
}

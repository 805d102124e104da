import { Navigate, useLocation } from 'react-router';
import { lastOrganizationId } from '../session/last-organization';
import { useViewer } from '../session/useViewer';
import { returnOrganization } from './return-organization';

/**
 * The server's Stripe URLs that name no organization — Checkout's cancel_url (/pricing?checkout=canceled,
 * /billing/credits?checkout=canceled) and the portal's return_url (/billing) — lead to that page of the
 * organization last worked in, keeping the query (the pages read ?checkout=canceled). Needs routes in routes.tsx.
 */
export function OrganizationPageRedirect({ page }: { page: '' | 'pricing' | 'credits' }) {
  const { viewer } = useViewer();
  const location = useLocation();
  if (!viewer) return null;
  const membership = returnOrganization(viewer.memberships, lastOrganizationId());
  if (!membership) return <Navigate to="/no-organization" replace />;
  return <Navigate to={`/orgs/${membership.organization.id}${page ? `/${page}` : ''}${location.search}`} replace />;
}

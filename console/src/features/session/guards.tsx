import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../components/QueryStates';
import { ForbiddenView } from '../../components/ForbiddenView';
import { homePath } from './home-path';
import { useViewer } from './useViewer';

/** Every signed-in route sits under this: the signed-out go to /login and come back afterwards. */
export function RequireViewer() {
  const { viewer, loading, error, signedOut, refetch } = useViewer();
  const location = useLocation();
  if (viewer) return <Outlet />;
  if (signedOut) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (loading) return <LoadingState />;
  return null;
}

/** Admin routes render (and load their chunk) only for platform admins. */
export function RequirePlatformAdmin() {
  const { viewer } = useViewer();
  if (!viewer) return null;
  if (!viewer.user.isPlatformAdmin) return <ForbiddenView message="Only platform admins can open the admin view." />;
  return <Outlet />;
}

export function HomeRedirect() {
  const { viewer } = useViewer();
  if (!viewer) return null;
  return <Navigate to={homePath(viewer)} replace />;
}

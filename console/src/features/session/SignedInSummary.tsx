import { errorMessage } from '../../apollo/errors';
import type { ConsoleMe, MembershipRole } from './session.graphql';
import { useLogOut } from './useLogOut';

const ROLE_LABEL: Record<MembershipRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };

/** Who is signed in, the organizations they belong to with their role in each, and the way out. */
export function SignedInSummary({ me }: { me: ConsoleMe }) {
  const { logOut, loading, error } = useLogOut();
  const { user, memberships } = me;
  return (
    <section className="card">
      <div className="signed-in__header">
        <p>
          Signed in as <strong>{user.email}</strong>
          {user.isPlatformAdmin && <span className="badge">Platform admin</span>}
        </p>
        <button type="button" className="button" onClick={() => void logOut()} disabled={loading}>
          {loading ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <h2>Organizations</h2>
      {memberships.length === 0 ? (
        <p className="muted">You do not belong to any organization yet.</p>
      ) : (
        <ul className="organization-list">
          {memberships.map(({ organization, role }) => (
            <li key={organization.id}>
              <span>
                <span className="organization-list__name">{organization.name}</span>{' '}
                <span className="muted">{organization.slug}</span>
              </span>
              <span className="role">{ROLE_LABEL[role] ?? role}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

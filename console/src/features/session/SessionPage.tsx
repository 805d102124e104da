import { useQuery } from '@apollo/client/react';
import { ErrorCode, errorMessage, hasErrorCode } from '../../apollo/errors';
import { ConsoleMeDocument } from './session.graphql';
import { SignedInSummary } from './SignedInSummary';
import { SignInPanel } from './SignInPanel';

/** Asks the server who is signed in and shows either the sign-in forms or that person's summary. */
export function SessionPage() {
  const { data, error, loading, refetch } = useQuery(ConsoleMeDocument);

  // Checked before `loading` so the form stays put while `me` is refetched after a failed attempt.
  if (hasErrorCode(error, ErrorCode.UNAUTHENTICATED)) return <SignInPanel />;
  if (data) return <SignedInSummary me={data.me} />;
  if (loading) return <p className="muted">Loading…</p>;
  return (
    <section className="card form-error" role="alert">
      <p>{error ? errorMessage(error) : 'Nothing came back from the server.'}</p>
      <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)}>
        Try again
      </button>
    </section>
  );
}

import { useQuery } from '@apollo/client/react';
import { ErrorCode, hasErrorCode } from '../../apollo/errors';
import type { ViewerQuery } from '../../gql/graphql';
import { ViewerDocument } from './session.graphql';

export type Viewer = ViewerQuery['me'];
export type ViewerMembership = Viewer['memberships'][number];

/** Who is signed in. `signedOut` is the server's UNAUTHENTICATED answer, not a failure to show. */
export function useViewer() {
  const { data, loading, error, refetch } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });
  const signedOut = hasErrorCode(error, ErrorCode.Unauthenticated);
  return { viewer: data?.me, loading, error: signedOut ? undefined : error, signedOut, refetch };
}

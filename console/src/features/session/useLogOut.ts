import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ConsoleLogOutDocument } from './session.graphql';

/**
 * Ends the session, then resets the store so nothing of this user stays cached. The reset refetches `me`,
 * which now fails with UNAUTHENTICATED and brings back the sign-in form.
 */
export function useLogOut() {
  const client = useApolloClient();
  const [mutate, { loading, error }] = useMutation(ConsoleLogOutDocument);
  const logOut = useCallback(async () => {
    try {
      await mutate();
    } catch {
      return; // shown through `error`
    }
    // The refetched `me` rejects with UNAUTHENTICATED by design; the page renders that state.
    await client.resetStore().catch(() => undefined);
  }, [client, mutate]);
  return { logOut, loading, error };
}

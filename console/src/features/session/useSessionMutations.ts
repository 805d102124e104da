import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { LogInInput, SignUpInput } from '../../gql/graphql';
import { SessionLogInDocument, SessionLogOutDocument, SessionSignUpDocument, ViewerDocument } from './session.graphql';

/** Logs in, then reloads `me` so guards see the new viewer. Resolves true on success; failures land in `error`. */
export function useLogIn() {
  const [mutate, { loading, error }] = useMutation(SessionLogInDocument, { refetchQueries: [ViewerDocument], awaitRefetchQueries: true });
  const logIn = useCallback(
    async (input: LogInInput) => Boolean(await mutate({ variables: { input } }).then((r) => r.data).catch(() => null)),
    [mutate],
  );
  return { logIn, loading, error };
}

export function useSignUp() {
  const [mutate, { loading, error }] = useMutation(SessionSignUpDocument, { refetchQueries: [ViewerDocument], awaitRefetchQueries: true });
  const signUp = useCallback(
    async (input: SignUpInput) => Boolean(await mutate({ variables: { input } }).then((r) => r.data).catch(() => null)),
    [mutate],
  );
  return { signUp, loading, error };
}

/** Logs out and forgets everything cached: the next viewer must not see the previous one's data. */
export function useLogOut() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(SessionLogOutDocument);
  const logOut = useCallback(async () => {
    await mutate().catch(() => undefined);
    await client.clearStore();
  }, [client, mutate]);
  return { logOut, loading };
}

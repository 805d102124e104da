import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ConsoleMeDocument, ConsoleSignUpDocument, type SignUpInput } from './session.graphql';

/** Creates the account and its first organization; the server signs the new user in, so `me` is refetched. */
export function useSignUp() {
  const [mutate, { loading, error }] = useMutation(ConsoleSignUpDocument, {
    refetchQueries: [ConsoleMeDocument],
    awaitRefetchQueries: true,
  });
  const signUp = useCallback(
    async (input: SignUpInput) => {
      // The failure is rendered from `error`; the rejection itself carries nothing more.
      await mutate({ variables: { input } }).catch(() => undefined);
    },
    [mutate],
  );
  return { signUp, loading, error };
}

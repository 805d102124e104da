import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ConsoleLogInDocument, ConsoleMeDocument, type LogInInput } from './session.graphql';

/** Logs in and refetches `me`, which swaps the sign-in form for the signed-in view. Failures land in `error`. */
export function useLogIn() {
  const [mutate, { loading, error }] = useMutation(ConsoleLogInDocument, {
    refetchQueries: [ConsoleMeDocument],
    awaitRefetchQueries: true,
  });
  const logIn = useCallback(
    async (input: LogInInput) => {
      // The failure is rendered from `error`; the rejection itself carries nothing more.
      await mutate({ variables: { input } }).catch(() => undefined);
    },
    [mutate],
  );
  return { logIn, loading, error };
}

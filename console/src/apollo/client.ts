import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { RetryLink } from '@apollo/client/link/retry';
import { ErrorCode } from '../gql/enums';

export interface ApolloClientOptions {
  /** Called when the server says the session is gone (expired, logged out elsewhere). */
  onUnauthenticated: () => void;
  uri?: string;
}

/**
 * The console's one Apollo Client. The session is an httpOnly cookie the server sets on logIn/signUp, so requests
 * go to the same origin with cookies and the console never sees a token.
 */
export function createApolloClient({ onUnauthenticated, uri = '/graphql' }: ApolloClientOptions): ApolloClient {
  const errorLink = new ErrorLink(({ error, operation }) => {
    const unauthenticated =
      CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === ErrorCode.Unauthenticated);
    // The viewer query answers "who is signed in"; its UNAUTHENTICATED is the normal signed-out state, not a redirect.
    if (unauthenticated && operation.operationName !== 'Viewer') onUnauthenticated();
  });
  // Network failures (server restarting, a dropped connection) are retried; GraphQL errors never are.
  const retryLink = new RetryLink({
    delay: { initial: 300, max: 3000, jitter: true },
    attempts: { max: 3, retryIf: (error) => !CombinedGraphQLErrors.is(error) },
  });
  return new ApolloClient({
    link: ApolloLink.from([errorLink, retryLink, new HttpLink({ uri, credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Balances and subscriptions are per organization but have no id of their own: never merge them across orgs.
        CreditBalance: { keyFields: false },
        OrganizationEntitlements: { keyFields: false },
        // Catalog features are identified by their key (they have no id), so an edit updates every list showing one.
        Feature: { keyFields: ['key'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}

import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The console's one Apollo Client. The session is an httpOnly cookie the server sets on logIn/signUp, so
 * requests go to the same origin with cookies and the console never sees a token.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache(),
  });
}

import { graphql } from '../../gql';

export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiKeysListDocument = graphql(`
  query ApiKeysList($organizationId: ID!, $first: Int!, $after: String) {
    apiKeys(organizationId: $organizationId, first: $first, after: $after) {
      nodes {
        ...ApiKeyFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApiKeyCreateDocument = graphql(`
  mutation ApiKeyCreate($organizationId: ID!, $input: CreateApiKeyInput!) {
    createApiKey(organizationId: $organizationId, input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const ApiKeyRevokeDocument = graphql(`
  mutation ApiKeyRevoke($organizationId: ID!, $apiKeyId: ID!) {
    revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) {
      ...ApiKeyFields
    }
  }
`);

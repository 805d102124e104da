import { graphql } from '../../gql';

export const AdminOrganizationListDocument = graphql(`
  query AdminOrganizationList($search: String, $sort: AdminOrganizationSortInput!, $first: Int!, $after: String) {
    adminOrganizationOverviews(search: $search, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        organization {
          id
          name
          slug
          createdAt
        }
        planName
        subscriptionStatus
        billingInterval
        mrr {
          amountMinor
          currency
        }
        creditBalance
        highestUsagePercent
        nearLimitFeatures
        memberCount
      }
    }
  }
`);

export const AdminOrganizationMembersDocument = graphql(`
  query AdminOrganizationMembers($organizationId: ID!, $after: String) {
    adminOrganizationMembers(organizationId: $organizationId, first: 20, after: $after) {
      nodes {
        role
        joinedAt
        user {
          id
          email
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

import { graphql } from '../../gql';

export const AdminAuditEntryFieldsFragment = graphql(`
  fragment AdminAuditEntryFields on AuditEntry {
    id
    createdAt
    action
    actorType
    actorId
    actorName
    organizationId
    targetType
    targetId
    before
    after
  }
`);

export const AdminAuditLogDocument = graphql(`
  query AdminAuditLog($filter: AdminAuditFilterInput, $first: Int!, $after: String) {
    adminAuditLog(filter: $filter, first: $first, after: $after) {
      nodes {
        ...AdminAuditEntryFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Organizations to pick in the filter and to name in the table (the log itself only has ids). */
export const AdminAuditOrganizationsDocument = graphql(`
  query AdminAuditOrganizations($search: String, $first: Int!) {
    platformOrganizations(search: $search, first: $first) {
      nodes {
        id
        name
        slug
      }
    }
  }
`);

/**
 * One organization's trail, for the admin organization page. Named for that page: its credit form refetches
 * `AdminOrganizationAuditTrail` after an adjustment.
 */
export const AdminOrganizationAuditTrailDocument = graphql(`
  query AdminOrganizationAuditTrail($organizationId: ID!, $first: Int!, $after: String) {
    adminAuditLog(filter: { organizationId: $organizationId }, first: $first, after: $after) {
      nodes {
        ...AdminAuditEntryFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

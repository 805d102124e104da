import { graphql } from '../../gql';

export const AdminWebhooksEventFieldsFragment = graphql(`
  fragment AdminWebhooksEventFields on StripeEvent {
    id
    type
    status
    attempts
    lastError
    livemode
    organizationId
    createdAt
    receivedAt
    appliedAt
    nextAttemptAt
  }
`);

export const AdminWebhooksEventsDocument = graphql(`
  query AdminWebhooksEvents($filter: StripeEventFilterInput, $first: Int!, $after: String) {
    adminStripeEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        ...AdminWebhooksEventFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminWebhooksEventReplayDocument = graphql(`
  mutation AdminWebhooksEventReplay($id: ID!) {
    replayStripeEvent(id: $id) {
      ...AdminWebhooksEventFields
    }
  }
`);

export const AdminWebhooksSandboxClockDocument = graphql(`
  query AdminWebhooksSandboxClock {
    stripeMode
    stripeSandboxClock {
      now
    }
  }
`);

export const AdminWebhooksSandboxClockAdvanceDocument = graphql(`
  mutation AdminWebhooksSandboxClockAdvance($days: Int!) {
    advanceStripeSandboxClock(days: $days) {
      now
    }
  }
`);

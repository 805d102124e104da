import { graphql } from '../../gql';

export const UsageEntitlementsDocument = graphql(`
  query UsageEntitlements($organizationId: ID!) {
    entitlements(organizationId: $organizationId) {
      planKey
      planName
      hourlyRequestLimit
      features {
        featureKey
        name
        kind
        enabled
        limit
        used
        remaining
        unit
        resetPeriod
        resetsAt
        overageBehavior
        warningLevel
      }
    }
  }
`);

export const UsageHistoryDocument = graphql(`
  query UsageHistory($organizationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    usageSummary(organizationId: $organizationId, from: $from, to: $to) {
      from
      to
      features {
        featureKey
        total
        overage
        days {
          date
          quantity
          overage
        }
      }
    }
  }
`);

import { graphql } from '../../gql';

/** What every tenant view shows of the subscription (overview, pricing, checkout return). */
export const SubscriptionSummaryFragment = graphql(`
  fragment SubscriptionSummary on Subscription {
    id
    planKey
    planName
    planVersion
    status
    billingInterval
    currentPeriodStart
    currentPeriodEnd
    cancelAtPeriodEnd
    canceledAt
    trialDaysLeft
    trialEnd
    billedThroughStripe
    scheduledChange {
      planKey
      planName
      billingInterval
      effectiveAt
    }
  }
`);

export const OverviewSummaryDocument = graphql(`
  query OverviewSummary($organizationId: ID!) {
    subscription(organizationId: $organizationId) {
      ...SubscriptionSummary
    }
    creditBalance(organizationId: $organizationId) {
      organizationId
      total
      purchased
      subscription
      belowThreshold
      nextExpiry {
        amount
        at
      }
    }
    entitlements(organizationId: $organizationId) {
      planKey
      planName
      features {
        featureKey
        name
        kind
        enabled
        limit
        used
        unit
        resetsAt
        warningLevel
      }
    }
  }
`);

export const SubscriptionUndoPlanChangeDocument = graphql(`
  mutation SubscriptionUndoPlanChange($organizationId: ID!) {
    undoScheduledPlanChange(organizationId: $organizationId) {
      ...SubscriptionSummary
    }
  }
`);

export const SubscriptionResumeDocument = graphql(`
  mutation SubscriptionResume($organizationId: ID!) {
    resumeSubscription(organizationId: $organizationId) {
      ...SubscriptionSummary
    }
  }
`);

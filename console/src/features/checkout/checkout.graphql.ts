import { graphql } from '../../gql';

export const CheckoutSubscriptionDocument = graphql(`
  query CheckoutSubscription($organizationId: ID!) {
    subscription(organizationId: $organizationId) {
      ...SubscriptionSummary
    }
  }
`);

export const CheckoutPlanLimitsDocument = graphql(`
  query CheckoutPlanLimits($organizationId: ID!) {
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
        unit
        resetPeriod
      }
    }
    creditBalance(organizationId: $organizationId) {
      organizationId
      total
    }
  }
`);

export const CheckoutCreditPurchaseDocument = graphql(`
  query CheckoutCreditPurchase($organizationId: ID!) {
    creditBalance(organizationId: $organizationId) {
      organizationId
      total
      purchased
      subscription
    }
    creditTransactions(organizationId: $organizationId, first: 20, filter: { kinds: [PURCHASE] }) {
      nodes {
        id
        kind
        amount
        createdAt
        idempotencyKey
      }
    }
  }
`);

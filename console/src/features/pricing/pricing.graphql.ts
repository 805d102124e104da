import { graphql } from '../../gql';

export const PricingPlansDocument = graphql(`
  query PricingPlans($organizationId: ID!) {
    plans {
      id
      key
      name
      description
      sortOrder
      currentVersion {
        id
        version
        currency
        monthlyPrice {
          amountMinor
          currency
        }
        yearlyPrice {
          amountMinor
          currency
        }
        yearlyDiscountPercent
        trialDays
        creditsPerPeriod
        hourlyRequestLimit
        entitlements {
          enabled
          limit
          overage
          resetPeriod
          feature {
            key
            name
            kind
            unit
          }
        }
      }
    }
    subscription(organizationId: $organizationId) {
      ...SubscriptionSummary
    }
  }
`);

export const BillingCheckoutCreateDocument = graphql(`
  mutation BillingCheckoutCreate($organizationId: ID!, $input: CreateCheckoutSessionInput!) {
    createCheckoutSession(organizationId: $organizationId, input: $input) {
      url
      stripeSessionId
    }
  }
`);

export const BillingPortalOpenDocument = graphql(`
  mutation BillingPortalOpen($organizationId: ID!) {
    createPortalSession(organizationId: $organizationId) {
      url
      stripeSessionId
    }
  }
`);

export const PlanChangeDocument = graphql(`
  mutation PlanChange($organizationId: ID!, $input: ChangePlanInput!) {
    changePlan(organizationId: $organizationId, input: $input) {
      outcome
      subscription {
        ...SubscriptionSummary
      }
    }
  }
`);

export const SubscriptionCancelDocument = graphql(`
  mutation SubscriptionCancel($organizationId: ID!) {
    cancelSubscription(organizationId: $organizationId, atPeriodEnd: true) {
      ...SubscriptionSummary
    }
  }
`);

import { graphql } from '../../gql';

export const AdminOrganizationDetailDocument = graphql(`
  query AdminOrganizationDetail($organizationId: ID!) {
    adminOrganization(organizationId: $organizationId) {
      id
      name
      slug
      createdAt
    }
    adminSubscription(organizationId: $organizationId) {
      id
      planKey
      planName
      planVersion
      status
      billingInterval
      currentPeriodStart
      currentPeriodEnd
      cancelAtPeriodEnd
      trialEnd
      trialDaysLeft
      scheduledChange {
        planName
        effectiveAt
      }
    }
    adminEntitlements(organizationId: $organizationId) {
      features {
        featureKey
        name
        kind
        enabled
        used
        limit
        unit
        resetsAt
        warningLevel
      }
    }
    adminCreditBalance(organizationId: $organizationId) {
      organizationId
      total
      purchased
      subscription
      lowBalanceThreshold
      belowThreshold
    }
  }
`);

export const AdminOrganizationCreditHistoryDocument = graphql(`
  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {
    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {
      nodes {
        id
        kind
        amount
        balanceAfter
        eventKey
        reason
        actorType
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminOrganizationInvoicesDocument = graphql(`
  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {
    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {
      nodes {
        id
        number
        status
        amountDue {
          amountMinor
          currency
        }
        periodStart
        periodEnd
        createdAt
        hostedInvoiceUrl
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminCreditsAdjustDocument = graphql(`
  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {
    adminAdjustCredits(organizationId: $organizationId, input: $input) {
      id
      amount
      balanceAfter
    }
  }
`);

import { graphql } from '../../gql';

export const CreditsBalanceDocument = graphql(`
  query CreditsBalance($organizationId: ID!) {
    creditBalance(organizationId: $organizationId) {
      organizationId
      total
      purchased
      subscription
      belowThreshold
      lowBalanceThreshold
      nextExpiry {
        amount
        at
      }
    }
    creditEvents {
      id
      key
      name
    }
    creditProducts {
      id
      key
      name
      description
      credits
      price {
        amountMinor
        currency
      }
    }
  }
`);

export const CreditTransactionFieldsFragment = graphql(`
  fragment CreditTransactionFields on CreditTransaction {
    id
    kind
    amount
    purchasedDelta
    subscriptionDelta
    balanceAfter
    createdAt
    eventKey
    quantity
    unitCost
    reason
    expiresAt
    periodStart
    idempotencyKey
    actorType
  }
`);

export const CreditsTransactionsDocument = graphql(`
  query CreditsTransactions($organizationId: ID!, $first: Int!, $after: String, $filter: CreditTransactionFilterInput) {
    creditTransactions(organizationId: $organizationId, first: $first, after: $after, filter: $filter) {
      nodes {
        ...CreditTransactionFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreditsPurchaseDocument = graphql(`
  mutation CreditsPurchase($organizationId: ID!, $input: PurchaseCreditsInput!) {
    purchaseCredits(organizationId: $organizationId, input: $input) {
      url
      stripeSessionId
    }
  }
`);

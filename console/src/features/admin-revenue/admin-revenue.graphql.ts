import { graphql } from '../../gql';

export const AdminRevenueDocument = graphql(`
  query AdminRevenue($from: DateTimeISO!, $to: DateTimeISO!, $granularity: MetricsGranularity!) {
    adminRevenueMetrics(from: $from, to: $to, granularity: $granularity) {
      currency
      series {
        periodStart
        mrr {
          amountMinor
          currency
        }
        activeSubscriptions
        newSubscriptions
        churnedSubscriptions
      }
      summary {
        currentMrr {
          amountMinor
          currency
        }
        activeSubscriptions
        trialingSubscriptions
        trialConversionRate
        trialsEnded
        trialsConverted
        paymentSuccessRate
        paidInvoices
        failedInvoices
        newSubscriptions
        churnedSubscriptions
      }
      creditConsumptionByEvent {
        eventKey
        eventName
        credits
        transactions
      }
    }
  }
`);

export const AdminAttentionDocument = graphql(`
  query AdminAttention {
    adminFailedPayments(first: 10) {
      totalCount
      nodes {
        kind
        since
        planKey
        invoiceNumber
        hostedInvoiceUrl
        amount {
          amountMinor
          currency
        }
        organization {
          id
          name
        }
      }
    }
    adminOrganizationsNearLimits(first: 10) {
      totalCount
      nodes {
        featureKey
        featureName
        used
        limit
        percent
        resetsAt
        organization {
          id
          name
        }
      }
    }
    adminOrganizationsLowOnCredits(first: 10) {
      totalCount
      nodes {
        balance
        threshold
        organization {
          id
          name
        }
      }
    }
  }
`);

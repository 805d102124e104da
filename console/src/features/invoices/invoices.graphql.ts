import { graphql } from '../../gql';

export const InvoicesListDocument = graphql(`
  query InvoicesList($organizationId: ID!, $first: Int!, $after: String) {
    invoices(organizationId: $organizationId, first: $first, after: $after) {
      nodes {
        id
        number
        status
        billingReason
        createdAt
        periodStart
        periodEnd
        hostedInvoiceUrl
        invoicePdf
        amountDue {
          amountMinor
          currency
        }
        amountPaid {
          amountMinor
          currency
        }
        amountRemaining {
          amountMinor
          currency
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

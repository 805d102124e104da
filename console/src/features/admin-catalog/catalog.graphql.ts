import { graphql } from '../../gql';

export const AdminCatalogFeatureFieldsFragment = graphql(`
  fragment AdminCatalogFeatureFields on Feature {
    key
    name
    description
    kind
    unit
    archivedAt
  }
`);

export const AdminCatalogPlanVersionFieldsFragment = graphql(`
  fragment AdminCatalogPlanVersionFields on PlanVersion {
    id
    version
    createdAt
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
      resetPeriod
      overage
      overagePriceMinor
      overagePriceUnits
      feature {
        key
        name
        kind
        unit
      }
    }
  }
`);

export const AdminCatalogPlanFieldsFragment = graphql(`
  fragment AdminCatalogPlanFields on PlatformPlan {
    id
    key
    name
    description
    isPublic
    sortOrder
    archivedAt
    currentVersion {
      ...AdminCatalogPlanVersionFields
    }
    versions {
      ...AdminCatalogPlanVersionFields
    }
  }
`);

export const AdminCatalogCreditEventFieldsFragment = graphql(`
  fragment AdminCatalogCreditEventFields on CreditEvent {
    id
    key
    name
    description
    category
    creditCost
    active
  }
`);

export const AdminCatalogCreditProductFieldsFragment = graphql(`
  fragment AdminCatalogCreditProductFields on CreditProduct {
    id
    key
    name
    description
    credits
    price {
      amountMinor
      currency
    }
    archivedAt
  }
`);

export const AdminCatalogStripeModeDocument = graphql(`
  query AdminCatalogStripeMode {
    stripeMode
  }
`);

/** Plans with the features their terms can grant (the terms form lists every feature). */
export const AdminCatalogPlansDocument = graphql(`
  query AdminCatalogPlans {
    platformPlans {
      ...AdminCatalogPlanFields
    }
    platformFeatures {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogFeaturesDocument = graphql(`
  query AdminCatalogFeatures {
    platformFeatures {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogCreditEventsDocument = graphql(`
  query AdminCatalogCreditEvents {
    platformCreditEvents {
      ...AdminCatalogCreditEventFields
    }
  }
`);

export const AdminCatalogCreditProductsDocument = graphql(`
  query AdminCatalogCreditProducts {
    platformCreditProducts {
      ...AdminCatalogCreditProductFields
    }
  }
`);

export const AdminCatalogPlanCreateDocument = graphql(`
  mutation AdminCatalogPlanCreate($input: CreatePlanInput!) {
    createPlan(input: $input) {
      ...AdminCatalogPlanFields
    }
  }
`);

export const AdminCatalogPlanUpdateDocument = graphql(`
  mutation AdminCatalogPlanUpdate($planId: ID!, $input: UpdatePlanInput!) {
    updatePlan(planId: $planId, input: $input) {
      ...AdminCatalogPlanFields
    }
  }
`);

export const AdminCatalogPlanTermsChangeDocument = graphql(`
  mutation AdminCatalogPlanTermsChange($planId: ID!, $input: PlanTermsInput!) {
    changePlanTerms(planId: $planId, input: $input) {
      ...AdminCatalogPlanFields
    }
  }
`);

export const AdminCatalogPlanArchiveDocument = graphql(`
  mutation AdminCatalogPlanArchive($planId: ID!) {
    archivePlan(planId: $planId) {
      ...AdminCatalogPlanFields
    }
  }
`);

export const AdminCatalogPlanUnarchiveDocument = graphql(`
  mutation AdminCatalogPlanUnarchive($planId: ID!) {
    unarchivePlan(planId: $planId) {
      ...AdminCatalogPlanFields
    }
  }
`);

export const AdminCatalogFeatureCreateDocument = graphql(`
  mutation AdminCatalogFeatureCreate($input: CreateFeatureInput!) {
    createFeature(input: $input) {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogFeatureUpdateDocument = graphql(`
  mutation AdminCatalogFeatureUpdate($key: String!, $input: UpdateFeatureInput!) {
    updateFeature(key: $key, input: $input) {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogFeatureArchiveDocument = graphql(`
  mutation AdminCatalogFeatureArchive($key: String!) {
    archiveFeature(key: $key) {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogFeatureUnarchiveDocument = graphql(`
  mutation AdminCatalogFeatureUnarchive($key: String!) {
    unarchiveFeature(key: $key) {
      ...AdminCatalogFeatureFields
    }
  }
`);

export const AdminCatalogCreditEventCreateDocument = graphql(`
  mutation AdminCatalogCreditEventCreate($input: CreateCreditEventInput!) {
    createCreditEvent(input: $input) {
      ...AdminCatalogCreditEventFields
    }
  }
`);

export const AdminCatalogCreditEventUpdateDocument = graphql(`
  mutation AdminCatalogCreditEventUpdate($creditEventId: ID!, $input: UpdateCreditEventInput!) {
    updateCreditEvent(creditEventId: $creditEventId, input: $input) {
      ...AdminCatalogCreditEventFields
    }
  }
`);

export const AdminCatalogCreditProductCreateDocument = graphql(`
  mutation AdminCatalogCreditProductCreate($input: CreateCreditProductInput!) {
    createCreditProduct(input: $input) {
      ...AdminCatalogCreditProductFields
    }
  }
`);

export const AdminCatalogCreditProductUpdateDocument = graphql(`
  mutation AdminCatalogCreditProductUpdate($creditProductId: ID!, $input: UpdateCreditProductInput!) {
    updateCreditProduct(creditProductId: $creditProductId, input: $input) {
      ...AdminCatalogCreditProductFields
    }
  }
`);

export const AdminCatalogCreditProductArchiveDocument = graphql(`
  mutation AdminCatalogCreditProductArchive($creditProductId: ID!) {
    archiveCreditProduct(creditProductId: $creditProductId) {
      ...AdminCatalogCreditProductFields
    }
  }
`);

export const AdminCatalogCreditProductUnarchiveDocument = graphql(`
  mutation AdminCatalogCreditProductUnarchive($creditProductId: ID!) {
    unarchiveCreditProduct(creditProductId: $creditProductId) {
      ...AdminCatalogCreditProductFields
    }
  }
`);

export const AdminCatalogStripeSyncDocument = graphql(`
  mutation AdminCatalogStripeSync {
    syncCatalogToStripe {
      changedCount
      created {
        key
        kind
        stripeId
      }
      updated {
        key
        kind
        stripeId
      }
      unchanged {
        key
        kind
        stripeId
      }
    }
  }
`);

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AdminAuditEntryFields on AuditEntry {\n    id\n    createdAt\n    action\n    actorType\n    actorId\n    organizationId\n    targetType\n    targetId\n    before\n    after\n  }\n": typeof types.AdminAuditEntryFieldsFragmentDoc,
    "\n  query AdminAuditLog($filter: AdminAuditFilterInput, $first: Int!, $after: String) {\n    adminAuditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminAuditLogDocument,
    "\n  query AdminAuditOrganizations($search: String, $first: Int!) {\n    platformOrganizations(search: $search, first: $first) {\n      nodes {\n        id\n        name\n        slug\n      }\n    }\n  }\n": typeof types.AdminAuditOrganizationsDocument,
    "\n  query AdminOrganizationAuditTrail($organizationId: ID!, $first: Int!, $after: String) {\n    adminAuditLog(filter: { organizationId: $organizationId }, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrganizationAuditTrailDocument,
    "\n  fragment AdminCatalogFeatureFields on Feature {\n    key\n    name\n    description\n    kind\n    unit\n    archivedAt\n  }\n": typeof types.AdminCatalogFeatureFieldsFragmentDoc,
    "\n  fragment AdminCatalogPlanVersionFields on PlanVersion {\n    id\n    version\n    createdAt\n    currency\n    monthlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyDiscountPercent\n    trialDays\n    creditsPerPeriod\n    hourlyRequestLimit\n    entitlements {\n      enabled\n      limit\n      resetPeriod\n      overage\n      overagePriceMinor\n      overagePriceUnits\n      feature {\n        key\n        name\n        kind\n        unit\n      }\n    }\n  }\n": typeof types.AdminCatalogPlanVersionFieldsFragmentDoc,
    "\n  fragment AdminCatalogPlanFields on PlatformPlan {\n    id\n    key\n    name\n    description\n    isPublic\n    sortOrder\n    archivedAt\n    currentVersion {\n      ...AdminCatalogPlanVersionFields\n    }\n    versions {\n      ...AdminCatalogPlanVersionFields\n    }\n  }\n": typeof types.AdminCatalogPlanFieldsFragmentDoc,
    "\n  fragment AdminCatalogCreditEventFields on CreditEvent {\n    id\n    key\n    name\n    description\n    category\n    creditCost\n    active\n  }\n": typeof types.AdminCatalogCreditEventFieldsFragmentDoc,
    "\n  fragment AdminCatalogCreditProductFields on CreditProduct {\n    id\n    key\n    name\n    description\n    credits\n    price {\n      amountMinor\n      currency\n    }\n    archivedAt\n  }\n": typeof types.AdminCatalogCreditProductFieldsFragmentDoc,
    "\n  query AdminCatalogStripeMode {\n    stripeMode\n  }\n": typeof types.AdminCatalogStripeModeDocument,
    "\n  query AdminCatalogPlans {\n    platformPlans {\n      ...AdminCatalogPlanFields\n    }\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogPlansDocument,
    "\n  query AdminCatalogFeatures {\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogFeaturesDocument,
    "\n  query AdminCatalogCreditEvents {\n    platformCreditEvents {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": typeof types.AdminCatalogCreditEventsDocument,
    "\n  query AdminCatalogCreditProducts {\n    platformCreditProducts {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": typeof types.AdminCatalogCreditProductsDocument,
    "\n  mutation AdminCatalogPlanCreate($input: CreatePlanInput!) {\n    createPlan(input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": typeof types.AdminCatalogPlanCreateDocument,
    "\n  mutation AdminCatalogPlanUpdate($planId: ID!, $input: UpdatePlanInput!) {\n    updatePlan(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": typeof types.AdminCatalogPlanUpdateDocument,
    "\n  mutation AdminCatalogPlanTermsChange($planId: ID!, $input: PlanTermsInput!) {\n    changePlanTerms(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": typeof types.AdminCatalogPlanTermsChangeDocument,
    "\n  mutation AdminCatalogPlanArchive($planId: ID!) {\n    archivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": typeof types.AdminCatalogPlanArchiveDocument,
    "\n  mutation AdminCatalogPlanUnarchive($planId: ID!) {\n    unarchivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": typeof types.AdminCatalogPlanUnarchiveDocument,
    "\n  mutation AdminCatalogFeatureCreate($input: CreateFeatureInput!) {\n    createFeature(input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogFeatureCreateDocument,
    "\n  mutation AdminCatalogFeatureUpdate($key: String!, $input: UpdateFeatureInput!) {\n    updateFeature(key: $key, input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogFeatureUpdateDocument,
    "\n  mutation AdminCatalogFeatureArchive($key: String!) {\n    archiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogFeatureArchiveDocument,
    "\n  mutation AdminCatalogFeatureUnarchive($key: String!) {\n    unarchiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": typeof types.AdminCatalogFeatureUnarchiveDocument,
    "\n  mutation AdminCatalogCreditEventCreate($input: CreateCreditEventInput!) {\n    createCreditEvent(input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": typeof types.AdminCatalogCreditEventCreateDocument,
    "\n  mutation AdminCatalogCreditEventUpdate($creditEventId: ID!, $input: UpdateCreditEventInput!) {\n    updateCreditEvent(creditEventId: $creditEventId, input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": typeof types.AdminCatalogCreditEventUpdateDocument,
    "\n  mutation AdminCatalogCreditProductCreate($input: CreateCreditProductInput!) {\n    createCreditProduct(input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": typeof types.AdminCatalogCreditProductCreateDocument,
    "\n  mutation AdminCatalogCreditProductUpdate($creditProductId: ID!, $input: UpdateCreditProductInput!) {\n    updateCreditProduct(creditProductId: $creditProductId, input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": typeof types.AdminCatalogCreditProductUpdateDocument,
    "\n  mutation AdminCatalogCreditProductArchive($creditProductId: ID!) {\n    archiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": typeof types.AdminCatalogCreditProductArchiveDocument,
    "\n  mutation AdminCatalogCreditProductUnarchive($creditProductId: ID!) {\n    unarchiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": typeof types.AdminCatalogCreditProductUnarchiveDocument,
    "\n  mutation AdminCatalogStripeSync {\n    syncCatalogToStripe {\n      changedCount\n      created {\n        key\n        kind\n        stripeId\n      }\n      updated {\n        key\n        kind\n        stripeId\n      }\n      unchanged {\n        key\n        kind\n        stripeId\n      }\n    }\n  }\n": typeof types.AdminCatalogStripeSyncDocument,
    "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n": typeof types.AdminOrganizationDetailDocument,
    "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrganizationCreditHistoryDocument,
    "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrganizationInvoicesDocument,
    "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n": typeof types.AdminCreditsAdjustDocument,
    "\n  fragment AdminWebhooksEventFields on StripeEvent {\n    id\n    type\n    status\n    attempts\n    lastError\n    livemode\n    organizationId\n    createdAt\n    receivedAt\n    appliedAt\n    nextAttemptAt\n  }\n": typeof types.AdminWebhooksEventFieldsFragmentDoc,
    "\n  query AdminWebhooksEvents($filter: StripeEventFilterInput, $first: Int!, $after: String) {\n    adminStripeEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminWebhooksEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminWebhooksEventsDocument,
    "\n  mutation AdminWebhooksEventReplay($id: ID!) {\n    replayStripeEvent(id: $id) {\n      ...AdminWebhooksEventFields\n    }\n  }\n": typeof types.AdminWebhooksEventReplayDocument,
    "\n  query AdminWebhooksSandboxClock {\n    stripeMode\n    stripeSandboxClock {\n      now\n    }\n  }\n": typeof types.AdminWebhooksSandboxClockDocument,
    "\n  mutation AdminWebhooksSandboxClockAdvance($days: Int!) {\n    advanceStripeSandboxClock(days: $days) {\n      now\n    }\n  }\n": typeof types.AdminWebhooksSandboxClockAdvanceDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeysList($organizationId: ID!, $first: Int!, $after: String) {\n    apiKeys(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        ...ApiKeyFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiKeysListDocument,
    "\n  mutation ApiKeyCreate($organizationId: ID!, $input: CreateApiKeyInput!) {\n    createApiKey(organizationId: $organizationId, input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.ApiKeyCreateDocument,
    "\n  mutation ApiKeyRevoke($organizationId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.ApiKeyRevokeDocument,
    "\n  query CheckoutSubscription($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": typeof types.CheckoutSubscriptionDocument,
    "\n  query CheckoutPlanLimits($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        unit\n        resetPeriod\n      }\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n    }\n  }\n": typeof types.CheckoutPlanLimitsDocument,
    "\n  query CheckoutCreditPurchase($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n    }\n    creditTransactions(organizationId: $organizationId, first: 20, filter: { kinds: [PURCHASE] }) {\n      nodes {\n        id\n        kind\n        amount\n        createdAt\n        idempotencyKey\n      }\n    }\n  }\n": typeof types.CheckoutCreditPurchaseDocument,
    "\n  query CreditsBalance($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      lowBalanceThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    creditEvents {\n      id\n      key\n      name\n    }\n    creditProducts {\n      id\n      key\n      name\n      description\n      credits\n      price {\n        amountMinor\n        currency\n      }\n    }\n  }\n": typeof types.CreditsBalanceDocument,
    "\n  fragment CreditTransactionFields on CreditTransaction {\n    id\n    kind\n    amount\n    purchasedDelta\n    subscriptionDelta\n    balanceAfter\n    createdAt\n    eventKey\n    quantity\n    unitCost\n    reason\n    expiresAt\n    periodStart\n    idempotencyKey\n    actorType\n  }\n": typeof types.CreditTransactionFieldsFragmentDoc,
    "\n  query CreditsTransactions($organizationId: ID!, $first: Int!, $after: String, $filter: CreditTransactionFilterInput) {\n    creditTransactions(organizationId: $organizationId, first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...CreditTransactionFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CreditsTransactionsDocument,
    "\n  mutation CreditsPurchase($organizationId: ID!, $input: PurchaseCreditsInput!) {\n    purchaseCredits(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n": typeof types.CreditsPurchaseDocument,
    "\n  query InvoicesList($organizationId: ID!, $first: Int!, $after: String) {\n    invoices(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        id\n        number\n        status\n        billingReason\n        createdAt\n        periodStart\n        periodEnd\n        hostedInvoiceUrl\n        invoicePdf\n        amountDue {\n          amountMinor\n          currency\n        }\n        amountPaid {\n          amountMinor\n          currency\n        }\n        amountRemaining {\n          amountMinor\n          currency\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InvoicesListDocument,
    "\n  fragment SubscriptionSummary on Subscription {\n    id\n    planKey\n    planName\n    planVersion\n    status\n    billingInterval\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialDaysLeft\n    trialEnd\n    scheduledChange {\n      planKey\n      planName\n      billingInterval\n      effectiveAt\n    }\n  }\n": typeof types.SubscriptionSummaryFragmentDoc,
    "\n  query OverviewSummary($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n  }\n": typeof types.OverviewSummaryDocument,
    "\n  mutation SubscriptionUndoPlanChange($organizationId: ID!) {\n    undoScheduledPlanChange(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": typeof types.SubscriptionUndoPlanChangeDocument,
    "\n  mutation SubscriptionResume($organizationId: ID!) {\n    resumeSubscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": typeof types.SubscriptionResumeDocument,
    "\n  query PricingPlans($organizationId: ID!) {\n    plans {\n      id\n      key\n      name\n      description\n      sortOrder\n      currentVersion {\n        id\n        version\n        currency\n        monthlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyDiscountPercent\n        trialDays\n        creditsPerPeriod\n        hourlyRequestLimit\n        entitlements {\n          enabled\n          limit\n          overage\n          resetPeriod\n          feature {\n            key\n            name\n            kind\n            unit\n          }\n        }\n      }\n    }\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": typeof types.PricingPlansDocument,
    "\n  mutation BillingCheckoutCreate($organizationId: ID!, $input: CreateCheckoutSessionInput!) {\n    createCheckoutSession(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n": typeof types.BillingCheckoutCreateDocument,
    "\n  mutation BillingPortalOpen($organizationId: ID!) {\n    createPortalSession(organizationId: $organizationId) {\n      url\n      stripeSessionId\n    }\n  }\n": typeof types.BillingPortalOpenDocument,
    "\n  mutation PlanChange($organizationId: ID!, $input: ChangePlanInput!) {\n    changePlan(organizationId: $organizationId, input: $input) {\n      outcome\n      subscription {\n        ...SubscriptionSummary\n      }\n    }\n  }\n": typeof types.PlanChangeDocument,
    "\n  mutation SubscriptionCancel($organizationId: ID!) {\n    cancelSubscription(organizationId: $organizationId, atPeriodEnd: true) {\n      ...SubscriptionSummary\n    }\n  }\n": typeof types.SubscriptionCancelDocument,
    "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": typeof types.OrganizationCreateDocument,
    "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SessionLogInDocument,
    "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SessionSignUpDocument,
    "\n  mutation SessionLogOut {\n    logOut\n  }\n": typeof types.SessionLogOutDocument,
    "\n  query UsageEntitlements($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        remaining\n        unit\n        resetPeriod\n        resetsAt\n        overageBehavior\n        warningLevel\n      }\n    }\n  }\n": typeof types.UsageEntitlementsDocument,
    "\n  query UsageHistory($organizationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    usageSummary(organizationId: $organizationId, from: $from, to: $to) {\n      from\n      to\n      features {\n        featureKey\n        total\n        overage\n        days {\n          date\n          quantity\n          overage\n        }\n      }\n    }\n  }\n": typeof types.UsageHistoryDocument,
};
const documents: Documents = {
    "\n  fragment AdminAuditEntryFields on AuditEntry {\n    id\n    createdAt\n    action\n    actorType\n    actorId\n    organizationId\n    targetType\n    targetId\n    before\n    after\n  }\n": types.AdminAuditEntryFieldsFragmentDoc,
    "\n  query AdminAuditLog($filter: AdminAuditFilterInput, $first: Int!, $after: String) {\n    adminAuditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminAuditLogDocument,
    "\n  query AdminAuditOrganizations($search: String, $first: Int!) {\n    platformOrganizations(search: $search, first: $first) {\n      nodes {\n        id\n        name\n        slug\n      }\n    }\n  }\n": types.AdminAuditOrganizationsDocument,
    "\n  query AdminOrganizationAuditTrail($organizationId: ID!, $first: Int!, $after: String) {\n    adminAuditLog(filter: { organizationId: $organizationId }, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrganizationAuditTrailDocument,
    "\n  fragment AdminCatalogFeatureFields on Feature {\n    key\n    name\n    description\n    kind\n    unit\n    archivedAt\n  }\n": types.AdminCatalogFeatureFieldsFragmentDoc,
    "\n  fragment AdminCatalogPlanVersionFields on PlanVersion {\n    id\n    version\n    createdAt\n    currency\n    monthlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyDiscountPercent\n    trialDays\n    creditsPerPeriod\n    hourlyRequestLimit\n    entitlements {\n      enabled\n      limit\n      resetPeriod\n      overage\n      overagePriceMinor\n      overagePriceUnits\n      feature {\n        key\n        name\n        kind\n        unit\n      }\n    }\n  }\n": types.AdminCatalogPlanVersionFieldsFragmentDoc,
    "\n  fragment AdminCatalogPlanFields on PlatformPlan {\n    id\n    key\n    name\n    description\n    isPublic\n    sortOrder\n    archivedAt\n    currentVersion {\n      ...AdminCatalogPlanVersionFields\n    }\n    versions {\n      ...AdminCatalogPlanVersionFields\n    }\n  }\n": types.AdminCatalogPlanFieldsFragmentDoc,
    "\n  fragment AdminCatalogCreditEventFields on CreditEvent {\n    id\n    key\n    name\n    description\n    category\n    creditCost\n    active\n  }\n": types.AdminCatalogCreditEventFieldsFragmentDoc,
    "\n  fragment AdminCatalogCreditProductFields on CreditProduct {\n    id\n    key\n    name\n    description\n    credits\n    price {\n      amountMinor\n      currency\n    }\n    archivedAt\n  }\n": types.AdminCatalogCreditProductFieldsFragmentDoc,
    "\n  query AdminCatalogStripeMode {\n    stripeMode\n  }\n": types.AdminCatalogStripeModeDocument,
    "\n  query AdminCatalogPlans {\n    platformPlans {\n      ...AdminCatalogPlanFields\n    }\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogPlansDocument,
    "\n  query AdminCatalogFeatures {\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogFeaturesDocument,
    "\n  query AdminCatalogCreditEvents {\n    platformCreditEvents {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": types.AdminCatalogCreditEventsDocument,
    "\n  query AdminCatalogCreditProducts {\n    platformCreditProducts {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": types.AdminCatalogCreditProductsDocument,
    "\n  mutation AdminCatalogPlanCreate($input: CreatePlanInput!) {\n    createPlan(input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": types.AdminCatalogPlanCreateDocument,
    "\n  mutation AdminCatalogPlanUpdate($planId: ID!, $input: UpdatePlanInput!) {\n    updatePlan(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": types.AdminCatalogPlanUpdateDocument,
    "\n  mutation AdminCatalogPlanTermsChange($planId: ID!, $input: PlanTermsInput!) {\n    changePlanTerms(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": types.AdminCatalogPlanTermsChangeDocument,
    "\n  mutation AdminCatalogPlanArchive($planId: ID!) {\n    archivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": types.AdminCatalogPlanArchiveDocument,
    "\n  mutation AdminCatalogPlanUnarchive($planId: ID!) {\n    unarchivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n": types.AdminCatalogPlanUnarchiveDocument,
    "\n  mutation AdminCatalogFeatureCreate($input: CreateFeatureInput!) {\n    createFeature(input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogFeatureCreateDocument,
    "\n  mutation AdminCatalogFeatureUpdate($key: String!, $input: UpdateFeatureInput!) {\n    updateFeature(key: $key, input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogFeatureUpdateDocument,
    "\n  mutation AdminCatalogFeatureArchive($key: String!) {\n    archiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogFeatureArchiveDocument,
    "\n  mutation AdminCatalogFeatureUnarchive($key: String!) {\n    unarchiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n": types.AdminCatalogFeatureUnarchiveDocument,
    "\n  mutation AdminCatalogCreditEventCreate($input: CreateCreditEventInput!) {\n    createCreditEvent(input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": types.AdminCatalogCreditEventCreateDocument,
    "\n  mutation AdminCatalogCreditEventUpdate($creditEventId: ID!, $input: UpdateCreditEventInput!) {\n    updateCreditEvent(creditEventId: $creditEventId, input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n": types.AdminCatalogCreditEventUpdateDocument,
    "\n  mutation AdminCatalogCreditProductCreate($input: CreateCreditProductInput!) {\n    createCreditProduct(input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": types.AdminCatalogCreditProductCreateDocument,
    "\n  mutation AdminCatalogCreditProductUpdate($creditProductId: ID!, $input: UpdateCreditProductInput!) {\n    updateCreditProduct(creditProductId: $creditProductId, input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": types.AdminCatalogCreditProductUpdateDocument,
    "\n  mutation AdminCatalogCreditProductArchive($creditProductId: ID!) {\n    archiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": types.AdminCatalogCreditProductArchiveDocument,
    "\n  mutation AdminCatalogCreditProductUnarchive($creditProductId: ID!) {\n    unarchiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n": types.AdminCatalogCreditProductUnarchiveDocument,
    "\n  mutation AdminCatalogStripeSync {\n    syncCatalogToStripe {\n      changedCount\n      created {\n        key\n        kind\n        stripeId\n      }\n      updated {\n        key\n        kind\n        stripeId\n      }\n      unchanged {\n        key\n        kind\n        stripeId\n      }\n    }\n  }\n": types.AdminCatalogStripeSyncDocument,
    "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n": types.AdminOrganizationDetailDocument,
    "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrganizationCreditHistoryDocument,
    "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrganizationInvoicesDocument,
    "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n": types.AdminCreditsAdjustDocument,
    "\n  fragment AdminWebhooksEventFields on StripeEvent {\n    id\n    type\n    status\n    attempts\n    lastError\n    livemode\n    organizationId\n    createdAt\n    receivedAt\n    appliedAt\n    nextAttemptAt\n  }\n": types.AdminWebhooksEventFieldsFragmentDoc,
    "\n  query AdminWebhooksEvents($filter: StripeEventFilterInput, $first: Int!, $after: String) {\n    adminStripeEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminWebhooksEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminWebhooksEventsDocument,
    "\n  mutation AdminWebhooksEventReplay($id: ID!) {\n    replayStripeEvent(id: $id) {\n      ...AdminWebhooksEventFields\n    }\n  }\n": types.AdminWebhooksEventReplayDocument,
    "\n  query AdminWebhooksSandboxClock {\n    stripeMode\n    stripeSandboxClock {\n      now\n    }\n  }\n": types.AdminWebhooksSandboxClockDocument,
    "\n  mutation AdminWebhooksSandboxClockAdvance($days: Int!) {\n    advanceStripeSandboxClock(days: $days) {\n      now\n    }\n  }\n": types.AdminWebhooksSandboxClockAdvanceDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeysList($organizationId: ID!, $first: Int!, $after: String) {\n    apiKeys(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        ...ApiKeyFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiKeysListDocument,
    "\n  mutation ApiKeyCreate($organizationId: ID!, $input: CreateApiKeyInput!) {\n    createApiKey(organizationId: $organizationId, input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.ApiKeyCreateDocument,
    "\n  mutation ApiKeyRevoke($organizationId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) {\n      ...ApiKeyFields\n    }\n  }\n": types.ApiKeyRevokeDocument,
    "\n  query CheckoutSubscription($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": types.CheckoutSubscriptionDocument,
    "\n  query CheckoutPlanLimits($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        unit\n        resetPeriod\n      }\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n    }\n  }\n": types.CheckoutPlanLimitsDocument,
    "\n  query CheckoutCreditPurchase($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n    }\n    creditTransactions(organizationId: $organizationId, first: 20, filter: { kinds: [PURCHASE] }) {\n      nodes {\n        id\n        kind\n        amount\n        createdAt\n        idempotencyKey\n      }\n    }\n  }\n": types.CheckoutCreditPurchaseDocument,
    "\n  query CreditsBalance($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      lowBalanceThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    creditEvents {\n      id\n      key\n      name\n    }\n    creditProducts {\n      id\n      key\n      name\n      description\n      credits\n      price {\n        amountMinor\n        currency\n      }\n    }\n  }\n": types.CreditsBalanceDocument,
    "\n  fragment CreditTransactionFields on CreditTransaction {\n    id\n    kind\n    amount\n    purchasedDelta\n    subscriptionDelta\n    balanceAfter\n    createdAt\n    eventKey\n    quantity\n    unitCost\n    reason\n    expiresAt\n    periodStart\n    idempotencyKey\n    actorType\n  }\n": types.CreditTransactionFieldsFragmentDoc,
    "\n  query CreditsTransactions($organizationId: ID!, $first: Int!, $after: String, $filter: CreditTransactionFilterInput) {\n    creditTransactions(organizationId: $organizationId, first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...CreditTransactionFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CreditsTransactionsDocument,
    "\n  mutation CreditsPurchase($organizationId: ID!, $input: PurchaseCreditsInput!) {\n    purchaseCredits(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n": types.CreditsPurchaseDocument,
    "\n  query InvoicesList($organizationId: ID!, $first: Int!, $after: String) {\n    invoices(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        id\n        number\n        status\n        billingReason\n        createdAt\n        periodStart\n        periodEnd\n        hostedInvoiceUrl\n        invoicePdf\n        amountDue {\n          amountMinor\n          currency\n        }\n        amountPaid {\n          amountMinor\n          currency\n        }\n        amountRemaining {\n          amountMinor\n          currency\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InvoicesListDocument,
    "\n  fragment SubscriptionSummary on Subscription {\n    id\n    planKey\n    planName\n    planVersion\n    status\n    billingInterval\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialDaysLeft\n    trialEnd\n    scheduledChange {\n      planKey\n      planName\n      billingInterval\n      effectiveAt\n    }\n  }\n": types.SubscriptionSummaryFragmentDoc,
    "\n  query OverviewSummary($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n  }\n": types.OverviewSummaryDocument,
    "\n  mutation SubscriptionUndoPlanChange($organizationId: ID!) {\n    undoScheduledPlanChange(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": types.SubscriptionUndoPlanChangeDocument,
    "\n  mutation SubscriptionResume($organizationId: ID!) {\n    resumeSubscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": types.SubscriptionResumeDocument,
    "\n  query PricingPlans($organizationId: ID!) {\n    plans {\n      id\n      key\n      name\n      description\n      sortOrder\n      currentVersion {\n        id\n        version\n        currency\n        monthlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyDiscountPercent\n        trialDays\n        creditsPerPeriod\n        hourlyRequestLimit\n        entitlements {\n          enabled\n          limit\n          overage\n          resetPeriod\n          feature {\n            key\n            name\n            kind\n            unit\n          }\n        }\n      }\n    }\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n": types.PricingPlansDocument,
    "\n  mutation BillingCheckoutCreate($organizationId: ID!, $input: CreateCheckoutSessionInput!) {\n    createCheckoutSession(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n": types.BillingCheckoutCreateDocument,
    "\n  mutation BillingPortalOpen($organizationId: ID!) {\n    createPortalSession(organizationId: $organizationId) {\n      url\n      stripeSessionId\n    }\n  }\n": types.BillingPortalOpenDocument,
    "\n  mutation PlanChange($organizationId: ID!, $input: ChangePlanInput!) {\n    changePlan(organizationId: $organizationId, input: $input) {\n      outcome\n      subscription {\n        ...SubscriptionSummary\n      }\n    }\n  }\n": types.PlanChangeDocument,
    "\n  mutation SubscriptionCancel($organizationId: ID!) {\n    cancelSubscription(organizationId: $organizationId, atPeriodEnd: true) {\n      ...SubscriptionSummary\n    }\n  }\n": types.SubscriptionCancelDocument,
    "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": types.OrganizationCreateDocument,
    "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SessionLogInDocument,
    "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SessionSignUpDocument,
    "\n  mutation SessionLogOut {\n    logOut\n  }\n": types.SessionLogOutDocument,
    "\n  query UsageEntitlements($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        remaining\n        unit\n        resetPeriod\n        resetsAt\n        overageBehavior\n        warningLevel\n      }\n    }\n  }\n": types.UsageEntitlementsDocument,
    "\n  query UsageHistory($organizationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    usageSummary(organizationId: $organizationId, from: $from, to: $to) {\n      from\n      to\n      features {\n        featureKey\n        total\n        overage\n        days {\n          date\n          quantity\n          overage\n        }\n      }\n    }\n  }\n": types.UsageHistoryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminAuditEntryFields on AuditEntry {\n    id\n    createdAt\n    action\n    actorType\n    actorId\n    organizationId\n    targetType\n    targetId\n    before\n    after\n  }\n"): (typeof documents)["\n  fragment AdminAuditEntryFields on AuditEntry {\n    id\n    createdAt\n    action\n    actorType\n    actorId\n    organizationId\n    targetType\n    targetId\n    before\n    after\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditLog($filter: AdminAuditFilterInput, $first: Int!, $after: String) {\n    adminAuditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditLog($filter: AdminAuditFilterInput, $first: Int!, $after: String) {\n    adminAuditLog(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditOrganizations($search: String, $first: Int!) {\n    platformOrganizations(search: $search, first: $first) {\n      nodes {\n        id\n        name\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditOrganizations($search: String, $first: Int!) {\n    platformOrganizations(search: $search, first: $first) {\n      nodes {\n        id\n        name\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationAuditTrail($organizationId: ID!, $first: Int!, $after: String) {\n    adminAuditLog(filter: { organizationId: $organizationId }, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationAuditTrail($organizationId: ID!, $first: Int!, $after: String) {\n    adminAuditLog(filter: { organizationId: $organizationId }, first: $first, after: $after) {\n      nodes {\n        ...AdminAuditEntryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCatalogFeatureFields on Feature {\n    key\n    name\n    description\n    kind\n    unit\n    archivedAt\n  }\n"): (typeof documents)["\n  fragment AdminCatalogFeatureFields on Feature {\n    key\n    name\n    description\n    kind\n    unit\n    archivedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCatalogPlanVersionFields on PlanVersion {\n    id\n    version\n    createdAt\n    currency\n    monthlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyDiscountPercent\n    trialDays\n    creditsPerPeriod\n    hourlyRequestLimit\n    entitlements {\n      enabled\n      limit\n      resetPeriod\n      overage\n      overagePriceMinor\n      overagePriceUnits\n      feature {\n        key\n        name\n        kind\n        unit\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AdminCatalogPlanVersionFields on PlanVersion {\n    id\n    version\n    createdAt\n    currency\n    monthlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyPrice {\n      amountMinor\n      currency\n    }\n    yearlyDiscountPercent\n    trialDays\n    creditsPerPeriod\n    hourlyRequestLimit\n    entitlements {\n      enabled\n      limit\n      resetPeriod\n      overage\n      overagePriceMinor\n      overagePriceUnits\n      feature {\n        key\n        name\n        kind\n        unit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCatalogPlanFields on PlatformPlan {\n    id\n    key\n    name\n    description\n    isPublic\n    sortOrder\n    archivedAt\n    currentVersion {\n      ...AdminCatalogPlanVersionFields\n    }\n    versions {\n      ...AdminCatalogPlanVersionFields\n    }\n  }\n"): (typeof documents)["\n  fragment AdminCatalogPlanFields on PlatformPlan {\n    id\n    key\n    name\n    description\n    isPublic\n    sortOrder\n    archivedAt\n    currentVersion {\n      ...AdminCatalogPlanVersionFields\n    }\n    versions {\n      ...AdminCatalogPlanVersionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCatalogCreditEventFields on CreditEvent {\n    id\n    key\n    name\n    description\n    category\n    creditCost\n    active\n  }\n"): (typeof documents)["\n  fragment AdminCatalogCreditEventFields on CreditEvent {\n    id\n    key\n    name\n    description\n    category\n    creditCost\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCatalogCreditProductFields on CreditProduct {\n    id\n    key\n    name\n    description\n    credits\n    price {\n      amountMinor\n      currency\n    }\n    archivedAt\n  }\n"): (typeof documents)["\n  fragment AdminCatalogCreditProductFields on CreditProduct {\n    id\n    key\n    name\n    description\n    credits\n    price {\n      amountMinor\n      currency\n    }\n    archivedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogStripeMode {\n    stripeMode\n  }\n"): (typeof documents)["\n  query AdminCatalogStripeMode {\n    stripeMode\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogPlans {\n    platformPlans {\n      ...AdminCatalogPlanFields\n    }\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  query AdminCatalogPlans {\n    platformPlans {\n      ...AdminCatalogPlanFields\n    }\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogFeatures {\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  query AdminCatalogFeatures {\n    platformFeatures {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogCreditEvents {\n    platformCreditEvents {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"): (typeof documents)["\n  query AdminCatalogCreditEvents {\n    platformCreditEvents {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogCreditProducts {\n    platformCreditProducts {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"): (typeof documents)["\n  query AdminCatalogCreditProducts {\n    platformCreditProducts {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogPlanCreate($input: CreatePlanInput!) {\n    createPlan(input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogPlanCreate($input: CreatePlanInput!) {\n    createPlan(input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogPlanUpdate($planId: ID!, $input: UpdatePlanInput!) {\n    updatePlan(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogPlanUpdate($planId: ID!, $input: UpdatePlanInput!) {\n    updatePlan(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogPlanTermsChange($planId: ID!, $input: PlanTermsInput!) {\n    changePlanTerms(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogPlanTermsChange($planId: ID!, $input: PlanTermsInput!) {\n    changePlanTerms(planId: $planId, input: $input) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogPlanArchive($planId: ID!) {\n    archivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogPlanArchive($planId: ID!) {\n    archivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogPlanUnarchive($planId: ID!) {\n    unarchivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogPlanUnarchive($planId: ID!) {\n    unarchivePlan(planId: $planId) {\n      ...AdminCatalogPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogFeatureCreate($input: CreateFeatureInput!) {\n    createFeature(input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogFeatureCreate($input: CreateFeatureInput!) {\n    createFeature(input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogFeatureUpdate($key: String!, $input: UpdateFeatureInput!) {\n    updateFeature(key: $key, input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogFeatureUpdate($key: String!, $input: UpdateFeatureInput!) {\n    updateFeature(key: $key, input: $input) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogFeatureArchive($key: String!) {\n    archiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogFeatureArchive($key: String!) {\n    archiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogFeatureUnarchive($key: String!) {\n    unarchiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogFeatureUnarchive($key: String!) {\n    unarchiveFeature(key: $key) {\n      ...AdminCatalogFeatureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditEventCreate($input: CreateCreditEventInput!) {\n    createCreditEvent(input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditEventCreate($input: CreateCreditEventInput!) {\n    createCreditEvent(input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditEventUpdate($creditEventId: ID!, $input: UpdateCreditEventInput!) {\n    updateCreditEvent(creditEventId: $creditEventId, input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditEventUpdate($creditEventId: ID!, $input: UpdateCreditEventInput!) {\n    updateCreditEvent(creditEventId: $creditEventId, input: $input) {\n      ...AdminCatalogCreditEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditProductCreate($input: CreateCreditProductInput!) {\n    createCreditProduct(input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditProductCreate($input: CreateCreditProductInput!) {\n    createCreditProduct(input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditProductUpdate($creditProductId: ID!, $input: UpdateCreditProductInput!) {\n    updateCreditProduct(creditProductId: $creditProductId, input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditProductUpdate($creditProductId: ID!, $input: UpdateCreditProductInput!) {\n    updateCreditProduct(creditProductId: $creditProductId, input: $input) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditProductArchive($creditProductId: ID!) {\n    archiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditProductArchive($creditProductId: ID!) {\n    archiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogCreditProductUnarchive($creditProductId: ID!) {\n    unarchiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogCreditProductUnarchive($creditProductId: ID!) {\n    unarchiveCreditProduct(creditProductId: $creditProductId) {\n      ...AdminCatalogCreditProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCatalogStripeSync {\n    syncCatalogToStripe {\n      changedCount\n      created {\n        key\n        kind\n        stripeId\n      }\n      updated {\n        key\n        kind\n        stripeId\n      }\n      unchanged {\n        key\n        kind\n        stripeId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCatalogStripeSync {\n    syncCatalogToStripe {\n      changedCount\n      created {\n        key\n        kind\n        stripeId\n      }\n      updated {\n        key\n        kind\n        stripeId\n      }\n      unchanged {\n        key\n        kind\n        stripeId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminWebhooksEventFields on StripeEvent {\n    id\n    type\n    status\n    attempts\n    lastError\n    livemode\n    organizationId\n    createdAt\n    receivedAt\n    appliedAt\n    nextAttemptAt\n  }\n"): (typeof documents)["\n  fragment AdminWebhooksEventFields on StripeEvent {\n    id\n    type\n    status\n    attempts\n    lastError\n    livemode\n    organizationId\n    createdAt\n    receivedAt\n    appliedAt\n    nextAttemptAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhooksEvents($filter: StripeEventFilterInput, $first: Int!, $after: String) {\n    adminStripeEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminWebhooksEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhooksEvents($filter: StripeEventFilterInput, $first: Int!, $after: String) {\n    adminStripeEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        ...AdminWebhooksEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminWebhooksEventReplay($id: ID!) {\n    replayStripeEvent(id: $id) {\n      ...AdminWebhooksEventFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdminWebhooksEventReplay($id: ID!) {\n    replayStripeEvent(id: $id) {\n      ...AdminWebhooksEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhooksSandboxClock {\n    stripeMode\n    stripeSandboxClock {\n      now\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhooksSandboxClock {\n    stripeMode\n    stripeSandboxClock {\n      now\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminWebhooksSandboxClockAdvance($days: Int!) {\n    advanceStripeSandboxClock(days: $days) {\n      now\n    }\n  }\n"): (typeof documents)["\n  mutation AdminWebhooksSandboxClockAdvance($days: Int!) {\n    advanceStripeSandboxClock(days: $days) {\n      now\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysList($organizationId: ID!, $first: Int!, $after: String) {\n    apiKeys(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        ...ApiKeyFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeysList($organizationId: ID!, $first: Int!, $after: String) {\n    apiKeys(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        ...ApiKeyFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeyCreate($organizationId: ID!, $input: CreateApiKeyInput!) {\n    createApiKey(organizationId: $organizationId, input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeyCreate($organizationId: ID!, $input: CreateApiKeyInput!) {\n    createApiKey(organizationId: $organizationId, input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeyRevoke($organizationId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeyRevoke($organizationId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutSubscription($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"): (typeof documents)["\n  query CheckoutSubscription($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutPlanLimits($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        unit\n        resetPeriod\n      }\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n    }\n  }\n"): (typeof documents)["\n  query CheckoutPlanLimits($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        unit\n        resetPeriod\n      }\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutCreditPurchase($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n    }\n    creditTransactions(organizationId: $organizationId, first: 20, filter: { kinds: [PURCHASE] }) {\n      nodes {\n        id\n        kind\n        amount\n        createdAt\n        idempotencyKey\n      }\n    }\n  }\n"): (typeof documents)["\n  query CheckoutCreditPurchase($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n    }\n    creditTransactions(organizationId: $organizationId, first: 20, filter: { kinds: [PURCHASE] }) {\n      nodes {\n        id\n        kind\n        amount\n        createdAt\n        idempotencyKey\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsBalance($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      lowBalanceThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    creditEvents {\n      id\n      key\n      name\n    }\n    creditProducts {\n      id\n      key\n      name\n      description\n      credits\n      price {\n        amountMinor\n        currency\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditsBalance($organizationId: ID!) {\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      lowBalanceThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    creditEvents {\n      id\n      key\n      name\n    }\n    creditProducts {\n      id\n      key\n      name\n      description\n      credits\n      price {\n        amountMinor\n        currency\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditTransactionFields on CreditTransaction {\n    id\n    kind\n    amount\n    purchasedDelta\n    subscriptionDelta\n    balanceAfter\n    createdAt\n    eventKey\n    quantity\n    unitCost\n    reason\n    expiresAt\n    periodStart\n    idempotencyKey\n    actorType\n  }\n"): (typeof documents)["\n  fragment CreditTransactionFields on CreditTransaction {\n    id\n    kind\n    amount\n    purchasedDelta\n    subscriptionDelta\n    balanceAfter\n    createdAt\n    eventKey\n    quantity\n    unitCost\n    reason\n    expiresAt\n    periodStart\n    idempotencyKey\n    actorType\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsTransactions($organizationId: ID!, $first: Int!, $after: String, $filter: CreditTransactionFilterInput) {\n    creditTransactions(organizationId: $organizationId, first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...CreditTransactionFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditsTransactions($organizationId: ID!, $first: Int!, $after: String, $filter: CreditTransactionFilterInput) {\n    creditTransactions(organizationId: $organizationId, first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...CreditTransactionFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditsPurchase($organizationId: ID!, $input: PurchaseCreditsInput!) {\n    purchaseCredits(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n"): (typeof documents)["\n  mutation CreditsPurchase($organizationId: ID!, $input: PurchaseCreditsInput!) {\n    purchaseCredits(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesList($organizationId: ID!, $first: Int!, $after: String) {\n    invoices(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        id\n        number\n        status\n        billingReason\n        createdAt\n        periodStart\n        periodEnd\n        hostedInvoiceUrl\n        invoicePdf\n        amountDue {\n          amountMinor\n          currency\n        }\n        amountPaid {\n          amountMinor\n          currency\n        }\n        amountRemaining {\n          amountMinor\n          currency\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoicesList($organizationId: ID!, $first: Int!, $after: String) {\n    invoices(organizationId: $organizationId, first: $first, after: $after) {\n      nodes {\n        id\n        number\n        status\n        billingReason\n        createdAt\n        periodStart\n        periodEnd\n        hostedInvoiceUrl\n        invoicePdf\n        amountDue {\n          amountMinor\n          currency\n        }\n        amountPaid {\n          amountMinor\n          currency\n        }\n        amountRemaining {\n          amountMinor\n          currency\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubscriptionSummary on Subscription {\n    id\n    planKey\n    planName\n    planVersion\n    status\n    billingInterval\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialDaysLeft\n    trialEnd\n    scheduledChange {\n      planKey\n      planName\n      billingInterval\n      effectiveAt\n    }\n  }\n"): (typeof documents)["\n  fragment SubscriptionSummary on Subscription {\n    id\n    planKey\n    planName\n    planVersion\n    status\n    billingInterval\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialDaysLeft\n    trialEnd\n    scheduledChange {\n      planKey\n      planName\n      billingInterval\n      effectiveAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewSummary($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewSummary($organizationId: ID!) {\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n    creditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      belowThreshold\n      nextExpiry {\n        amount\n        at\n      }\n    }\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscriptionUndoPlanChange($organizationId: ID!) {\n    undoScheduledPlanChange(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"): (typeof documents)["\n  mutation SubscriptionUndoPlanChange($organizationId: ID!) {\n    undoScheduledPlanChange(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscriptionResume($organizationId: ID!) {\n    resumeSubscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"): (typeof documents)["\n  mutation SubscriptionResume($organizationId: ID!) {\n    resumeSubscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricingPlans($organizationId: ID!) {\n    plans {\n      id\n      key\n      name\n      description\n      sortOrder\n      currentVersion {\n        id\n        version\n        currency\n        monthlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyDiscountPercent\n        trialDays\n        creditsPerPeriod\n        hourlyRequestLimit\n        entitlements {\n          enabled\n          limit\n          overage\n          resetPeriod\n          feature {\n            key\n            name\n            kind\n            unit\n          }\n        }\n      }\n    }\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"): (typeof documents)["\n  query PricingPlans($organizationId: ID!) {\n    plans {\n      id\n      key\n      name\n      description\n      sortOrder\n      currentVersion {\n        id\n        version\n        currency\n        monthlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyPrice {\n          amountMinor\n          currency\n        }\n        yearlyDiscountPercent\n        trialDays\n        creditsPerPeriod\n        hourlyRequestLimit\n        entitlements {\n          enabled\n          limit\n          overage\n          resetPeriod\n          feature {\n            key\n            name\n            kind\n            unit\n          }\n        }\n      }\n    }\n    subscription(organizationId: $organizationId) {\n      ...SubscriptionSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCheckoutCreate($organizationId: ID!, $input: CreateCheckoutSessionInput!) {\n    createCheckoutSession(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCheckoutCreate($organizationId: ID!, $input: CreateCheckoutSessionInput!) {\n    createCheckoutSession(organizationId: $organizationId, input: $input) {\n      url\n      stripeSessionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingPortalOpen($organizationId: ID!) {\n    createPortalSession(organizationId: $organizationId) {\n      url\n      stripeSessionId\n    }\n  }\n"): (typeof documents)["\n  mutation BillingPortalOpen($organizationId: ID!) {\n    createPortalSession(organizationId: $organizationId) {\n      url\n      stripeSessionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlanChange($organizationId: ID!, $input: ChangePlanInput!) {\n    changePlan(organizationId: $organizationId, input: $input) {\n      outcome\n      subscription {\n        ...SubscriptionSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PlanChange($organizationId: ID!, $input: ChangePlanInput!) {\n    changePlan(organizationId: $organizationId, input: $input) {\n      outcome\n      subscription {\n        ...SubscriptionSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscriptionCancel($organizationId: ID!) {\n    cancelSubscription(organizationId: $organizationId, atPeriodEnd: true) {\n      ...SubscriptionSummary\n    }\n  }\n"): (typeof documents)["\n  mutation SubscriptionCancel($organizationId: ID!) {\n    cancelSubscription(organizationId: $organizationId, atPeriodEnd: true) {\n      ...SubscriptionSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionLogOut {\n    logOut\n  }\n"): (typeof documents)["\n  mutation SessionLogOut {\n    logOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageEntitlements($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        remaining\n        unit\n        resetPeriod\n        resetsAt\n        overageBehavior\n        warningLevel\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageEntitlements($organizationId: ID!) {\n    entitlements(organizationId: $organizationId) {\n      planKey\n      planName\n      hourlyRequestLimit\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        limit\n        used\n        remaining\n        unit\n        resetPeriod\n        resetsAt\n        overageBehavior\n        warningLevel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageHistory($organizationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    usageSummary(organizationId: $organizationId, from: $from, to: $to) {\n      from\n      to\n      features {\n        featureKey\n        total\n        overage\n        days {\n          date\n          quantity\n          overage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageHistory($organizationId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    usageSummary(organizationId: $organizationId, from: $from, to: $to) {\n      from\n      to\n      features {\n        featureKey\n        total\n        overage\n        days {\n          date\n          quantity\n          overage\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
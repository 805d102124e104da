/** A current subscription past due or unpaid (with its open invoice, if any); an open invoice whose payment failed; an uncollectible invoice. */
export const AdminFailedPaymentKind = {
  InvoicePaymentFailed: 'INVOICE_PAYMENT_FAILED',
  InvoiceUncollectible: 'INVOICE_UNCOLLECTIBLE',
  SubscriptionPastDue: 'SUBSCRIPTION_PAST_DUE',
  SubscriptionUnpaid: 'SUBSCRIPTION_UNPAID'
} as const;

export type AdminFailedPaymentKind = typeof AdminFailedPaymentKind[keyof typeof AdminFailedPaymentKind];
/** NAME ignores case; USAGE is highestUsagePercent, organizations without a limited metered feature counting as lowest. */
export const AdminOrganizationSortField = {
  CreatedAt: 'CREATED_AT',
  CreditBalance: 'CREDIT_BALANCE',
  Mrr: 'MRR',
  Name: 'NAME',
  Usage: 'USAGE'
} as const;

export type AdminOrganizationSortField = typeof AdminOrganizationSortField[keyof typeof AdminOrganizationSortField];
/** What a client app may do with an API key. */
export const ApiKeyScope = {
  /** Read entitlements, usage and credit balances. */
  EntitlementsRead: 'ENTITLEMENTS_READ',
  /** Record usage and consume credits. */
  UsageWrite: 'USAGE_WRITE'
} as const;

export type ApiKeyScope = typeof ApiKeyScope[keyof typeof ApiKeyScope];
/** Who made a change: a console user, an API key, a Tollgate job, or Stripe. */
export const AuditActorKind = {
  ApiKey: 'API_KEY',
  Stripe: 'STRIPE',
  System: 'SYSTEM',
  User: 'USER'
} as const;

export type AuditActorKind = typeof AuditActorKind[keyof typeof AuditActorKind];
export const BillingInterval = {
  Month: 'MONTH',
  Year: 'YEAR'
} as const;

export type BillingInterval = typeof BillingInterval[keyof typeof BillingInterval];
/** Which credits a consumption draws first. */
export const CreditConsumptionOrder = {
  PurchasedFirst: 'PURCHASED_FIRST',
  SubscriptionFirst: 'SUBSCRIPTION_FIRST'
} as const;

export type CreditConsumptionOrder = typeof CreditConsumptionOrder[keyof typeof CreditConsumptionOrder];
/** What a credit ledger entry did. */
export const CreditTransactionKind = {
  Adjustment: 'ADJUSTMENT',
  Consumption: 'CONSUMPTION',
  Expiry: 'EXPIRY',
  Grant: 'GRANT',
  Purchase: 'PURCHASE'
} as const;

export type CreditTransactionKind = typeof CreditTransactionKind[keyof typeof CreditTransactionKind];
/** Every value `extensions.code` of a Tollgate GraphQL error can take. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  GraphqlParseFailed: 'GRAPHQL_PARSE_FAILED',
  GraphqlValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  InsufficientCredits: 'INSUFFICIENT_CREDITS',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  NotFound: 'NOT_FOUND',
  PaymentProviderError: 'PAYMENT_PROVIDER_ERROR',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  RateLimited: 'RATE_LIMITED',
  SandboxOnly: 'SANDBOX_ONLY',
  Unauthenticated: 'UNAUTHENTICATED'
} as const;

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];
export const FeatureKind = {
  Boolean: 'BOOLEAN',
  Metered: 'METERED'
} as const;

export type FeatureKind = typeof FeatureKind[keyof typeof FeatureKind];
/** Stripe’s invoice status. */
export const InvoiceStatus = {
  Draft: 'DRAFT',
  Open: 'OPEN',
  Paid: 'PAID',
  Uncollectible: 'UNCOLLECTIBLE',
  Void: 'VOID'
} as const;

export type InvoiceStatus = typeof InvoiceStatus[keyof typeof InvoiceStatus];
/** What a user may do in one organization: owners and admins act, members read. */
export const MembershipRole = {
  Admin: 'ADMIN',
  Member: 'MEMBER',
  Owner: 'OWNER'
} as const;

export type MembershipRole = typeof MembershipRole[keyof typeof MembershipRole];
/** UTC day, ISO week (starting Monday 00:00 UTC) or calendar month. */
export const MetricsGranularity = {
  Day: 'DAY',
  Month: 'MONTH',
  Week: 'WEEK'
} as const;

export type MetricsGranularity = typeof MetricsGranularity[keyof typeof MetricsGranularity];
/** BLOCK refuses past the limit; OVERAGE allows and bills it. */
export const OverageBehavior = {
  Block: 'BLOCK',
  Overage: 'OVERAGE'
} as const;

export type OverageBehavior = typeof OverageBehavior[keyof typeof OverageBehavior];
/** Upgrades apply now; downgrades wait for the period end unless a platform admin forces them. */
export const PlanChangeOutcome = {
  Downgraded: 'DOWNGRADED',
  DowngradeScheduled: 'DOWNGRADE_SCHEDULED',
  Upgraded: 'UPGRADED'
} as const;

export type PlanChangeOutcome = typeof PlanChangeOutcome[keyof typeof PlanChangeOutcome];
/** UTC calendar day or month, the subscription period, or never. */
export const ResetPeriod = {
  BillingPeriod: 'BILLING_PERIOD',
  Day: 'DAY',
  Month: 'MONTH',
  Never: 'NEVER'
} as const;

export type ResetPeriod = typeof ResetPeriod[keyof typeof ResetPeriod];
export const SortDirection = {
  Asc: 'ASC',
  Desc: 'DESC'
} as const;

export type SortDirection = typeof SortDirection[keyof typeof SortDirection];
export const StripeCatalogObjectKind = {
  Meter: 'METER',
  Price: 'PRICE',
  Product: 'PRODUCT'
} as const;

export type StripeCatalogObjectKind = typeof StripeCatalogObjectKind[keyof typeof StripeCatalogObjectKind];
/** received: stored, not applied yet; applied: changed Tollgate; ignored: nothing to do (unknown type, older than what was applied, a repeat); failed: will be retried while nextAttemptAt is set. */
export const StripeEventProcessingStatus = {
  Applied: 'APPLIED',
  Failed: 'FAILED',
  Ignored: 'IGNORED',
  Processing: 'PROCESSING',
  Received: 'RECEIVED'
} as const;

export type StripeEventProcessingStatus = typeof StripeEventProcessingStatus[keyof typeof StripeEventProcessingStatus];
/** Which Stripe this server talks to. */
export const StripeMode = {
  Live: 'LIVE',
  Sandbox: 'SANDBOX'
} as const;

export type StripeMode = typeof StripeMode[keyof typeof StripeMode];
export const SubscriptionStatus = {
  Active: 'ACTIVE',
  Canceled: 'CANCELED',
  Expired: 'EXPIRED',
  Incomplete: 'INCOMPLETE',
  PastDue: 'PAST_DUE',
  Trialing: 'TRIALING',
  Unpaid: 'UNPAID'
} as const;

export type SubscriptionStatus = typeof SubscriptionStatus[keyof typeof SubscriptionStatus];
export const UsageEventStatus = {
  Duplicate: 'DUPLICATE',
  Recorded: 'RECORDED',
  Rejected: 'REJECTED'
} as const;

export type UsageEventStatus = typeof UsageEventStatus[keyof typeof UsageEventStatus];
/** NONE below 80% of the limit, WARNING from 80%, CRITICAL from 95%, EXCEEDED past 100% (the quantity included). */
export const UsageWarningLevel = {
  Critical: 'CRITICAL',
  Exceeded: 'EXCEEDED',
  None: 'NONE',
  Warning: 'WARNING'
} as const;

export type UsageWarningLevel = typeof UsageWarningLevel[keyof typeof UsageWarningLevel];
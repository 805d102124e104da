import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import { TenantBatcher } from './db/tenant-batcher';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { AuditLogService } from './modules/audit/audit-log.service';
import { CatalogAdminService } from './modules/catalog/catalog-admin.service';
import { CatalogService } from './modules/catalog/catalog.service';
import { CreditLedgerService } from './modules/credits/credit-ledger.service';
import { PlanAdminService } from './modules/catalog/plan-admin.service';
import { IdentityService } from './modules/identity/identity.service';
import { LoginRateLimiter } from './modules/identity/login-rate-limiter';
import { OrganizationService } from './modules/organizations/organization.service';
import { PlatformMetricsService } from './modules/platform-metrics/platform-metrics.service';
import { SubscriptionRenewalService } from './modules/subscriptions/subscription-renewal.service';
import { SubscriptionService } from './modules/subscriptions/subscription.service';
import { EntitlementService } from './modules/usage/entitlement.service';
import { HourlyRequestLimiter } from './modules/usage/hourly-request-limit';
import { UsageService } from './modules/usage/usage.service';
import { FeatureFlagService } from './modules/feature-flags/feature-flag.service';
import type { StripeEnvironment } from './stripe/stripe-environment';
import { InvoiceService } from './modules/invoices/invoice.service';
import { ProviderSubscriptionService } from './modules/subscriptions/provider-subscription.service';
import { StripeEventHandlers } from './stripe/stripe-event.handlers';
import { StripeSubscriptionSyncService } from './stripe/stripe-subscription-sync.service';
import { StripeWebhookService } from './stripe/stripe-webhook.service';
import { BillingService } from './modules/billing/billing.service';
import { PlanChangeService } from './modules/billing/plan-change.service';
import { StripeCatalogSyncService } from './modules/billing/stripe-catalog-sync.service';
import { StripeOverageReporter } from './modules/billing/stripe-overage-reporter.service';
import { StripeSandboxAdminService } from './modules/stripe-sandbox-admin/stripe-sandbox-admin.service';
import { StripeBillingGateway } from './stripe/stripe-billing.gateway';
import { createStripeClient } from './stripe/stripe-client';

/** The composition root: every service, wired once per process (or per test app). */
export interface Services {
  config: Config;
  database: Database;
  clock: Clock;
  identity: IdentityService;
  organizations: OrganizationService;
  apiKeys: ApiKeyService;
  catalog: CatalogService;
  audit: AuditLogService;
  creditLedger: CreditLedgerService;
  subscriptions: SubscriptionService;
  subscriptionRenewal: SubscriptionRenewalService;
  planAdmin: PlanAdminService;
  catalogAdmin: CatalogAdminService;
  entitlements: EntitlementService;
  usage: UsageService;
  featureFlags: FeatureFlagService;
  requestLimits: HourlyRequestLimiter;
  stripeEnvironment: StripeEnvironment;
  /** Undefined when HOT_PATH_BATCHING is off. */
  hotPathBatcher: TenantBatcher | undefined;
  invoices: InvoiceService;
  stripeSubscriptionSync: StripeSubscriptionSyncService;
  stripeWebhooks: StripeWebhookService;
  /** Every call to Stripe goes through this gateway. */
  stripe: StripeBillingGateway;
  billing: BillingService;
  planChanges: PlanChangeService;
  stripeCatalogSync: StripeCatalogSyncService;
  overageReporter: StripeOverageReporter;
  stripeSandboxAdmin: StripeSandboxAdminService;
  platformMetrics: PlatformMetricsService;
}

export function createServices(config: Config, database: Database, clock: Clock, logger: Logger, stripeEnvironment: StripeEnvironment): Services {
  const organizations = new OrganizationService(database);
  const identity = new IdentityService(database, organizations, new LoginRateLimiter(config.loginRateLimit), clock, config.session.ttlHours);
  const audit = new AuditLogService(database, clock);
  const apiKeys = new ApiKeyService(database, audit, clock, logger, config.apiKeyCacheSeconds * 1000);
  const catalog = new CatalogService(database, audit);
  const planAdmin = new PlanAdminService(database, catalog, audit, clock);
  const catalogAdmin = new CatalogAdminService(database, catalog, audit, clock);
  // One batcher for the hot paths: concurrent calls of one organization share a transaction.
  const hotPathBatcher = config.hotPathBatching ? new TenantBatcher(database, logger, { inFlight: config.hotPathGroupsInFlight }) : undefined;
  const creditLedger = new CreditLedgerService(database, audit, clock, hotPathBatcher);
  const subscriptions = new SubscriptionService(database, catalog, creditLedger, audit, clock, logger);
  const subscriptionRenewal = new SubscriptionRenewalService(database, subscriptions, audit, clock, logger);
  // Every new organization starts on the free plan, in the transaction that creates it.
  organizations.onOrganizationCreated((manager, organizationId, ownerUserId) =>
    subscriptions.startFreePlan(manager, organizationId, { type: 'user', id: ownerUserId }).then(() => undefined),
  );
  const entitlements = new EntitlementService(database, clock);
  const usage = new UsageService(database, clock, hotPathBatcher);
  const featureFlags = new FeatureFlagService(database, audit, clock);
  const requestLimits = new HourlyRequestLimiter(entitlements, clock);
  // Stripe → Tollgate: the webhook log, the event effects and the subscription sync.
  const invoices = new InvoiceService(database);
  const providerSubscriptions = new ProviderSubscriptionService(database, subscriptions, catalog, creditLedger, audit, clock);
  const stripe = new StripeBillingGateway(createStripeClient(stripeEnvironment), logger);
  const stripeSubscriptionSync = new StripeSubscriptionSyncService(database, providerSubscriptions, stripe);
  const stripeEventHandlers = new StripeEventHandlers(database, stripeSubscriptionSync, providerSubscriptions, creditLedger, invoices, audit);
  const stripeWebhooks = new StripeWebhookService(database, stripeEventHandlers, audit, clock, logger);
  const billing = new BillingService(database, catalog, subscriptions, stripe, audit, { publicUrl: config.publicUrl });
  const planChanges = new PlanChangeService(database, subscriptions, stripe, stripeSubscriptionSync, audit, clock);
  const stripeCatalogSync = new StripeCatalogSyncService(database, stripe, audit);
  const overageReporter = new StripeOverageReporter(database, stripe, clock, logger);
  const stripeSandboxAdmin = new StripeSandboxAdminService(stripeEnvironment, database, stripeCatalogSync, audit);
  return {
    config,
    database,
    clock,
    identity,
    organizations,
    apiKeys,
    audit,
    catalog,
    planAdmin,
    catalogAdmin,
    creditLedger,
    subscriptions,
    subscriptionRenewal,
    entitlements,
    usage,
    featureFlags,
    stripeEnvironment,
    hotPathBatcher,
    requestLimits,
    invoices,
    stripeSubscriptionSync,
    stripeWebhooks,
    stripe,
    billing,
    planChanges,
    stripeCatalogSync,
    overageReporter,
    stripeSandboxAdmin,
    platformMetrics: new PlatformMetricsService(database, clock),
  };
}

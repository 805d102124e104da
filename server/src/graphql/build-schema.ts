import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema as buildTypeGraphQLSchema } from 'type-graphql';
import { ApiKeyResolver } from '../modules/api-keys/api-key.resolver';
import { CatalogAdminResolver } from '../modules/catalog/catalog-admin.resolver';
import { CatalogResolver } from '../modules/catalog/catalog.resolver';
import { PlanAdminResolver } from '../modules/catalog/plan-admin.resolver';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { OrganizationResolver } from '../modules/organizations/organization.resolver';
import { PlatformAdminResolver } from '../modules/platform-admin/platform-admin.resolver';
import { PlatformMetricsResolver } from '../modules/platform-metrics/platform-metrics.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { CreditsResolver } from '../modules/credits/credits.resolver';
import { SubscriptionResolver } from '../modules/subscriptions/subscription.resolver';
import { UsageResolver } from '../modules/usage/usage.resolver';
import { FeatureFlagResolver } from '../modules/feature-flags/feature-flag.resolver';
import { InvoiceResolver } from '../modules/invoices/invoice.resolver';
import { StripeEventResolver } from '../stripe/stripe-event.resolver';
import { BillingResolver } from '../modules/billing/billing.resolver';
import { StripeSandboxAdminResolver } from '../modules/stripe-sandbox-admin/stripe-sandbox-admin.resolver';
import { authChecker } from './auth-checker';
import { errorCodeEnum } from './error-code.enum';
import { validateArguments } from './validate-arguments';

/** The one list of resolvers. */
export const resolvers = [IdentityResolver, OrganizationResolver, ApiKeyResolver, PlatformAdminResolver, PlatformMetricsResolver, CatalogResolver, PlanAdminResolver, CatalogAdminResolver, AuditResolver, CreditsResolver, SubscriptionResolver, UsageResolver, FeatureFlagResolver, InvoiceResolver, StripeEventResolver, BillingResolver, StripeSandboxAdminResolver] as const;

/** The one schema factory, used by the server, the tests and the schema emitter. */
export async function buildSchema(): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphQLSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validateFn: validateArguments,
  });
  // ErrorCode is referenced by no field; clients still compare extensions.code against it, so it is added here.
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, errorCodeEnum] });
}

/** schema.graphql's text: sorted so that it changes only when the API does. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildSchema()))}\n`;
}

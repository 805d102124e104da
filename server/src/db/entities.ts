import { ApiKeyEntity } from '../modules/api-keys/api-key.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { CreditEventEntity } from '../modules/catalog/credit-event.entity';
import { CreditProductEntity } from '../modules/catalog/credit-product.entity';
import { FeatureEntity } from '../modules/catalog/feature.entity';
import { PlanEntitlementEntity } from '../modules/catalog/plan-entitlement.entity';
import { PlanVersionEntity } from '../modules/catalog/plan-version.entity';
import { PlanEntity } from '../modules/catalog/plan.entity';
import { PlatformSettingEntity } from '../modules/catalog/platform-setting.entity';
import { CreditAlertEntity } from '../modules/credits/credit-alert.entity';
import { CreditBalanceEntity } from '../modules/credits/credit-balance.entity';
import { CreditTransactionEntity } from '../modules/credits/credit-transaction.entity';
import { SessionEntity } from '../modules/identity/session.entity';
import { UserEntity } from '../modules/identity/user.entity';
import { MembershipEntity } from '../modules/organizations/membership.entity';
import { OrganizationEntity } from '../modules/organizations/organization.entity';
import { SubscriptionPeriodEntity } from '../modules/subscriptions/subscription-period.entity';
import { SubscriptionEntity } from '../modules/subscriptions/subscription.entity';
import { UsageEventEntity } from '../modules/usage/usage-event.entity';
import { UsageCounterEntity } from '../modules/usage/usage-counter.entity';
import { FeatureFlagEntity } from '../modules/feature-flags/feature-flag.entity';
import { FeatureFlagOverrideEntity } from '../modules/feature-flags/feature-flag-override.entity';
import { InvoiceEntity } from '../modules/invoices/invoice.entity';
import { StripeEventEntity } from '../stripe/stripe-event.entity';

/** Every entity, in one list for the data source. */
export const entities = [
  UserEntity,
  SessionEntity,
  OrganizationEntity,
  MembershipEntity,
  ApiKeyEntity,
  FeatureEntity,
  PlanEntity,
  PlanVersionEntity,
  PlanEntitlementEntity,
  CreditEventEntity,
  CreditProductEntity,
  PlatformSettingEntity,
  SubscriptionEntity,
  SubscriptionPeriodEntity,
  AuditEntryEntity,
  CreditTransactionEntity,
  CreditBalanceEntity,
  CreditAlertEntity,
  UsageEventEntity,
  UsageCounterEntity,
  FeatureFlagEntity,
  FeatureFlagOverrideEntity,
  StripeEventEntity,
  InvoiceEntity,
];

import { Foundation1763900000000 } from './1763900000000-foundation';
import { CatalogSubscriptionsAudit1763900000100 } from './1763900000100-catalog-subscriptions-audit';
import { FeatureArchive1763900000200 } from './1763900000200-feature-archive';
import { CreditLedger1763900000300 } from './1763900000300-credit-ledger';
import { UsageAndFlags1763900000400 } from './1763900000400-usage-and-flags';
import { StripeLinks1764000000000 } from './1764000000000-stripe-links';
import { UsageEventsLean1764000000010 } from './1764000000010-usage-events-lean';
import { Billing1764000000100 } from './1764000000100-billing';
import { StripeWebhooks1764000000200 } from './1764000000200-stripe-webhooks';
import { GrantsPerSubscription1764000000300 } from './1764000000300-grants-per-subscription';
import { PlatformMetrics1764100000000 } from './1764100000000-platform-metrics';
import { MeteringGroups1764200000000 } from './1764200000000-metering-groups';
import { UsageEventsSlim1764300000000 } from './1764300000000-usage-events-slim';
import { MeteringPolicyFilter1764400000000 } from './1764400000000-metering-policy-filter';
import { MeteringPolicyOnce1764500000000 } from './1764500000000-metering-policy-once';

/** Every migration, oldest first. New ones are appended here. */
export const migrations = [
  Foundation1763900000000, CatalogSubscriptionsAudit1763900000100, FeatureArchive1763900000200, CreditLedger1763900000300, UsageAndFlags1763900000400,
  StripeLinks1764000000000,
  UsageEventsLean1764000000010,
  Billing1764000000100,
  StripeWebhooks1764000000200,
  GrantsPerSubscription1764000000300,
  PlatformMetrics1764100000000,
  MeteringGroups1764200000000,
  UsageEventsSlim1764300000000,
  MeteringPolicyFilter1764400000000,
  MeteringPolicyOnce1764500000000,
];

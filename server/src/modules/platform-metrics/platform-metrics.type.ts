import { type ClassType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../shared/connection.type';
import { MoneyType } from '../../shared/money.type';
import { BillingInterval } from '../catalog/catalog.enums';
import { OrganizationType } from '../organizations/organization.type';
import { SubscriptionStatus } from '../subscriptions/subscription-status';
import { MetricsGranularity } from './platform-metrics.input';
import type {
  CreditConsumptionByEvent,
  FailedPayment,
  LowCreditBalance,
  NearLimit,
  OrganizationOverview,
  OrganizationRef,
  RevenueMetrics,
  RevenuePoint,
  RevenueSummary,
} from './platform-metrics.service';

const organizationOf = (ref: OrganizationRef): OrganizationType => Object.assign(new OrganizationType(), ref);

const WHOLE_FLOAT = 'A whole number; Float because a platform-wide total may pass 2^31.';

@ObjectType('AdminOrganizationOverview', { description: 'One organization as the platform-admin list shows it; every figure is as of now.' })
export class OrganizationOverviewType {
  @Field(() => OrganizationType) organization: OrganizationType;
  @Field(() => String, { nullable: true, description: 'The current subscription’s plan (null only if the organization has no current subscription).' })
  planKey: string | null;
  @Field(() => String, { nullable: true }) planName: string | null;
  @Field(() => SubscriptionStatus, { nullable: true }) subscriptionStatus: SubscriptionStatus | null;
  @Field(() => BillingInterval, { nullable: true }) billingInterval: BillingInterval | null;
  @Field(() => MoneyType, {
    description: 'Monthly-normalised price of the current subscription while it is paying (active or past due): a yearly price / 12, rounded. 0 for free, trialing, unpaid, incomplete and custom-priced subscriptions. In the plan’s currency.',
  })
  mrr: MoneyType;
  @Field(() => Int, { description: 'Credits the organization can spend now (purchased + an unexpired subscription grant).' }) creditBalance: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Highest used / limit, in percent (past 100 when overage is allowed), over the metered features with a limit in the plan that applies now, in their current windows; null when there is none.',
  })
  highestUsagePercent: number | null;
  @Field(() => Int, { description: 'How many of those features are at 80 % of their limit or more.' }) nearLimitFeatures: number;
  @Field(() => Int) memberCount: number;

  static from(view: OrganizationOverview): OrganizationOverviewType {
    return Object.assign(new OrganizationOverviewType(), {
      ...view,
      organization: organizationOf(view.organization),
      mrr: MoneyType.of(view.mrr.amountMinor, view.mrr.currency),
    });
  }
}

@ObjectType('AdminOrganizationOverviewConnection')
export class OrganizationOverviewConnection extends Connection(OrganizationOverviewType) {
  @Field(() => Int, { description: 'Organizations matching the search, on every page.' })
  totalCount: number;
}

@ObjectType('AdminRevenuePoint', { description: 'One bucket of the revenue series.' })
export class RevenuePointType {
  @Field(() => Date, { description: 'Start of the bucket (UTC day, Monday of the ISO week, or first of the month), even when `from` is later.' })
  periodStart: Date;
  @Field(() => Date, { description: 'End of the bucket (exclusive).' }) periodEnd: Date;
  @Field(() => Date, {
    description: 'The instant mrr and activeSubscriptions describe: the bucket’s last millisecond, or now for a bucket that has not ended (every bucket after now too), never at or after `to`.',
  })
  measuredAt: Date;
  @Field(() => MoneyType, { description: 'Sum of the paying subscriptions’ monthly-normalised prices at measuredAt.' }) mrr: MoneyType;
  @Field(() => Int, { description: 'Subscriptions paying at measuredAt: active or past due on a price above 0.' }) activeSubscriptions: number;
  @Field(() => Int, { description: 'Organizations that started paying in the bucket (within [from, to), up to now): a paid subscription started, or a trial converted.' })
  newSubscriptions: number;
  @Field(() => Int, {
    description: 'Organizations that stopped paying in the bucket (within [from, to), up to now): their paid subscription ended, was canceled, moved to a free or custom plan, or became unpaid. A switch to another paid subscription is neither new nor churned.',
  })
  churnedSubscriptions: number;

  static from(point: RevenuePoint, currency: string): RevenuePointType {
    return Object.assign(new RevenuePointType(), { ...point, mrr: MoneyType.of(point.mrrMinor, currency) });
  }
}

@ObjectType('AdminRevenueSummary')
export class RevenueSummaryType {
  @Field(() => MoneyType, { description: 'MRR now, from the live subscriptions.' }) currentMrr: MoneyType;
  @Field(() => Int, { description: 'Subscriptions paying now (active or past due on a price above 0).' }) activeSubscriptions: number;
  @Field(() => Int, { description: 'Subscriptions in a trial now.' }) trialingSubscriptions: number;
  @Field(() => Int, { description: 'Trials that ended within the range (at their trial end, or when canceled or expired before it).' }) trialsEnded: number;
  @Field(() => Int, { description: 'Of those, the ones that reached active on a paid price.' }) trialsConverted: number;
  @Field(() => Float, { nullable: true, description: 'trialsConverted / trialsEnded (0 to 1); null when no trial ended in the range.' })
  trialConversionRate: number | null;
  @Field(() => Int, { description: 'Invoices created within the range (amount due above 0) that are paid.' }) paidInvoices: number;
  @Field(() => Int, { description: 'Invoices created within the range that are uncollectible, or open after a failed payment attempt.' })
  failedInvoices: number;
  @Field(() => Float, { nullable: true, description: 'paidInvoices / (paidInvoices + failedInvoices) (0 to 1); null when there are none.' })
  paymentSuccessRate: number | null;
  @Field(() => Int, { description: 'Sum of the series’ newSubscriptions.' }) newSubscriptions: number;
  @Field(() => Int, { description: 'Sum of the series’ churnedSubscriptions.' }) churnedSubscriptions: number;

  static from(summary: RevenueSummary, currency: string): RevenueSummaryType {
    return Object.assign(new RevenueSummaryType(), { ...summary, currentMrr: MoneyType.of(summary.currentMrrMinor, currency) });
  }
}

@ObjectType('AdminCreditConsumption', { description: 'Credits consumed by one credit event within the range.' })
export class CreditConsumptionType {
  @Field(() => String) eventKey: string;
  @Field(() => String, { description: 'The event’s name in the catalog (its key if it is no longer there).' }) eventName: string;
  @Field(() => Float, { description: `Credits charged. ${WHOLE_FLOAT}` }) credits: number;
  @Field(() => Float, { description: `Consumption entries in the ledger. ${WHOLE_FLOAT}` }) transactions: number;
}

@ObjectType('AdminRevenueMetrics', { description: 'Revenue over [from, to): a series with one point per bucket, a summary, and credit consumption.' })
export class RevenueMetricsType {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
  @Field(() => MetricsGranularity) granularity: MetricsGranularity;
  @Field(() => String, { description: 'Only subscriptions, prices and invoices in this currency count.' }) currency: string;
  @Field(() => [RevenuePointType], { description: 'Every bucket that overlaps [from, to), oldest first, without gaps.' }) series: RevenuePointType[];
  @Field(() => RevenueSummaryType) summary: RevenueSummaryType;
  @Field(() => [CreditConsumptionType], { description: 'Largest first. Credits are not money: every currency counts.' })
  creditConsumptionByEvent: CreditConsumptionType[];

  static from(metrics: RevenueMetrics): RevenueMetricsType {
    return Object.assign(new RevenueMetricsType(), {
      ...metrics,
      series: metrics.series.map((point) => RevenuePointType.from(point, metrics.currency)),
      summary: RevenueSummaryType.from(metrics.summary, metrics.currency),
      creditConsumptionByEvent: metrics.creditConsumptionByEvent.map((row: CreditConsumptionByEvent) => Object.assign(new CreditConsumptionType(), row)),
    });
  }
}

/** A capped list: the first rows and how many there are in all. */
function CountedList<T extends object>(Item: ClassType<T>) {
  @ObjectType()
  abstract class CountedListClass {
    @Field(() => [Item])
    nodes: T[];

    @Field(() => Int, { description: 'How many there are in all (nodes holds at most `first`).' })
    totalCount: number;
  }
  return CountedListClass;
}

export enum FailedPaymentKind {
  SUBSCRIPTION_PAST_DUE = 'subscription_past_due',
  SUBSCRIPTION_UNPAID = 'subscription_unpaid',
  INVOICE_PAYMENT_FAILED = 'invoice_payment_failed',
  INVOICE_UNCOLLECTIBLE = 'invoice_uncollectible',
}
registerEnumType(FailedPaymentKind, {
  name: 'AdminFailedPaymentKind',
  description: 'A current subscription past due or unpaid (with its open invoice, if any); an open invoice whose payment failed; an uncollectible invoice.',
});

@ObjectType('AdminFailedPayment')
export class FailedPaymentType {
  @Field(() => FailedPaymentKind) kind: FailedPaymentKind;
  @Field(() => OrganizationType) organization: OrganizationType;
  @Field(() => MoneyType, { description: 'Still owed: the invoice’s remaining amount, or (no open invoice) the plan’s price for one interval.' })
  amount: MoneyType;
  @Field(() => Date, { description: 'When it went wrong: the subscription fell past due, or the first failed payment attempt (uncollectible without one: when Stripe last updated it).' })
  since: Date;
  @Field(() => SubscriptionStatus, { nullable: true, description: 'For subscription rows.' }) subscriptionStatus: SubscriptionStatus | null;
  @Field(() => String, { nullable: true, description: 'For subscription rows.' }) planKey: string | null;
  @Field(() => String, { nullable: true, description: 'Stripe’s invoice id (in_…), when an invoice is concerned.' }) stripeInvoiceId: string | null;
  @Field(() => String, { nullable: true }) invoiceNumber: string | null;
  @Field(() => String, { nullable: true, description: 'Stripe’s page to view and pay the invoice.' }) hostedInvoiceUrl: string | null;

  static from(row: FailedPayment): FailedPaymentType {
    return Object.assign(new FailedPaymentType(), {
      ...row,
      organization: organizationOf(row.organization),
      amount: MoneyType.of(row.amount.amountMinor, row.amount.currency),
    });
  }
}

@ObjectType('AdminFailedPaymentList')
export class FailedPaymentList extends CountedList(FailedPaymentType) {}

@ObjectType('AdminNearLimit', { description: 'A metered feature of an organization at 80 % of its limit or more in the current window.' })
export class NearLimitType {
  @Field(() => OrganizationType) organization: OrganizationType;
  @Field(() => String) featureKey: string;
  @Field(() => String) featureName: string;
  @Field(() => Float, { description: 'Used in the current window. A whole number; Float because it may pass 2^31.' }) used: number;
  @Field(() => Int) limit: number;
  @Field(() => Float, { description: 'used / limit in percent (past 100 when overage is allowed).' }) percent: number;
  @Field(() => Date, { nullable: true, description: 'When the window ends and usage starts again from zero; null: never.' }) resetsAt: Date | null;

  static from(row: NearLimit): NearLimitType {
    return Object.assign(new NearLimitType(), { ...row, organization: organizationOf(row.organization) });
  }
}

@ObjectType('AdminNearLimitList')
export class NearLimitList extends CountedList(NearLimitType) {}

@ObjectType('AdminLowCreditBalance', { description: 'An organization whose spendable credits are below its own low-balance threshold.' })
export class LowCreditBalanceType {
  @Field(() => OrganizationType) organization: OrganizationType;
  @Field(() => Int) balance: number;
  @Field(() => Int) threshold: number;

  static from(row: LowCreditBalance): LowCreditBalanceType {
    return Object.assign(new LowCreditBalanceType(), { ...row, organization: organizationOf(row.organization) });
  }
}

@ObjectType('AdminLowCreditBalanceList')
export class LowCreditBalanceList extends CountedList(LowCreditBalanceType) {}

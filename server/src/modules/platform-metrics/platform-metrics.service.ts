import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { type Page, type PageRequest, MAX_PAGE_SIZE, keysetPage } from '../../shared/pagination';
import { isUuid } from '../../shared/uuid';
import type { BillingInterval } from '../catalog/catalog.enums';
import { UserEntity } from '../identity/user.entity';
import { MembershipEntity } from '../organizations/membership.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import type { OrganizationMember } from '../organizations/organization.service';
import type { SubscriptionStatus } from '../subscriptions/subscription-status';
import { FAILED_PAYMENTS_SQL } from './failed-payments-sql';
import { LOW_ON_CREDITS_SQL, NEAR_LIMITS_SQL, ORGANIZATION_COUNT_SQL, organizationOverviewSql } from './organization-state-sql';
import { type MetricsGranularity, type OrganizationOverviewSortInput, DEFAULT_OVERVIEW_SORT } from './platform-metrics.input';
import { platformMetricsErrors } from './platform-metrics.errors';
import { NEAR_LIMIT_PERCENT, checkRevenueRange, decodeOverviewCursor, encodeOverviewCursor } from './platform-metrics-rules';
import type { FailedPaymentKind } from './platform-metrics.type';
import { CREDIT_CONSUMPTION_SQL, CURRENT_REVENUE_SQL, PAYMENT_OUTCOMES_SQL, REVENUE_SERIES_SQL, TRIAL_CONVERSION_SQL } from './revenue-metrics-sql';

export interface OrganizationRef {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface OrganizationOverview {
  organization: OrganizationRef;
  planKey: string | null;
  planName: string | null;
  subscriptionStatus: SubscriptionStatus | null;
  billingInterval: BillingInterval | null;
  mrr: Money;
  creditBalance: number;
  highestUsagePercent: number | null;
  nearLimitFeatures: number;
  memberCount: number;
}

export interface RevenuePoint {
  periodStart: Date;
  periodEnd: Date;
  measuredAt: Date;
  mrrMinor: number;
  activeSubscriptions: number;
  newSubscriptions: number;
  churnedSubscriptions: number;
}

export interface RevenueSummary {
  currentMrrMinor: number;
  activeSubscriptions: number;
  trialingSubscriptions: number;
  trialsEnded: number;
  trialsConverted: number;
  trialConversionRate: number | null;
  paidInvoices: number;
  failedInvoices: number;
  paymentSuccessRate: number | null;
  newSubscriptions: number;
  churnedSubscriptions: number;
}

export interface CreditConsumptionByEvent {
  eventKey: string;
  eventName: string;
  credits: number;
  transactions: number;
}

export interface RevenueMetrics {
  from: Date;
  to: Date;
  granularity: MetricsGranularity;
  currency: string;
  series: RevenuePoint[];
  summary: RevenueSummary;
  creditConsumptionByEvent: CreditConsumptionByEvent[];
}

export interface FailedPayment {
  kind: FailedPaymentKind;
  organization: OrganizationRef;
  amount: Money;
  since: Date;
  subscriptionStatus: SubscriptionStatus | null;
  planKey: string | null;
  stripeInvoiceId: string | null;
  invoiceNumber: string | null;
  hostedInvoiceUrl: string | null;
}

export interface NearLimit {
  organization: OrganizationRef;
  featureKey: string;
  featureName: string;
  used: number;
  limit: number;
  percent: number;
  resetsAt: Date | null;
}

export interface LowCreditBalance {
  organization: OrganizationRef;
  balance: number;
  threshold: number;
}

/** The first rows of a list and how many there are in all. */
export interface CountedList<T> {
  nodes: T[];
  totalCount: number;
}

type Row = Record<string, any>;

const organizationRef = (row: Row): OrganizationRef => ({ id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at });
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const counted = <T>(rows: Row[], map: (row: Row) => T): CountedList<T> => ({ nodes: rows.map(map), totalCount: Number(rows[0]?.total ?? 0) });

/** A search term as an ILIKE pattern that takes % and _ literally (as platformOrganizations does); null: no filter. */
function searchPattern(search: string | null | undefined): string | null {
  const term = search?.trim();
  return term ? `%${term.replace(/[%_\\]/g, '\\$&')}%` : null;
}

/**
 * Platform-admin views across every organization: the organization list with its billing state, revenue over
 * time, and what needs attention. Everything is computed by PostgreSQL in a few set-based statements (see the
 * *-sql.ts files for what each figure means and where it comes from), in one read-only platform transaction.
 */
export class PlatformMetricsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async organizationOverviews(request: {
    search?: string | null;
    sort?: OrganizationOverviewSortInput | null;
    page: PageRequest;
  }): Promise<Page<OrganizationOverview> & { totalCount: number }> {
    const sort = request.sort ?? DEFAULT_OVERVIEW_SORT;
    const first = Math.min(Math.max(request.page.first, 1), MAX_PAGE_SIZE);
    const position = request.page.after ? decodeOverviewCursor(request.page.after, sort) : null;
    const pattern = searchPattern(request.search);
    const params: unknown[] = [pattern, this.clock.now(), first + 1, NEAR_LIMIT_PERCENT];
    if (position) params.push(position.value, position.id);
    return this.read(async (m) => {
      const rows: Row[] = await m.query(organizationOverviewSql(sort, position !== null), params);
      const [{ total }] = await m.query(ORGANIZATION_COUNT_SQL, [pattern]);
      const items = rows.slice(0, first);
      const last = items[items.length - 1];
      return {
        items: items.map((row) => ({
          organization: organizationRef(row),
          planKey: row.plan_key,
          planName: row.plan_name,
          subscriptionStatus: row.subscription_status,
          billingInterval: row.billing_interval,
          mrr: { amountMinor: Number(row.mrr), currency: row.currency },
          creditBalance: Number(row.credit_balance),
          highestUsagePercent: row.highest_usage_percent === null ? null : Number(row.highest_usage_percent),
          nearLimitFeatures: Number(row.near_limit_features),
          memberCount: Number(row.member_count),
        })),
        hasNextPage: rows.length > first,
        endCursor: last ? encodeOverviewCursor(sort, { value: last.sort_value, id: last.id }) : null,
        totalCount: total,
      };
    });
  }

  async revenueMetrics(request: { from: Date; to: Date; granularity: MetricsGranularity; currency: string }): Promise<RevenueMetrics> {
    const { from, to, granularity } = request;
    checkRevenueRange(from, to);
    const currency = request.currency.toLowerCase();
    const now = this.clock.now();
    return this.read(async (m) => {
      const seriesRows: Row[] = await m.query(REVENUE_SERIES_SQL, [from, to, now, granularity, currency]);
      const [current] = await m.query(CURRENT_REVENUE_SQL, [currency]);
      const [trials] = await m.query(TRIAL_CONVERSION_SQL, [from, to, now, currency]);
      const [payments] = await m.query(PAYMENT_OUTCOMES_SQL, [from, to, currency]);
      const consumption: Row[] = await m.query(CREDIT_CONSUMPTION_SQL, [from, to]);

      const series: RevenuePoint[] = seriesRows.map((row) => ({
        periodStart: row.period_start,
        periodEnd: row.period_end,
        measuredAt: row.measured_at,
        mrrMinor: Number(row.mrr),
        activeSubscriptions: Number(row.active_subscriptions),
        newSubscriptions: Number(row.new_subscriptions),
        churnedSubscriptions: Number(row.churned_subscriptions),
      }));
      const trialsEnded = Number(trials.ended);
      const trialsConverted = Number(trials.converted);
      const paidInvoices = Number(payments.paid);
      const failedInvoices = Number(payments.failed);
      return {
        from,
        to,
        granularity,
        currency,
        series,
        summary: {
          currentMrrMinor: Number(current.mrr),
          activeSubscriptions: Number(current.active_subscriptions),
          trialingSubscriptions: Number(current.trialing_subscriptions),
          trialsEnded,
          trialsConverted,
          trialConversionRate: ratio(trialsConverted, trialsEnded),
          paidInvoices,
          failedInvoices,
          paymentSuccessRate: ratio(paidInvoices, paidInvoices + failedInvoices),
          newSubscriptions: series.reduce((sum, point) => sum + point.newSubscriptions, 0),
          churnedSubscriptions: series.reduce((sum, point) => sum + point.churnedSubscriptions, 0),
        },
        creditConsumptionByEvent: consumption.map((row) => ({
          eventKey: row.event_key,
          eventName: row.event_name,
          credits: Number(row.credits),
          transactions: Number(row.transactions),
        })),
      };
    });
  }

  failedPayments(first: number): Promise<CountedList<FailedPayment>> {
    return this.read(async (m) =>
      counted(await m.query(FAILED_PAYMENTS_SQL, [first]), (row) => ({
        kind: row.kind,
        organization: organizationRef(row),
        amount: { amountMinor: Number(row.amount_minor), currency: row.currency },
        since: row.since,
        subscriptionStatus: row.subscription_status,
        planKey: row.plan_key,
        stripeInvoiceId: row.stripe_invoice_id,
        invoiceNumber: row.invoice_number,
        hostedInvoiceUrl: row.hosted_invoice_url,
      })),
    );
  }

  organizationsNearLimits(first: number): Promise<CountedList<NearLimit>> {
    return this.read(async (m) =>
      counted(await m.query(NEAR_LIMITS_SQL, [this.clock.now(), first, NEAR_LIMIT_PERCENT]), (row) => ({
        organization: organizationRef(row),
        featureKey: row.feature_key,
        featureName: row.feature_name,
        used: Number(row.used),
        limit: Number(row.limit_value),
        percent: Number(row.percent),
        resetsAt: row.resets_at,
      })),
    );
  }

  organizationsLowOnCredits(first: number): Promise<CountedList<LowCreditBalance>> {
    return this.read(async (m) =>
      counted(await m.query(LOW_ON_CREDITS_SQL, [this.clock.now(), first]), (row) => ({
        organization: organizationRef(row),
        balance: Number(row.balance),
        threshold: Number(row.threshold),
      })),
    );
  }

  /** Any organization's members, for platform admins (who are not members): NOT_FOUND for an unknown organization. */
  async organizationMembers(organizationId: string, page: PageRequest): Promise<Page<OrganizationMember>> {
    if (!isUuid(organizationId)) throw platformMetricsErrors.invalid('organizationId', 'organizationId must be a UUID');
    return this.read(async (m) => {
      if (!(await m.existsBy(OrganizationEntity, { id: organizationId }))) throw platformMetricsErrors.organizationNotFound();
      const query = m
        .createQueryBuilder(MembershipEntity, 'membership')
        .innerJoinAndMapOne('membership.user', UserEntity, 'member', 'member.id = membership.user_id')
        .where('membership.organization_id = :organizationId', { organizationId });
      const result = await keysetPage(query, 'membership', page);
      return {
        ...result,
        items: result.items.map((row) => ({ user: (row as MembershipEntity & { user: UserEntity }).user, role: row.role, joinedAt: row.createdAt })),
      };
    });
  }

  /**
   * One read-only platform transaction with one snapshot, so the figures of a response agree with each other. JIT
   * compilation is off: under row-level security the planner's estimates for these statements are far too high
   * (it may not use statistics for jsonb operators), and compiling took longer than running (measured: 2 s of JIT
   * for a 0.7 s revenue series over 20,000 organizations).
   */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.database.asPlatform(async (m) => {
      await m.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await m.query('SET LOCAL jit = off');
      return work(m);
    });
  }
}

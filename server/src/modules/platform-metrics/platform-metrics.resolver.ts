import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { UserType } from '../identity/user.type';
import { OrganizationMemberConnection, OrganizationMemberType } from '../organizations/organization.type';
import { AttentionListArgs, DEFAULT_OVERVIEW_SORT, OrganizationOverviewSortInput, RevenueMetricsArgs } from './platform-metrics.input';
import {
  FailedPaymentList,
  FailedPaymentType,
  LowCreditBalanceList,
  LowCreditBalanceType,
  NearLimitList,
  NearLimitType,
  OrganizationOverviewConnection,
  OrganizationOverviewType,
  RevenueMetricsType,
} from './platform-metrics.type';

/** Platform-admin dashboards: the organization list with billing state, revenue over time, and what needs attention. */
@Resolver()
export class PlatformMetricsResolver {
  @Authorized(PLATFORM_ADMIN)
  @Query(() => OrganizationOverviewConnection, {
    description: 'Platform admins: every organization with its plan, MRR, credits, usage and members, searchable by name or slug, in any order.',
  })
  async adminOrganizationOverviews(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name or slug, any case.' }) search: string | null,
    @Arg('sort', () => OrganizationOverviewSortInput, { defaultValue: DEFAULT_OVERVIEW_SORT }) sort: OrganizationOverviewSortInput,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationOverviewConnection> {
    const result = await ctx.services.platformMetrics.organizationOverviews({ search, sort, page });
    return { ...toConnection(result, OrganizationOverviewType.from), totalCount: result.totalCount };
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => RevenueMetricsType, { description: 'Platform admins: MRR, subscriptions, trials, payments and credit consumption over [from, to) (at most 2 years).' })
  async adminRevenueMetrics(@Args(() => RevenueMetricsArgs) args: RevenueMetricsArgs, @Ctx() ctx: GraphQLContext): Promise<RevenueMetricsType> {
    return RevenueMetricsType.from(await ctx.services.platformMetrics.revenueMetrics(args));
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => FailedPaymentList, { description: 'Platform admins: past-due or unpaid subscriptions and failed or uncollectible invoices, most recent first.' })
  async adminFailedPayments(@Args(() => AttentionListArgs) args: AttentionListArgs, @Ctx() ctx: GraphQLContext): Promise<FailedPaymentList> {
    const list = await ctx.services.platformMetrics.failedPayments(args.first);
    return { nodes: list.nodes.map(FailedPaymentType.from), totalCount: list.totalCount };
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => NearLimitList, { description: 'Platform admins: metered features at 80 % of their limit or more in the current window, highest first.' })
  async adminOrganizationsNearLimits(@Args(() => AttentionListArgs) args: AttentionListArgs, @Ctx() ctx: GraphQLContext): Promise<NearLimitList> {
    const list = await ctx.services.platformMetrics.organizationsNearLimits(args.first);
    return { nodes: list.nodes.map(NearLimitType.from), totalCount: list.totalCount };
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => LowCreditBalanceList, { description: 'Platform admins: organizations whose credits are below their own low-balance threshold, lowest balance first.' })
  async adminOrganizationsLowOnCredits(@Args(() => AttentionListArgs) args: AttentionListArgs, @Ctx() ctx: GraphQLContext): Promise<LowCreditBalanceList> {
    const list = await ctx.services.platformMetrics.organizationsLowOnCredits(args.first);
    return { nodes: list.nodes.map(LowCreditBalanceType.from), totalCount: list.totalCount };
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => OrganizationMemberConnection, { description: 'Platform admins: any organization’s members (organizationMembers is for its own members).' })
  async adminOrganizationMembers(
    @Arg('organizationId', () => ID) organizationId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationMemberConnection> {
    const members = await ctx.services.platformMetrics.organizationMembers(organizationId, page);
    return toConnection(members, (m) => Object.assign(new OrganizationMemberType(), { user: UserType.from(m.user), role: m.role, joinedAt: m.joinedAt }));
  }
}

import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, memberReads, tenantAccess } from '../../graphql/access';
import { organizationIdOf } from '../../graphql/auth-checker';
import type { GraphQLContext } from '../../graphql/context';
import { ApiKeyScope } from '../api-keys/api-key-scope';
import { MembershipRole } from '../organizations/membership-role';
import { TrackUsageInput, UsageEventInput } from './usage.input';
import { EntitlementCheckType, OrganizationEntitlementsType, UsageBatchResultType, UsageSummaryType } from './usage.type';
import { serviceValidatesArgument } from '../../graphql/validate-arguments';

// Members read; recording usage is for client apps (USAGE_WRITE keys) and, from the console, owners and admins.
const usageWrites = () => tenantAccess({ role: MembershipRole.ADMIN, apiKeyScope: ApiKeyScope.USAGE_WRITE });
const OPTIONAL_ORG = { nullable: true, description: 'Required for console sessions; an API key acts in its own organization.' };

@Resolver()
export class UsageResolver {
  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => EntitlementCheckType, { description: 'May the organization use `quantity` more of the feature now? Records nothing.' })
  async entitlementCheck(
    @Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null,
    @Arg('featureKey', () => String) featureKey: string,
    @Arg('quantity', () => Int, { defaultValue: 1 }) quantity: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EntitlementCheckType> {
    return EntitlementCheckType.from(await ctx.services.entitlements.check(organizationIdOf(ctx, organizationId), featureKey, quantity));
  }

  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => OrganizationEntitlementsType, { description: 'Every feature of the organization’s plan with current usage.' })
  async entitlements(@Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null, @Ctx() ctx: GraphQLContext): Promise<OrganizationEntitlementsType> {
    return OrganizationEntitlementsType.from(await ctx.services.entitlements.entitlements(organizationIdOf(ctx, organizationId)));
  }

  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => UsageSummaryType, { description: 'Recorded usage over [from, to) (at most 366 days), per feature and UTC day.' })
  async usageSummary(
    @Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null,
    // A Date is an object, which class-validator's forbidUnknownValues would refuse; the service checks the range.
    @Arg('from', () => Date, { validateFn: serviceValidatesArgument }) from: Date,
    @Arg('to', () => Date, { validateFn: serviceValidatesArgument }) to: Date,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UsageSummaryType> {
    return UsageSummaryType.from(await ctx.services.usage.usageSummary(organizationIdOf(ctx, organizationId), { from, to }));
  }

  @Authorized(usageWrites())
  @Mutation(() => EntitlementCheckType, { description: 'Records usage that happened, even past a block limit (then allowed=false, EXCEEDED).' })
  async trackUsage(
    @Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null,
    @Arg('input', () => TrackUsageInput) input: TrackUsageInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EntitlementCheckType> {
    return EntitlementCheckType.from(await ctx.services.usage.track(organizationIdOf(ctx, organizationId), input));
  }

  @Authorized(usageWrites())
  @Mutation(() => EntitlementCheckType, {
    description: 'Checks and records atomically: under a block limit it records only if all of the quantity fits (allowed=false: nothing recorded).',
  })
  async checkAndTrackUsage(
    @Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null,
    @Arg('input', () => TrackUsageInput) input: TrackUsageInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EntitlementCheckType> {
    return EntitlementCheckType.from(await ctx.services.usage.checkAndTrack(organizationIdOf(ctx, organizationId), input));
  }

  @Authorized(usageWrites())
  @Mutation(() => UsageBatchResultType, { description: 'Records up to 1,000 events at once (like trackUsage each); every event gets its own outcome.' })
  async trackUsageBatch(
    @Arg('organizationId', () => ID, OPTIONAL_ORG) organizationId: string | null,
    // Each event is checked by the service and refused on its own (REJECTED), instead of class-validator failing
    // the whole batch; skipping it here is also most of this call's CPU at 1,000 events.
    @Arg('events', () => [UsageEventInput], { validateFn: serviceValidatesArgument }) events: UsageEventInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<UsageBatchResultType> {
    return UsageBatchResultType.from(await ctx.services.usage.trackBatch(organizationIdOf(ctx, organizationId), events));
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => OrganizationEntitlementsType, { description: 'Platform admins: any organization’s entitlements and usage.' })
  async adminEntitlements(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<OrganizationEntitlementsType> {
    return OrganizationEntitlementsType.from(await ctx.services.entitlements.adminEntitlements(organizationId));
  }
}

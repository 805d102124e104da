import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, memberReads } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import { organizationIdOf } from '../../graphql/auth-checker';
import type { GraphQLContext } from '../../graphql/context';
import { ApiKeyScope } from '../api-keys/api-key-scope';
import { UpsertFeatureFlagInput } from './feature-flag.input';
import { FeatureFlagOverrideType, FeatureFlagType, OrganizationFeatureFlagType } from './feature-flag.type';

@Resolver()
export class FeatureFlagResolver {
  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => [OrganizationFeatureFlagType], { description: 'Every flag and whether it is on for the organization.' })
  async featureFlags(
    @Arg('organizationId', () => ID, { nullable: true, description: 'Required for console sessions; an API key acts in its own organization.' })
    organizationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationFeatureFlagType[]> {
    return ctx.services.featureFlags.flagsFor(organizationIdOf(ctx, organizationId));
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => [FeatureFlagType], { description: 'Platform admins: every feature flag.' })
  async adminFeatureFlags(@Ctx() ctx: GraphQLContext): Promise<FeatureFlagType[]> {
    return (await ctx.services.featureFlags.list()).map(FeatureFlagType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureFlagType, { description: 'Platform admins: create or change a feature flag (audited).' })
  async adminUpsertFeatureFlag(@Arg('input', () => UpsertFeatureFlagInput) input: UpsertFeatureFlagInput, @Ctx() ctx: GraphQLContext): Promise<FeatureFlagType> {
    return FeatureFlagType.from(await ctx.services.featureFlags.upsert(input, actorOf(ctx)));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureFlagOverrideType, { description: 'Platform admins: force a flag on or off for one organization; enabled null clears it (audited).' })
  async adminSetFeatureFlagOverride(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('flagKey', () => String) flagKey: string,
    @Arg('enabled', () => Boolean, { nullable: true }) enabled: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FeatureFlagOverrideType> {
    const override = await ctx.services.featureFlags.setOverride(organizationId, flagKey, enabled ?? null, actorOf(ctx));
    return { flagKey, organizationId: organizationId.toLowerCase(), enabled: override?.enabled ?? null };
  }
}

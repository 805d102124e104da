import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { CreatePlanInput, PlanTermsInput, UpdatePlanInput } from './plan.input';
import { PlatformPlanType } from './plan.type';

/** Platform admins' plan editing. Terms changes make a new version; subscribers keep theirs. */
@Resolver()
export class PlanAdminResolver {
  @Authorized(PLATFORM_ADMIN)
  @Query(() => [PlatformPlanType], { description: 'Platform admins: every plan, archived and private included, with every version.' })
  async platformPlans(@Ctx() ctx: GraphQLContext): Promise<PlatformPlanType[]> {
    return (await ctx.services.planAdmin.listAll()).map(PlatformPlanType.fromHistory);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlatformPlanType, { description: 'Platform admins: a new plan at version 1.' })
  async createPlan(@Arg('input', () => CreatePlanInput) input: CreatePlanInput, @Ctx() ctx: GraphQLContext): Promise<PlatformPlanType> {
    return PlatformPlanType.fromHistory(await ctx.services.planAdmin.create(actorOf(ctx), input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlatformPlanType, { description: 'Platform admins: name, description, visibility, order. No new version.' })
  async updatePlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => UpdatePlanInput) input: UpdatePlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PlatformPlanType> {
    return PlatformPlanType.fromHistory(await ctx.services.planAdmin.update(actorOf(ctx), planId, input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlatformPlanType, {
    description: 'Platform admins: new terms become a new version for new subscribers; existing subscriptions keep theirs. Identical terms change nothing.',
  })
  async changePlanTerms(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => PlanTermsInput) input: PlanTermsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PlatformPlanType> {
    return PlatformPlanType.fromHistory(await ctx.services.planAdmin.changeTerms(actorOf(ctx), planId, input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlatformPlanType, { description: 'Platform admins: out of `plans`, no new subscribers; subscribers keep it. The free plan cannot be archived.' })
  async archivePlan(@Arg('planId', () => ID) planId: string, @Ctx() ctx: GraphQLContext): Promise<PlatformPlanType> {
    return PlatformPlanType.fromHistory(await ctx.services.planAdmin.archive(actorOf(ctx), planId));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlatformPlanType, { description: 'Platform admins: back on sale.' })
  async unarchivePlan(@Arg('planId', () => ID) planId: string, @Ctx() ctx: GraphQLContext): Promise<PlatformPlanType> {
    return PlatformPlanType.fromHistory(await ctx.services.planAdmin.unarchive(actorOf(ctx), planId));
  }
}

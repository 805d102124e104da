import { Arg, Ctx, ID, Mutation, Query, Resolver, Authorized } from 'type-graphql';
import { PLATFORM_ADMIN, adminActs, memberReads } from '../../graphql/access';
import { organizationIdOf } from '../../graphql/auth-checker';
import type { GraphQLContext } from '../../graphql/context';
import { actorOf } from '../../graphql/actor';
import { ApiKeyScope } from '../api-keys/api-key-scope';
import { AdminChangePlanInput, ChangePlanInput } from './subscription.input';
import { PlanChangeResultType, SubscriptionType } from './subscription.type';

@Resolver()
export class SubscriptionResolver {
  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => SubscriptionType, { description: 'The organization’s current subscription.' })
  async subscription(@Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null, @Ctx() ctx: GraphQLContext): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.subscriptions.current(organizationIdOf(ctx, organizationId)), ctx.services.clock.now());
  }

  @Authorized(adminActs())
  @Mutation(() => PlanChangeResultType, { description: 'OWNER/ADMIN: downgrade at period end. Upgrades go through checkout, except on a Stripe subscription: there they apply now with a prorated invoice.' })
  async changePlan(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => ChangePlanInput) input: ChangePlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PlanChangeResultType> {
    const result = await ctx.services.planChanges.changePlan(organizationId, { ...input, actor: actorOf(ctx), allowUpgrade: false });
    return { outcome: result.outcome, subscription: SubscriptionType.from(result.subscription, ctx.services.clock.now()) };
  }

  @Authorized(adminActs())
  @Mutation(() => SubscriptionType, { description: 'OWNER/ADMIN: undo a scheduled downgrade.' })
  async undoScheduledPlanChange(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.planChanges.undoScheduledChange(organizationId, actorOf(ctx)), ctx.services.clock.now());
  }

  @Authorized(adminActs())
  @Mutation(() => SubscriptionType, { description: 'OWNER/ADMIN: cancel at period end (default) or now (drops to the free plan).' })
  async cancelSubscription(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('atPeriodEnd', () => Boolean, { defaultValue: true }) atPeriodEnd: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.planChanges.cancel(organizationId, { atPeriodEnd, actor: actorOf(ctx) }), ctx.services.clock.now());
  }

  @Authorized(adminActs())
  @Mutation(() => SubscriptionType, { description: 'OWNER/ADMIN: keep a subscription that was set to cancel at period end.' })
  async resumeSubscription(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.planChanges.resume(organizationId, actorOf(ctx)), ctx.services.clock.now());
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => SubscriptionType, { description: 'Platform admins: any organization’s current subscription.' })
  async adminSubscription(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.subscriptions.current(organizationId), ctx.services.clock.now());
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => PlanChangeResultType, { description: 'Platform admins: change any organization’s plan; upgrades apply now, downgrades at period end unless forced.' })
  async adminChangePlan(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => AdminChangePlanInput) input: AdminChangePlanInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PlanChangeResultType> {
    const result = await ctx.services.planChanges.changePlan(organizationId, { ...input, actor: actorOf(ctx), allowUpgrade: true });
    return { outcome: result.outcome, subscription: SubscriptionType.from(result.subscription, ctx.services.clock.now()) };
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => SubscriptionType, { description: 'Platform admins: cancel any organization’s subscription.' })
  async adminCancelSubscription(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('atPeriodEnd', () => Boolean, { defaultValue: true }) atPeriodEnd: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SubscriptionType> {
    return SubscriptionType.from(await ctx.services.planChanges.cancel(organizationId, { atPeriodEnd, actor: actorOf(ctx) }), ctx.services.clock.now());
  }
}

import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { CreditConsumptionOrder } from './catalog.enums';
import { CreditEventType, CreditProductType, FeatureType } from './catalog.type';
import { PlanType } from './plan.type';

/** The catalog as customers see it (any signed-in user or API key), plus the platform admins' full lists. */
@Resolver()
export class CatalogResolver {
  @Authorized()
  @Query(() => [PlanType], { description: 'The pricing table: public, non-archived plans in order, with the terms new subscribers get.' })
  async plans(@Ctx() ctx: GraphQLContext): Promise<PlanType[]> {
    return (await ctx.services.catalog.publicPlans()).map(PlanType.from);
  }

  @Authorized()
  @Query(() => [CreditEventType], { description: 'What costs credits (active events only).' })
  async creditEvents(@Ctx() ctx: GraphQLContext): Promise<CreditEventType[]> {
    return (await ctx.services.catalog.listCreditEvents()).map(CreditEventType.from);
  }

  @Authorized()
  @Query(() => [CreditProductType], { description: 'Credit packs on sale, smallest first.' })
  async creditProducts(@Ctx() ctx: GraphQLContext): Promise<CreditProductType[]> {
    return (await ctx.services.catalog.listCreditProducts()).map(CreditProductType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => [FeatureType], { description: 'Platform admins: every feature, archived included.' })
  async platformFeatures(@Ctx() ctx: GraphQLContext): Promise<FeatureType[]> {
    return (await ctx.services.catalog.listFeatures({ includeArchived: true })).map(FeatureType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => [CreditEventType], { description: 'Platform admins: every credit event, inactive included.' })
  async platformCreditEvents(@Ctx() ctx: GraphQLContext): Promise<CreditEventType[]> {
    return (await ctx.services.catalog.listCreditEvents({ includeInactive: true })).map(CreditEventType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => [CreditProductType], { description: 'Platform admins: every credit product, archived included.' })
  async platformCreditProducts(@Ctx() ctx: GraphQLContext): Promise<CreditProductType[]> {
    return (await ctx.services.catalog.listCreditProducts({ includeArchived: true })).map(CreditProductType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => CreditConsumptionOrder, { description: 'Platform admins: which credits consumptions draw first.' })
  creditConsumptionOrder(@Ctx() ctx: GraphQLContext): Promise<CreditConsumptionOrder> {
    return ctx.services.catalog.consumptionOrder();
  }
}

import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { CreditConsumptionOrder } from './catalog.enums';
import {
  CreateCreditEventInput,
  CreateCreditProductInput,
  CreateFeatureInput,
  UpdateCreditEventInput,
  UpdateCreditProductInput,
  UpdateFeatureInput,
} from './catalog.input';
import { CreditEventType, CreditProductType, FeatureType } from './catalog.type';

/** Platform admins' editing of features, credit events, credit products and the consumption order. */
@Resolver()
export class CatalogAdminResolver {
  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureType)
  async createFeature(@Arg('input', () => CreateFeatureInput) input: CreateFeatureInput, @Ctx() ctx: GraphQLContext): Promise<FeatureType> {
    return FeatureType.from(await ctx.services.catalogAdmin.createFeature(actorOf(ctx), input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureType)
  async updateFeature(
    @Arg('key', () => String) key: string,
    @Arg('input', () => UpdateFeatureInput) input: UpdateFeatureInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FeatureType> {
    return FeatureType.from(await ctx.services.catalogAdmin.updateFeature(actorOf(ctx), key, input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureType, { description: 'Archived features cannot be added to plans; plans that grant one keep it.' })
  async archiveFeature(@Arg('key', () => String) key: string, @Ctx() ctx: GraphQLContext): Promise<FeatureType> {
    return FeatureType.from(await ctx.services.catalogAdmin.setFeatureArchived(actorOf(ctx), key, true));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => FeatureType)
  async unarchiveFeature(@Arg('key', () => String) key: string, @Ctx() ctx: GraphQLContext): Promise<FeatureType> {
    return FeatureType.from(await ctx.services.catalogAdmin.setFeatureArchived(actorOf(ctx), key, false));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditEventType)
  async createCreditEvent(@Arg('input', () => CreateCreditEventInput) input: CreateCreditEventInput, @Ctx() ctx: GraphQLContext): Promise<CreditEventType> {
    return CreditEventType.from(await ctx.services.catalogAdmin.createCreditEvent(actorOf(ctx), input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditEventType, { description: 'A new cost applies to consumptions from now on. active: false stops consumptions of it.' })
  async updateCreditEvent(
    @Arg('creditEventId', () => ID) creditEventId: string,
    @Arg('input', () => UpdateCreditEventInput) input: UpdateCreditEventInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditEventType> {
    return CreditEventType.from(await ctx.services.catalogAdmin.updateCreditEvent(actorOf(ctx), creditEventId, input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditProductType)
  async createCreditProduct(@Arg('input', () => CreateCreditProductInput) input: CreateCreditProductInput, @Ctx() ctx: GraphQLContext): Promise<CreditProductType> {
    return CreditProductType.from(await ctx.services.catalogAdmin.createCreditProduct(actorOf(ctx), input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditProductType)
  async updateCreditProduct(
    @Arg('creditProductId', () => ID) creditProductId: string,
    @Arg('input', () => UpdateCreditProductInput) input: UpdateCreditProductInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditProductType> {
    return CreditProductType.from(await ctx.services.catalogAdmin.updateCreditProduct(actorOf(ctx), creditProductId, input));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditProductType, { description: 'No longer sold; purchases already made are unaffected.' })
  async archiveCreditProduct(@Arg('creditProductId', () => ID) creditProductId: string, @Ctx() ctx: GraphQLContext): Promise<CreditProductType> {
    return CreditProductType.from(await ctx.services.catalogAdmin.setCreditProductArchived(actorOf(ctx), creditProductId, true));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditProductType)
  async unarchiveCreditProduct(@Arg('creditProductId', () => ID) creditProductId: string, @Ctx() ctx: GraphQLContext): Promise<CreditProductType> {
    return CreditProductType.from(await ctx.services.catalogAdmin.setCreditProductArchived(actorOf(ctx), creditProductId, false));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditConsumptionOrder, { description: 'Which credits consumptions draw first, platform-wide.' })
  setCreditConsumptionOrder(
    @Arg('order', () => CreditConsumptionOrder) order: CreditConsumptionOrder,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditConsumptionOrder> {
    return ctx.services.catalogAdmin.setConsumptionOrder(actorOf(ctx), order);
  }
}

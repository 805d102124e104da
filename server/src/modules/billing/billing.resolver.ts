import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, adminActs } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { CreateCheckoutSessionInput, PurchaseCreditsInput } from './billing.input';
import { BillingRedirectType, StripeCatalogSyncResultType } from './billing.type';

/** Paying through Stripe. Plan changes, cancel and resume stay on the subscription mutations (they reach Stripe too). */
@Resolver()
export class BillingResolver {
  @Authorized(adminActs())
  @Mutation(() => BillingRedirectType, { description: 'OWNER/ADMIN: Stripe Checkout for a paid plan (trial days from the plan). Refused for the free plan, custom prices and organizations already paying through Stripe.' })
  async createCheckoutSession(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => CreateCheckoutSessionInput) input: CreateCheckoutSessionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingRedirectType> {
    return BillingRedirectType.from(await ctx.services.billing.createCheckoutSession(organizationId, { ...input, actor: actorOf(ctx) }));
  }

  @Authorized(adminActs())
  @Mutation(() => BillingRedirectType, { description: 'OWNER/ADMIN: Stripe Checkout for a credit pack; the credits arrive once the payment completes.' })
  async purchaseCredits(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => PurchaseCreditsInput) input: PurchaseCreditsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingRedirectType> {
    return BillingRedirectType.from(await ctx.services.billing.purchaseCredits(organizationId, { productKey: input.productKey, actor: actorOf(ctx) }));
  }

  @Authorized(adminActs())
  @Mutation(() => BillingRedirectType, { description: 'OWNER/ADMIN: Stripe’s customer portal (payment methods, invoices).' })
  async createPortalSession(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<BillingRedirectType> {
    return BillingRedirectType.from(await ctx.services.billing.createPortalSession(organizationId, actorOf(ctx)));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => StripeCatalogSyncResultType, { description: 'Platform admins: create or update Stripe products, prices and meters from the catalog (idempotent).' })
  async syncCatalogToStripe(@Ctx() ctx: GraphQLContext): Promise<StripeCatalogSyncResultType> {
    return StripeCatalogSyncResultType.from(await ctx.services.stripeCatalogSync.sync(actorOf(ctx)));
  }
}

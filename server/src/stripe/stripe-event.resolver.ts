import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../graphql/access';
import { actorOf } from '../graphql/actor';
import type { GraphQLContext } from '../graphql/context';
import { PageArgs, toConnection } from '../shared/connection.type';
import { StripeEventFilterInput } from './stripe-event.input';
import { StripeEventConnection, StripeEventType } from './stripe-event.type';

@Resolver()
export class StripeEventResolver {
  @Authorized(PLATFORM_ADMIN)
  @Query(() => StripeEventConnection, { description: 'Platform admins: the Stripe webhook log, newest first.' })
  async adminStripeEvents(
    @Arg('filter', () => StripeEventFilterInput, { nullable: true }) filter: StripeEventFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StripeEventConnection> {
    return toConnection(await ctx.services.stripeWebhooks.list(filter ?? {}, page), StripeEventType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => StripeEventType, { description: 'Platform admins: apply one stored Stripe event again (its effects are idempotent). Audited.' })
  async replayStripeEvent(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StripeEventType> {
    return StripeEventType.from(await ctx.services.stripeWebhooks.replay(id, actorOf(ctx)));
  }
}

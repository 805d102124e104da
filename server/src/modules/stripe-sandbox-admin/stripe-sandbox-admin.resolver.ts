import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { AdvanceStripeSandboxClockArgs } from './stripe-sandbox-admin.input';
import { StripeMode, StripeSandboxClockType } from './stripe-sandbox-admin.type';

@Resolver()
export class StripeSandboxAdminResolver {
  @Authorized()
  @Query(() => StripeMode, { description: 'LIVE with STRIPE_SECRET_KEY set; SANDBOX when the built-in offline sandbox stands in (test cards, no real money).' })
  stripeMode(@Ctx() ctx: GraphQLContext): StripeMode {
    return ctx.services.stripeSandboxAdmin.mode();
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => StripeSandboxClockType, { nullable: true, description: 'Platform admins: the Stripe sandbox’s time; null with real Stripe.' })
  async stripeSandboxClock(@Ctx() ctx: GraphQLContext): Promise<StripeSandboxClockType | null> {
    const clock = await ctx.services.stripeSandboxAdmin.clock();
    return clock && StripeSandboxClockType.from(clock);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => StripeSandboxClockType, {
    description: 'Platform admins, sandbox mode only (SANDBOX_ONLY with real Stripe): move the sandbox clock forward; renewals, failed-payment retries and trial ends due on the way happen and send their webhooks. Audited.',
  })
  async advanceStripeSandboxClock(@Args(() => AdvanceStripeSandboxClockArgs) args: AdvanceStripeSandboxClockArgs, @Ctx() ctx: GraphQLContext): Promise<StripeSandboxClockType> {
    return StripeSandboxClockType.from(await ctx.services.stripeSandboxAdmin.advanceClock({ days: args.days, hours: args.hours }, actorOf(ctx)));
  }
}

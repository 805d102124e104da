import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, adminActs, memberReads, tenantAccess } from '../../graphql/access';
import { organizationIdOf } from '../../graphql/auth-checker';
import { actorOf } from '../../graphql/actor';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { ApiKeyScope } from '../api-keys/api-key-scope';
import { MembershipRole } from '../organizations/membership-role';
import { AdjustCreditsInput, ConsumeCreditsInput, CreditTransactionFilterInput, LowBalanceThresholdInput } from './credit.input';
import { CreditAlertConnection, CreditAlertType, CreditBalanceType, CreditConsumptionType, CreditTransactionConnection, CreditTransactionType } from './credit.type';

@Resolver()
export class CreditsResolver {
  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => CreditBalanceType, { description: 'MEMBER, or an API key with ENTITLEMENTS_READ (its own organization; the id may be omitted).' })
  async creditBalance(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditBalanceType> {
    return CreditBalanceType.from(await ctx.services.creditLedger.balance(organizationIdOf(ctx, organizationId)));
  }

  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => CreditAlertConnection, { description: 'Times the balance fell below the low-balance threshold (one per crossing), oldest first.' })
  async creditAlerts(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditAlertConnection> {
    return toConnection(await ctx.services.creditLedger.alerts(organizationIdOf(ctx, organizationId), page), CreditAlertType.from);
  }

  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => CreditTransactionConnection, { description: 'The credit ledger, newest first. MEMBER, or an API key with ENTITLEMENTS_READ.' })
  async creditTransactions(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('filter', () => CreditTransactionFilterInput, { nullable: true }) filter: CreditTransactionFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditTransactionConnection> {
    const entries = await ctx.services.creditLedger.transactions(organizationIdOf(ctx, organizationId), filter ?? {}, page);
    return toConnection(entries, CreditTransactionType.from);
  }

  @Authorized(tenantAccess({ role: MembershipRole.ADMIN, apiKeyScope: ApiKeyScope.USAGE_WRITE }))
  @Mutation(() => CreditConsumptionType, {
    description: 'API key with USAGE_WRITE, or OWNER/ADMIN. Charges the event\'s credit cost × quantity, or fails with INSUFFICIENT_CREDITS having charged nothing.',
  })
  async consumeCredits(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('input', () => ConsumeCreditsInput) input: ConsumeCreditsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditConsumptionType> {
    const outcome = await ctx.services.creditLedger.consumeCredits({
      organizationId: organizationIdOf(ctx, organizationId),
      eventKey: input.eventKey,
      quantity: input.quantity,
      idempotencyKey: input.idempotencyKey,
      metadata: input.metadata,
      actor: actorOf(ctx),
    });
    return CreditConsumptionType.from(outcome);
  }

  @Authorized(adminActs())
  @Mutation(() => CreditBalanceType, { description: 'OWNER/ADMIN. A low-balance alert is recorded each time the total falls below it.' })
  async setLowBalanceThreshold(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => LowBalanceThresholdInput) input: LowBalanceThresholdInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditBalanceType> {
    return CreditBalanceType.from(await ctx.services.creditLedger.setLowBalanceThreshold(organizationIdOf(ctx, organizationId), input.threshold, actorOf(ctx)));
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreditTransactionType, { description: 'Platform admins: grant (amount > 0) or deduct purchased credits, with a reason; a retry with the same idempotency key moves nothing.' })
  async adminAdjustCredits(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => AdjustCreditsInput) input: AdjustCreditsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditTransactionType> {
    const { transaction } = await ctx.services.creditLedger.adjustCredits({
      organizationId: organizationId.toLowerCase(),
      amount: input.amount,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
      actor: actorOf(ctx),
    });
    return CreditTransactionType.from(transaction);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => CreditBalanceType, { description: "Platform admins: any organization's credit balance." })
  async adminCreditBalance(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<CreditBalanceType> {
    return CreditBalanceType.from(await ctx.services.creditLedger.balance(organizationId.toLowerCase()));
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => CreditTransactionConnection, { description: "Platform admins: any organization's credit ledger, newest first." })
  async adminCreditTransactions(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('filter', () => CreditTransactionFilterInput, { nullable: true }) filter: CreditTransactionFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreditTransactionConnection> {
    return toConnection(await ctx.services.creditLedger.transactions(organizationId.toLowerCase(), filter ?? {}, page), CreditTransactionType.from);
  }
}

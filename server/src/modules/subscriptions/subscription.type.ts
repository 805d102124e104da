import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BillingInterval } from '../catalog/catalog.enums';
import type { ChangePlanOutcome, CurrentSubscription } from './subscription.service';
import { SubscriptionStatus } from './subscription-status';

export enum PlanChangeOutcome {
  UPGRADED = 'upgraded',
  DOWNGRADED = 'downgraded',
  DOWNGRADE_SCHEDULED = 'downgrade_scheduled',
}
registerEnumType(PlanChangeOutcome, {
  name: 'PlanChangeOutcome',
  description: 'Upgrades apply now; downgrades wait for the period end unless a platform admin forces them.',
});

@ObjectType('ScheduledPlanChange', { description: 'A downgrade that takes effect at `effectiveAt` and can be undone until then.' })
export class ScheduledPlanChangeType {
  @Field(() => String) planKey: string;
  @Field(() => String) planName: string;
  @Field(() => BillingInterval) billingInterval: BillingInterval;
  @Field(() => Date) effectiveAt: Date;
}

@ObjectType('Subscription', { description: 'The organization’s current subscription.' })
export class SubscriptionType {
  @Field(() => ID) id: string;
  @Field(() => SubscriptionStatus) status: SubscriptionStatus;
  @Field(() => String) planKey: string;
  @Field(() => String) planName: string;
  @Field(() => Int, { description: 'The plan version whose terms this subscription has (kept until the plan changes).' })
  planVersion: number;
  @Field(() => BillingInterval) billingInterval: BillingInterval;
  @Field(() => Date) currentPeriodStart: Date;
  @Field(() => Date) currentPeriodEnd: Date;
  @Field(() => Date, { nullable: true }) trialEnd: Date | null;
  @Field(() => Int, { nullable: true, description: 'Whole days left in the trial (rounded up); null when not trialing.' })
  trialDaysLeft: number | null;
  @Field(() => Boolean) cancelAtPeriodEnd: boolean;
  @Field(() => Date, { nullable: true }) canceledAt: Date | null;
  @Field(() => ScheduledPlanChangeType, { nullable: true }) scheduledChange: ScheduledPlanChangeType | null;
  @Field(() => Boolean, {
    description: 'Paid through a Stripe subscription: plan changes go to Stripe (upgrades now, prorated). Otherwise a paid plan starts through Checkout.',
  })
  billedThroughStripe: boolean;

  static from(current: CurrentSubscription, now: Date): SubscriptionType {
    const { subscription, plan, version, scheduled } = current;
    const trialing = subscription.status === SubscriptionStatus.TRIALING && subscription.trialEnd;
    return Object.assign(new SubscriptionType(), {
      id: subscription.id,
      status: subscription.status,
      planKey: plan.key,
      planName: plan.name,
      planVersion: version.version,
      billingInterval: subscription.billingInterval,
      currentPeriodStart: subscription.currentPeriodStart,
      currentPeriodEnd: subscription.currentPeriodEnd,
      trialEnd: subscription.trialEnd,
      trialDaysLeft: trialing ? Math.max(0, Math.ceil((subscription.trialEnd!.getTime() - now.getTime()) / 86_400_000)) : null,
      cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
      canceledAt: subscription.canceledAt,
      billedThroughStripe: subscription.stripeSubscriptionId !== null,
      scheduledChange: scheduled
        ? { planKey: scheduled.plan.key, planName: scheduled.plan.name, billingInterval: scheduled.interval, effectiveAt: scheduled.at }
        : null,
    });
  }
}

@ObjectType('PlanChangeResult')
export class PlanChangeResultType {
  @Field(() => PlanChangeOutcome) outcome: ChangePlanOutcome;
  @Field(() => SubscriptionType) subscription: SubscriptionType;
}

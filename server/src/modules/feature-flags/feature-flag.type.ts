import { Field, Int, ObjectType } from 'type-graphql';
import type { FeatureFlagEntity } from './feature-flag.entity';

@ObjectType('FeatureFlag', { description: 'A platform-wide switch, on for rolloutPercentage of organizations unless overridden.' })
export class FeatureFlagType {
  @Field(() => String) key: string;
  @Field(() => String) description: string;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => Int, { description: 'Share of organizations (0–100, stable per organization) the flag is on for when enabled.' })
  rolloutPercentage: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;

  static from(flag: FeatureFlagEntity): FeatureFlagType {
    return Object.assign(new FeatureFlagType(), {
      key: flag.key,
      description: flag.description,
      enabled: flag.enabled,
      rolloutPercentage: flag.rolloutPercentage,
      createdAt: flag.createdAt,
      updatedAt: flag.updatedAt,
    });
  }
}

@ObjectType('OrganizationFeatureFlag', { description: 'A flag’s answer for one organization.' })
export class OrganizationFeatureFlagType {
  @Field(() => String) key: string;
  @Field(() => Boolean) enabled: boolean;
}

@ObjectType('FeatureFlagOverride')
export class FeatureFlagOverrideType {
  @Field(() => String) flagKey: string;
  @Field(() => String) organizationId: string;
  @Field(() => Boolean, { nullable: true, description: 'Null: no override; the organization follows the rollout.' })
  enabled: boolean | null;
}

import { IsDate, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AuditActorKind } from './audit.type';

@InputType({ description: 'All given conditions must hold.' })
export class AuditFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_.]+$/, { message: 'action must look like subscription.upgraded' })
  action?: string;

  @Field(() => AuditActorKind, { nullable: true })
  @IsOptional()
  @IsEnum(AuditActorKind)
  actorType?: AuditActorKind;

  @Field(() => Date, { nullable: true, description: 'From this time (inclusive).' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@InputType()
export class AdminAuditFilterInput extends AuditFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

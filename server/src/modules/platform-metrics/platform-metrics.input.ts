import { IsDate, IsEnum, IsInt, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { CURRENCY } from '../catalog/catalog-rules';

/** What the admin organization list can be ordered by; every order ends on the organization id, so pages never skip or repeat. */
export enum OrganizationOverviewSortField {
  NAME = 'name',
  CREATED_AT = 'created_at',
  MRR = 'mrr',
  CREDIT_BALANCE = 'credit_balance',
  USAGE = 'usage',
}
registerEnumType(OrganizationOverviewSortField, {
  name: 'AdminOrganizationSortField',
  description: 'NAME ignores case; USAGE is highestUsagePercent, organizations without a limited metered feature counting as lowest.',
});

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/** A bucket of the revenue series: UTC day, ISO week (from Monday) or calendar month. */
export enum MetricsGranularity {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(MetricsGranularity, { name: 'MetricsGranularity', description: 'UTC day, ISO week (starting Monday 00:00 UTC) or calendar month.' });

@InputType('AdminOrganizationSortInput')
export class OrganizationOverviewSortInput {
  @Field(() => OrganizationOverviewSortField)
  @IsEnum(OrganizationOverviewSortField)
  field: OrganizationOverviewSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

export const DEFAULT_OVERVIEW_SORT: OrganizationOverviewSortInput = Object.assign(new OrganizationOverviewSortInput(), {
  field: OrganizationOverviewSortField.CREATED_AT,
  direction: SortDirection.DESC,
});

/** At most 100 rows of an attention list. */
@ArgsType()
export class AttentionListArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;
}

@ArgsType()
export class RevenueMetricsArgs {
  @Field(() => Date, { description: 'Start of the range (inclusive).' })
  @IsDate()
  from: Date;

  @Field(() => Date, { description: 'End of the range (exclusive): after `from`, and at most 2 years after it.' })
  @IsDate()
  to: Date;

  @Field(() => MetricsGranularity, { defaultValue: MetricsGranularity.MONTH })
  @IsEnum(MetricsGranularity)
  granularity: MetricsGranularity = MetricsGranularity.MONTH;

  @Field(() => String, { defaultValue: 'usd', description: 'Plans may be priced in any currency: only subscriptions and invoices in this one count.' })
  @Matches(CURRENCY, { message: 'currency must be a lower-case ISO 4217 code, e.g. "usd"' })
  currency: string = 'usd';
}

import { IsInt, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** How far to move the sandbox clock; a renewal a year out is 366 days. */
@ArgsType()
export class AdvanceStripeSandboxClockArgs {
  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(3660)
  days: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(24 * 366)
  hours: number = 0;
}

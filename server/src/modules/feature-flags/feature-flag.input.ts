import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { FLAG_KEY } from './feature-flag.service';

@InputType({ description: 'Creates the flag, or changes the given fields (omitted fields stay as they are).' })
export class UpsertFeatureFlagInput {
  @Field(() => String)
  @Matches(FLAG_KEY, { message: 'key must be lower-case letters, digits, "_", "-" or "." (starting with a letter)' })
  key: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Default for a new flag: false.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: '0–100. Default for a new flag: 100.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  rolloutPercentage?: number | null;
}

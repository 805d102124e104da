import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, type Page } from './pagination';

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}

/** A cursor-paginated list: `nodes` plus where to continue. */
export function Connection<T extends object>(Item: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Item])
    nodes: T[];

    @Field(() => PageInfoType)
    pageInfo: PageInfoType;
  }
  return ConnectionClass;
}

export function toConnection<E, T>(page: Page<E>, map: (item: E) => T): { nodes: T[]; pageInfo: PageInfoType } {
  return { nodes: page.items.map(map), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string | null;
}

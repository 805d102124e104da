import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { OrganizationConnection, OrganizationType } from '../organizations/organization.type';

/** Platform-wide views. Every field here is for platform admins only. */
@Resolver()
export class PlatformAdminResolver {
  @Authorized(PLATFORM_ADMIN)
  @Query(() => OrganizationConnection, { description: 'Platform admins: every organization, optionally filtered by name or slug.' })
  async platformOrganizations(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationConnection> {
    return toConnection(await ctx.services.organizations.listAll(search ?? undefined, page), OrganizationType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => OrganizationType, { description: 'Platform admins: any one organization (NOT_FOUND when there is none with this id).' })
  async adminOrganization(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<OrganizationType> {
    return OrganizationType.from(await ctx.services.organizations.get(organizationId));
  }
}

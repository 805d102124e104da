import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, memberReads } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { AdminAuditFilterInput, AuditFilterInput } from './audit.input';
import { AuditEntryConnection, AuditEntryType } from './audit.type';

@Resolver()
export class AuditResolver {
  @Authorized(memberReads())
  @Query(() => AuditEntryConnection, { description: 'The organization’s own audit trail, newest first.' })
  async auditLog(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter: AuditFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEntryConnection> {
    return toConnection(await ctx.services.audit.forOrganization(organizationId, filter ?? {}, page), AuditEntryType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => AuditEntryConnection, { description: 'Platform admins: every audit entry, newest first.' })
  async adminAuditLog(
    @Arg('filter', () => AdminAuditFilterInput, { nullable: true }) filter: AdminAuditFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEntryConnection> {
    return toConnection(await ctx.services.audit.forPlatform(filter ?? {}, page), AuditEntryType.from);
  }
}

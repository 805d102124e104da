import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { adminActs, memberReads } from '../../graphql/access';
import { organizationIdOf } from '../../graphql/auth-checker';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { ApiKeyScope } from '../api-keys/api-key-scope';
import { apiKeyErrors } from '../api-keys/api-keys.errors';
import { UserType } from '../identity/user.type';
import { MembershipRole } from './membership-role';
import { AddOrganizationMemberInput, CreateOrganizationInput } from './organization.input';
import { OrganizationMemberConnection, OrganizationMemberType, OrganizationType } from './organization.type';

@Resolver()
export class OrganizationResolver {
  @Authorized(memberReads(ApiKeyScope.ENTITLEMENTS_READ))
  @Query(() => OrganizationType, { description: 'One organization the caller belongs to (API keys: their own; the id may be omitted).' })
  async organization(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationType> {
    return OrganizationType.from(await ctx.services.organizations.get(organizationIdOf(ctx, organizationId)));
  }

  @Authorized(memberReads())
  @Query(() => OrganizationMemberConnection)
  async organizationMembers(
    @Arg('organizationId', () => ID) organizationId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationMemberConnection> {
    const members = await ctx.services.organizations.members(organizationId, page);
    return toConnection(members, (m) => Object.assign(new OrganizationMemberType(), { user: UserType.from(m.user), role: m.role, joinedAt: m.joinedAt }));
  }

  @Authorized()
  @Mutation(() => OrganizationType, { description: 'Creates another organization owned by the signed-in user.' })
  async createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<OrganizationType> {
    if (ctx.viewer.kind !== 'user') throw apiKeyErrors.sessionOnly();
    return OrganizationType.from(await ctx.services.organizations.createForUser(input.name, ctx.viewer.user.id));
  }

  @Authorized(adminActs())
  @Mutation(() => OrganizationMemberType, { description: 'Adds an existing user to the organization (OWNER/ADMIN).' })
  async addOrganizationMember(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => AddOrganizationMemberInput) input: AddOrganizationMemberInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrganizationMemberType> {
    const actorRole = ctx.roleCache.get(organizationIdOf(ctx, organizationId)) ?? MembershipRole.MEMBER;
    const member = await ctx.services.organizations.addMember(organizationId, input.email, input.role, actorRole);
    return Object.assign(new OrganizationMemberType(), { user: UserType.from(member.user), role: member.role, joinedAt: member.joinedAt });
  }
}

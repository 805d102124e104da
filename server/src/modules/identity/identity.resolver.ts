import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { clearSessionCookie, setSessionCookie } from '../../graphql/session-cookie';
import { OrganizationType } from '../organizations/organization.type';
import { apiKeyErrors } from '../api-keys/api-keys.errors';
import { LogInInput, SignUpInput } from './identity.input';
import { AuthPayloadType, MeType } from './identity.type';
import { UserType } from './user.type';
import type { SignedIn } from './identity.service';

@Resolver()
export class IdentityResolver {
  @Mutation(() => AuthPayloadType, { description: 'Creates a user and their first organization, and signs them in.' })
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayloadType> {
    return this.startSession(ctx, await ctx.services.identity.signUp(input));
  }

  @Mutation(() => AuthPayloadType)
  async logIn(@Arg('input', () => LogInInput) input: LogInInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayloadType> {
    return this.startSession(ctx, await ctx.services.identity.logIn(input.email, input.password, ctx.req.ip ?? 'unknown'));
  }

  @Mutation(() => Boolean, { description: 'Ends the current console session. True even when there was none.' })
  async logOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (ctx.viewer.kind === 'user') await ctx.services.identity.logOut(ctx.viewer.sessionToken);
    clearSessionCookie(ctx.res);
    return true;
  }

  @Authorized()
  @Query(() => MeType, { description: 'The signed-in console user and their organizations.' })
  async me(@Ctx() ctx: GraphQLContext): Promise<MeType> {
    if (ctx.viewer.kind !== 'user') throw apiKeyErrors.sessionOnly();
    const memberships = await ctx.services.organizations.membershipsOf(ctx.viewer.user.id);
    return {
      user: UserType.from(ctx.viewer.user),
      memberships: memberships.map((m) => ({ organization: OrganizationType.from(m.organization), role: m.role, joinedAt: m.joinedAt })),
    };
  }

  private startSession(ctx: GraphQLContext, signedIn: SignedIn): AuthPayloadType {
    setSessionCookie(ctx.req, ctx.res, signedIn.sessionToken, signedIn.expiresAt, { secure: ctx.services.config.session.cookieSecure });
    return { user: UserType.from(signedIn.user), sessionExpiresAt: signedIn.expiresAt };
  }
}

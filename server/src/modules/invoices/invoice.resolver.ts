import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PLATFORM_ADMIN, memberReads } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { PageArgs, toConnection } from '../../shared/connection.type';
import { InvoiceConnection, InvoiceType } from './invoice.type';

@Resolver()
export class InvoiceResolver {
  @Authorized(memberReads())
  @Query(() => InvoiceConnection, { description: 'The organization’s billing history (Stripe invoices), newest first.' })
  async invoices(@Arg('organizationId', () => ID) organizationId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<InvoiceConnection> {
    return toConnection(await ctx.services.invoices.forOrganization(organizationId, page), InvoiceType.from);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => InvoiceConnection, { description: 'Platform admins: any organization’s invoices, newest first.' })
  async adminInvoices(@Arg('organizationId', () => ID) organizationId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<InvoiceConnection> {
    return toConnection(await ctx.services.invoices.forPlatform(organizationId, page), InvoiceType.from);
  }
}

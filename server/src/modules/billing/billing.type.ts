import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { HostedPage } from './billing.service';
import type { CatalogSyncItem, StripeObjectKind } from './stripe-catalog-sync.service';

@ObjectType('BillingRedirect', { description: 'A Stripe-hosted page (Checkout or the customer portal) to send the person to.' })
export class BillingRedirectType {
  @Field(() => String) url: string;
  @Field(() => String, { description: 'Stripe’s id of the session (cs_… or bps_…).' }) stripeSessionId: string;

  static from(page: HostedPage): BillingRedirectType {
    return Object.assign(new BillingRedirectType(), { url: page.url, stripeSessionId: page.sessionId });
  }
}

export enum StripeCatalogObjectKind {
  PRODUCT = 'product',
  PRICE = 'price',
  METER = 'meter',
}
registerEnumType(StripeCatalogObjectKind, { name: 'StripeCatalogObjectKind' });

@ObjectType('StripeCatalogItem')
export class StripeCatalogItemType {
  @Field(() => StripeCatalogObjectKind) kind: StripeObjectKind;
  @Field(() => String, { description: 'What it is in Tollgate, e.g. "plan:pro", "plan:pro:v1:month", "credits:credits_1000", "meter:api_calls".' })
  key: string;
  @Field(() => String) stripeId: string;
}

@ObjectType('StripeCatalogSyncResult', { description: 'What a catalog sync did in Stripe; a second run reports everything unchanged.' })
export class StripeCatalogSyncResultType {
  @Field(() => [StripeCatalogItemType]) created: StripeCatalogItemType[];
  @Field(() => [StripeCatalogItemType]) updated: StripeCatalogItemType[];
  @Field(() => [StripeCatalogItemType]) unchanged: StripeCatalogItemType[];
  @Field(() => Int) changedCount: number;

  static from(items: CatalogSyncItem[]): StripeCatalogSyncResultType {
    const of = (result: CatalogSyncItem['result']) =>
      items.filter((i) => i.result === result).map((i) => Object.assign(new StripeCatalogItemType(), { kind: i.kind, key: i.key, stripeId: i.stripeId }));
    const created = of('created');
    const updated = of('updated');
    return Object.assign(new StripeCatalogSyncResultType(), { created, updated, unchanged: of('unchanged'), changedCount: created.length + updated.length });
  }
}

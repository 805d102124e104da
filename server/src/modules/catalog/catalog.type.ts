import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyType } from '../../shared/money.type';
import { FeatureKind } from './catalog.enums';
import type { CreditEventEntity } from './credit-event.entity';
import type { CreditProductEntity } from './credit-product.entity';
import type { FeatureEntity } from './feature.entity';

@ObjectType('Feature', { description: 'Something a plan can grant: a boolean feature or a metered quantity.' })
export class FeatureType {
  @Field(() => String)
  key: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => FeatureKind)
  kind: FeatureKind;

  @Field(() => String, { nullable: true, description: 'What a metered quantity counts, e.g. "messages", "GB".' })
  unit: string | null;

  @Field(() => Date, { nullable: true, description: 'Archived features cannot be granted by new plan versions.' })
  archivedAt: Date | null;

  static from(feature: FeatureEntity): FeatureType {
    return Object.assign(new FeatureType(), {
      key: feature.key,
      name: feature.name,
      description: feature.description,
      kind: feature.kind,
      unit: feature.unit,
      archivedAt: feature.archivedAt,
    });
  }
}

@ObjectType('CreditEvent', { description: 'Something that costs credits each time it happens.' })
export class CreditEventType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  category: string;

  @Field(() => Int)
  creditCost: number;

  @Field(() => Boolean, { description: 'Inactive events cannot be consumed.' })
  active: boolean;

  static from(event: CreditEventEntity): CreditEventType {
    return Object.assign(new CreditEventType(), {
      id: event.id,
      key: event.key,
      name: event.name,
      description: event.description,
      category: event.category,
      creditCost: event.creditCost,
      active: event.active,
    });
  }
}

@ObjectType('CreditProduct', { description: 'A one-time pack of purchased credits (they never expire).' })
export class CreditProductType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => Int)
  credits: number;

  @Field(() => MoneyType)
  price: MoneyType;

  @Field(() => Date, { nullable: true, description: 'Archived products are no longer sold.' })
  archivedAt: Date | null;

  static from(product: CreditProductEntity): CreditProductType {
    return Object.assign(new CreditProductType(), {
      id: product.id,
      key: product.key,
      name: product.name,
      description: product.description,
      credits: product.credits,
      price: MoneyType.of(product.priceMinor, product.currency),
      archivedAt: product.archivedAt,
    });
  }
}

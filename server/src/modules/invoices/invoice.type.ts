import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../shared/connection.type';
import { MoneyType } from '../../shared/money.type';
import type { InvoiceEntity } from './invoice.entity';

export enum InvoiceStatus {
  DRAFT = 'draft',
  OPEN = 'open',
  PAID = 'paid',
  UNCOLLECTIBLE = 'uncollectible',
  VOID = 'void',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'Stripe’s invoice status.' });

@ObjectType('Invoice', { description: 'One invoice of the organization’s billing history, as Stripe reported it.' })
export class InvoiceType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Stripe’s invoice id (in_…).' }) stripeInvoiceId: string;
  @Field(() => String, { nullable: true, description: 'Null until Stripe finalizes the invoice.' }) number: string | null;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
  @Field(() => String, { nullable: true, description: 'e.g. subscription_create, subscription_cycle, manual.' }) billingReason: string | null;
  @Field(() => MoneyType) amountDue: MoneyType;
  @Field(() => MoneyType) amountPaid: MoneyType;
  @Field(() => MoneyType) amountRemaining: MoneyType;
  @Field(() => String, { nullable: true, description: 'Stripe’s page to view and pay the invoice.' }) hostedInvoiceUrl: string | null;
  @Field(() => String, { nullable: true, description: 'The invoice as a PDF.' }) invoicePdf: string | null;
  @Field(() => Date, { nullable: true }) periodStart: Date | null;
  @Field(() => Date, { nullable: true }) periodEnd: Date | null;
  @Field(() => Date, { description: 'When Stripe created the invoice.' }) createdAt: Date;

  static from(invoice: InvoiceEntity): InvoiceType {
    return Object.assign(new InvoiceType(), {
      id: invoice.id,
      stripeInvoiceId: invoice.stripeInvoiceId,
      number: invoice.number,
      status: invoice.status as InvoiceStatus,
      billingReason: invoice.billingReason,
      amountDue: MoneyType.of(invoice.amountDueMinor, invoice.currency),
      amountPaid: MoneyType.of(invoice.amountPaidMinor, invoice.currency),
      amountRemaining: MoneyType.of(invoice.amountRemainingMinor, invoice.currency),
      hostedInvoiceUrl: invoice.hostedInvoiceUrl,
      invoicePdf: invoice.invoicePdf,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      createdAt: invoice.stripeCreatedAt,
    });
  }
}

@ObjectType('InvoiceConnection')
export class InvoiceConnection extends Connection(InvoiceType) {}

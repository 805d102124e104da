import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { IsNull, Not } from 'typeorm';
import type { Database } from '../../db/database';
import type { StripeBillingGateway } from '../../stripe/stripe-billing.gateway';
import { idempotencyKeys as keys } from '../../stripe/stripe-idempotency-keys';
import { STRIPE_METADATA, creditProductPriceLookupKey, planPriceLookupKey } from '../../stripe/stripe-subscription-sync.port';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { BillingInterval } from '../catalog/catalog.enums';
import { CreditProductEntity } from '../catalog/credit-product.entity';
import { FeatureEntity } from '../catalog/feature.entity';
import { PlanEntitlementEntity } from '../catalog/plan-entitlement.entity';
import { PlanVersionEntity } from '../catalog/plan-version.entity';
import { PlanEntity } from '../catalog/plan.entity';
import { billedOverage } from './subscription-prices';

export type StripeObjectKind = 'product' | 'price' | 'meter';
export type SyncResult = 'created' | 'updated' | 'unchanged';

export interface CatalogSyncItem {
  kind: StripeObjectKind;
  /** What it is in Tollgate's words, e.g. "plan:pro", "plan:pro:v2:month", "overage:pro:v1:api_calls:month", "meter:api_calls". */
  key: string;
  stripeId: string;
  result: SyncResult;
}

/** Metadata keys only the catalog sync reads (the plan version and feature a price belongs to). */
const PLAN_VERSION_METADATA = 'tollgate_plan_version';
export const overagePriceLookupKey = (planKey: string, featureKey: string, interval: string) => `tollgate_overage_${planKey}_${featureKey}_${interval}`;
export const meterEventName = (featureKey: string) => `tollgate_${featureKey}`;

const INTERVALS = [BillingInterval.MONTH, BillingInterval.YEAR] as const;
const priceOf = (version: PlanVersionEntity, interval: BillingInterval) => (interval === BillingInterval.YEAR ? version.yearlyPriceMinor : version.monthlyPriceMinor);
const priceColumn = (interval: BillingInterval): 'stripeYearlyPriceId' | 'stripeMonthlyPriceId' =>
  interval === BillingInterval.YEAR ? 'stripeYearlyPriceId' : 'stripeMonthlyPriceId';
const overageColumn = (interval: BillingInterval): 'stripeOverageYearlyPriceId' | 'stripeOverageMonthlyPriceId' =>
  interval === BillingInterval.YEAR ? 'stripeOverageYearlyPriceId' : 'stripeOverageMonthlyPriceId';

/**
 * Makes Stripe's catalog match Tollgate's: a product per paid plan and per credit pack (inactive while archived), a
 * price per current plan version and interval (lookup_key planPriceLookupKey, moved to the new price when a version
 * changes the price), a billing meter per feature whose overage is billed and a metered price per plan version that
 * bills it. Stripe ids are stored as they are made, so a second run finds everything and reports it unchanged.
 */
export class StripeCatalogSyncService {
  constructor(
    private readonly database: Database,
    private readonly stripe: StripeBillingGateway,
    private readonly audit: AuditLogService,
  ) {}

  async sync(actor: Actor): Promise<CatalogSyncItem[]> {
    const items: CatalogSyncItem[] = [];
    const run = randomUUID();
    const plans = await this.database.asPlatform((m) => m.find(PlanEntity, { where: { archivedAt: IsNull() }, order: { sortOrder: 'ASC' } }));
    const meters = new Map<string, string>();
    for (const plan of plans) {
      const version = plan.currentVersionId ? await this.database.asPlatform((m) => m.findOneBy(PlanVersionEntity, { id: plan.currentVersionId! })) : null;
      const intervals = version ? INTERVALS.filter((interval) => (priceOf(version, interval) ?? 0) > 0) : [];
      if (!version || intervals.length === 0) continue; // free and custom-priced plans are not sold through Stripe
      const productId = await this.syncPlanProduct(plan, run, items);
      for (const interval of intervals) await this.syncPlanPrice(plan, version, interval, productId, items);
      const overage = billedOverage(await this.database.asPlatform((m) => m.findBy(PlanEntitlementEntity, { planVersionId: version.id })));
      for (const entitlement of overage) {
        const meterId = meters.get(entitlement.featureKey) ?? (await this.syncMeter(entitlement.featureKey, items));
        meters.set(entitlement.featureKey, meterId);
        for (const interval of intervals) await this.syncOveragePrice(plan, version, entitlement, interval, productId, meterId, items);
      }
    }
    const packs = await this.database.asPlatform((m) => m.find(CreditProductEntity, { where: { archivedAt: IsNull() }, order: { credits: 'ASC' } }));
    for (const pack of packs) await this.syncCreditPack(pack, run, items);
    // Off sale in Tollgate, off sale in Stripe too; their prices stay, so subscriptions on them renew as before.
    const archived = { archivedAt: Not(IsNull()), stripeProductId: Not(IsNull()) };
    for (const plan of await this.database.asPlatform((m) => m.find(PlanEntity, { where: archived, order: { sortOrder: 'ASC' } }))) {
      await this.deactivateProduct(`plan:${plan.key}`, plan.stripeProductId!, run, items);
    }
    for (const pack of await this.database.asPlatform((m) => m.find(CreditProductEntity, { where: archived, order: { credits: 'ASC' } }))) {
      await this.deactivateProduct(`credits:${pack.key}`, pack.stripeProductId!, run, items);
    }

    const changed = items.filter((item) => item.result !== 'unchanged');
    await this.database.asPlatform((m) =>
      this.audit.record(m, actor, {
        organizationId: null,
        action: 'billing.catalog_synced',
        targetType: 'stripe_catalog',
        after: { created: count(items, 'created'), updated: count(items, 'updated'), unchanged: count(items, 'unchanged'), changed: changed.map((i) => `${i.kind}:${i.key}`) },
      }),
    );
    return items;
  }

  private async syncPlanProduct(plan: PlanEntity, run: string, items: CatalogSyncItem[]): Promise<string> {
    const wanted = productParams(plan.name, plan.description, { [STRIPE_METADATA.planKey]: plan.key });
    const id = await this.syncProduct(`plan:${plan.key}`, plan.stripeProductId, wanted, keys.productCreate('plan', plan.key), run, items);
    if (id !== plan.stripeProductId) await this.store((m) => m.update(PlanEntity, { id: plan.id }, { stripeProductId: id }));
    return id;
  }

  private async syncPlanPrice(plan: PlanEntity, version: PlanVersionEntity, interval: BillingInterval, product: string, items: CatalogSyncItem[]): Promise<void> {
    const key = `plan:${plan.key}:v${version.version}:${interval}`;
    const stored = version[priceColumn(interval)];
    if (stored) return void items.push({ kind: 'price', key, stripeId: stored, result: 'unchanged' });
    const metadata = { [STRIPE_METADATA.planKey]: plan.key, [STRIPE_METADATA.interval]: interval, [PLAN_VERSION_METADATA]: String(version.version) };
    const price = await this.adoptOrCreatePrice(planPriceLookupKey(plan.key, interval), metadata, keys.planPriceCreate(plan.key, version.version, interval), {
      product,
      currency: version.currency,
      unit_amount: priceOf(version, interval)!,
      recurring: { interval, usage_type: 'licensed' },
    });
    await this.store((m) => m.update(PlanVersionEntity, { id: version.id }, { [priceColumn(interval)]: price.id }));
    items.push({ kind: 'price', key, stripeId: price.id, result: 'created' });
  }

  private async syncOveragePrice(
    plan: PlanEntity,
    version: PlanVersionEntity,
    entitlement: PlanEntitlementEntity,
    interval: BillingInterval,
    product: string,
    meter: string,
    items: CatalogSyncItem[],
  ): Promise<void> {
    const key = `overage:${plan.key}:v${version.version}:${entitlement.featureKey}:${interval}`;
    const stored = entitlement[overageColumn(interval)];
    if (stored) return void items.push({ kind: 'price', key, stripeId: stored, result: 'unchanged' });
    const metadata = {
      [STRIPE_METADATA.planKey]: plan.key,
      [STRIPE_METADATA.interval]: interval,
      [STRIPE_METADATA.featureKey]: entitlement.featureKey,
      [PLAN_VERSION_METADATA]: String(version.version),
    };
    const lookupKey = overagePriceLookupKey(plan.key, entitlement.featureKey, interval);
    const price = await this.adoptOrCreatePrice(lookupKey, metadata, keys.overagePriceCreate(plan.key, version.version, entitlement.featureKey, interval), {
      product,
      currency: version.currency,
      unit_amount: entitlement.overagePriceMinor!,
      recurring: { interval, usage_type: 'metered', meter },
      ...(entitlement.overagePriceUnits > 1 ? { transform_quantity: { divide_by: entitlement.overagePriceUnits, round: 'up' as const } } : {}),
    });
    await this.store((m) => m.update(PlanEntitlementEntity, { id: entitlement.id }, { [overageColumn(interval)]: price.id }));
    items.push({ kind: 'price', key, stripeId: price.id, result: 'created' });
  }

  private async syncMeter(featureKey: string, items: CatalogSyncItem[]): Promise<string> {
    const feature = await this.database.asPlatform((m) => m.findOneByOrFail(FeatureEntity, { key: featureKey }));
    const key = `meter:${featureKey}`;
    if (feature.stripeMeterId) {
      items.push({ kind: 'meter', key, stripeId: feature.stripeMeterId, result: 'unchanged' });
      return feature.stripeMeterId;
    }
    const eventName = meterEventName(featureKey);
    const existing = await this.stripe.findMeterByEventName(eventName);
    const meter =
      existing ??
      (await this.stripe.createMeter(
        {
          display_name: `${feature.name} overage`,
          event_name: eventName,
          default_aggregation: { formula: 'sum' },
          customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
          value_settings: { event_payload_key: 'value' },
        },
        keys.meterCreate(featureKey),
      ));
    await this.store((m) => m.update(FeatureEntity, { key: featureKey }, { stripeMeterId: meter.id }));
    items.push({ kind: 'meter', key, stripeId: meter.id, result: existing ? 'updated' : 'created' });
    return meter.id;
  }

  /** A credit pack's price is replaced (and the old one deactivated) when an admin changes its amount or currency. */
  private async syncCreditPack(pack: CreditProductEntity, run: string, items: CatalogSyncItem[]): Promise<void> {
    const metadata = { [STRIPE_METADATA.creditProductKey]: pack.key, [STRIPE_METADATA.credits]: String(pack.credits) };
    const wanted = productParams(pack.name, pack.description, metadata);
    const product = await this.syncProduct(`credits:${pack.key}`, pack.stripeProductId, wanted, keys.productCreate('credits', pack.key), run, items);
    if (product !== pack.stripeProductId) await this.store((m) => m.update(CreditProductEntity, { id: pack.id }, { stripeProductId: product }));

    const key = `credits:${pack.key}`;
    const stored = pack.stripePriceId ? await this.stripe.retrievePrice(pack.stripePriceId) : null;
    const matches = (price: Stripe.Price) => price.active && price.unit_amount === pack.priceMinor && price.currency === pack.currency && price.metadata[STRIPE_METADATA.credits] === String(pack.credits);
    if (stored && matches(stored)) return void items.push({ kind: 'price', key, stripeId: stored.id, result: 'unchanged' });
    const lookupKey = creditProductPriceLookupKey(pack.key);
    const existing = await this.stripe.findPriceByLookupKey(lookupKey);
    const price =
      existing && existing.id !== stored?.id && matches(existing)
        ? existing
        : await this.stripe.createPrice(
            { product, currency: pack.currency, unit_amount: pack.priceMinor, lookup_key: lookupKey, transfer_lookup_key: existing !== null, metadata },
            keys.creditPriceCreate(pack.key, pack.priceMinor, pack.currency),
          );
    if (stored?.active) await this.stripe.updatePrice(stored.id, { active: false }, keys.priceDeactivate(stored.id));
    await this.store((m) => m.update(CreditProductEntity, { id: pack.id }, { stripePriceId: price.id }));
    items.push({ kind: 'price', key, stripeId: price.id, result: stored ? 'updated' : 'created' });
  }

  private async syncProduct(key: string, storedId: string | null, wanted: ProductParams, createKey: string, run: string, items: CatalogSyncItem[]): Promise<string> {
    if (!storedId) {
      const created = await this.stripe.createProduct(wanted, createKey);
      items.push({ kind: 'product', key, stripeId: created.id, result: 'created' });
      return created.id;
    }
    const product = await this.stripe.retrieveProduct(storedId);
    const differs =
      product.name !== wanted.name ||
      (product.description ?? '') !== (wanted.description ?? '') ||
      !product.active ||
      Object.entries(wanted.metadata).some(([k, v]) => product.metadata[k] !== v);
    if (differs) {
      const update = { ...wanted, description: wanted.description ?? '', active: true };
      await this.stripe.updateProduct(storedId, update, keys.productUpdate(storedId, run));
    }
    items.push({ kind: 'product', key, stripeId: storedId, result: differs ? 'updated' : 'unchanged' });
    return storedId;
  }

  private async deactivateProduct(key: string, productId: string, run: string, items: CatalogSyncItem[]): Promise<void> {
    const product = await this.stripe.retrieveProduct(productId);
    if (product.active) await this.stripe.updateProduct(productId, { active: false }, keys.productUpdate(productId, run));
    items.push({ kind: 'product', key, stripeId: productId, result: product.active ? 'updated' : 'unchanged' });
  }

  /**
   * A price for `lookupKey` made by an earlier run that could not store its id (same plan version) is adopted;
   * otherwise a new price takes the lookup key over from the previous version's (transfer_lookup_key).
   */
  private async adoptOrCreatePrice(
    lookupKey: string,
    metadata: Record<string, string>,
    idempotencyKey: string,
    params: Omit<Stripe.PriceCreateParams, 'lookup_key' | 'metadata' | 'transfer_lookup_key'>,
  ): Promise<Stripe.Price> {
    const existing = await this.stripe.findPriceByLookupKey(lookupKey);
    if (existing && Object.entries(metadata).every(([k, v]) => existing.metadata[k] === v)) return existing;
    return this.stripe.createPrice({ ...params, lookup_key: lookupKey, transfer_lookup_key: existing !== null, metadata }, idempotencyKey);
  }

  private store(write: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    return this.database.asPlatform(async (m) => void (await write(m)));
  }
}

interface ProductParams {
  name: string;
  description?: string;
  metadata: Record<string, string>;
}

/** Stripe refuses an empty description, so none is sent when Tollgate has none. */
function productParams(name: string, description: string, metadata: Record<string, string>): ProductParams {
  return { name, ...(description.trim() ? { description } : {}), metadata };
}

const count = (items: CatalogSyncItem[], result: SyncResult) => items.filter((i) => i.result === result).length;

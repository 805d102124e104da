import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { FeatureKind } from './catalog.enums';
import { CONSUMPTION_ORDER_SETTING } from './catalog-rules';
import { type PricingFile, PricingFileError, type PricingPlan, parsePricingFile } from './pricing-file.schema';

/** server/catalog/pricing.json, found from src/modules/catalog and from dist/modules/catalog alike. */
export const DEFAULT_PRICING_FILE = path.resolve(__dirname, '../../../catalog/pricing.json');

/** Arbitrary constant: serializes catalog loads of instances starting together. */
const CATALOG_LOAD_LOCK_KEY = 7_420_190_311;

/** Keys inserted by one load; all empty when the database already had everything. */
export interface CatalogLoadSummary {
  features: string[];
  plans: string[];
  creditEvents: string[];
  creditProducts: string[];
  settings: string[];
}

export async function readPricingFile(file: string = DEFAULT_PRICING_FILE): Promise<PricingFile> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch (error) {
    throw new PricingFileError(file, [{ path: '(root)', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parsePricingFile(json, file);
}

export function loadedAnything(summary: CatalogLoadSummary): boolean {
  return Object.values(summary).some((keys) => keys.length > 0);
}

/**
 * Inserts what the database lacks, by key, and nothing else: a key that exists is the admins' now, whatever the
 * file says. Runs inside the caller's (platform) transaction so a half-loaded catalog is never visible.
 */
export async function applyPricingFile(manager: EntityManager, file: PricingFile, fileName: string): Promise<CatalogLoadSummary> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOAD_LOCK_KEY]);
  const summary: CatalogLoadSummary = { features: [], plans: [], creditEvents: [], creditProducts: [], settings: [] };

  for (const f of file.features) {
    const rows = await manager.query(
      `INSERT INTO features (key, name, description, kind, unit) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [f.key, f.name, f.description, f.kind, f.unit],
    );
    if (rows.length) summary.features.push(f.key);
  }

  const kinds = await featureKinds(manager);
  for (const [index, plan] of file.plans.entries()) {
    if (await insertPlan(manager, plan, index, kinds, fileName)) summary.plans.push(plan.key);
  }

  for (const e of file.creditEvents) {
    const rows = await manager.query(
      `INSERT INTO credit_events (key, name, description, category, credit_cost, active) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [e.key, e.name, e.description, e.category, e.creditCost, e.active],
    );
    if (rows.length) summary.creditEvents.push(e.key);
  }

  for (const p of file.creditProducts) {
    const rows = await manager.query(
      `INSERT INTO credit_products (key, name, description, credits, price_minor, currency) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [p.key, p.name, p.description, p.credits, p.priceMinor, p.currency],
    );
    if (rows.length) summary.creditProducts.push(p.key);
  }

  const settings: Record<string, unknown> = { [CONSUMPTION_ORDER_SETTING]: file.settings[CONSUMPTION_ORDER_SETTING] };
  for (const [key, value] of Object.entries(settings)) {
    const rows = await manager.query(
      `INSERT INTO platform_settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, JSON.stringify(value)],
    );
    if (rows.length) summary.settings.push(key);
  }
  return summary;
}

async function featureKinds(manager: EntityManager): Promise<Map<string, FeatureKind>> {
  const rows: Array<{ key: string; kind: FeatureKind }> = await manager.query(`SELECT key, kind FROM features`);
  return new Map(rows.map((r) => [r.key, r.kind]));
}

/** A new plan gets version 1 with the file's terms; an existing key is left alone. Returns whether it inserted. */
async function insertPlan(manager: EntityManager, plan: PricingPlan, index: number, kinds: Map<string, FeatureKind>, fileName: string): Promise<boolean> {
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO plans (key, name, description, is_public, sort_order) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [plan.key, plan.name, plan.description, plan.isPublic, plan.sortOrder],
  );
  const planId = inserted[0]?.id;
  if (!planId) return false;

  // The file was checked against its own features; a feature an admin created earlier with the same key may differ.
  for (const [featureKey, grant] of Object.entries(plan.entitlements)) {
    const stored = kinds.get(featureKey);
    const fileSaysMetered = grant.resetPeriod !== undefined;
    if (stored && (stored === FeatureKind.METERED) !== fileSaysMetered) {
      throw new PricingFileError(fileName, [
        { path: `plans[${index}].entitlements.${featureKey}`, message: `the database has this feature as ${stored}` },
      ]);
    }
  }

  const [version]: Array<{ id: string }> = await manager.query(
    `INSERT INTO plan_versions (plan_id, version, currency, monthly_price_minor, yearly_price_minor, trial_days, credits_per_period, hourly_request_limit)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [planId, plan.currency, plan.monthlyPriceMinor, plan.yearlyPriceMinor, plan.trialDays, plan.creditsPerPeriod, plan.hourlyRequestLimit],
  );
  for (const [featureKey, grant] of Object.entries(plan.entitlements)) {
    const metered = kinds.get(featureKey) === FeatureKind.METERED;
    await manager.query(
      `INSERT INTO plan_entitlements (plan_version_id, feature_key, enabled, limit_value, reset_period, overage, overage_price_minor, overage_price_units)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        version!.id, featureKey, grant.enabled ?? true, metered ? (grant.limit ?? null) : null, metered ? grant.resetPeriod : null, grant.overage ?? 'block',
        grant.overagePrice?.amountMinor ?? null, grant.overagePrice?.perUnits ?? 1,
      ],
    );
  }
  await manager.query(`UPDATE plans SET current_version_id = $1 WHERE id = $2`, [version!.id, planId]);
  return true;
}

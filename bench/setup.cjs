'use strict';
/**
 * Fills the bench database through the product's own services (server/dist), so the rows under test are exactly
 * what Tollgate makes for real customers: migrations, the catalog from its pricing file (plus a `bench` plan),
 * 1,000 organizations moved to that plan with purchased credits and an API key each.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
require('reflect-metadata');

const dist = path.join(__dirname, '..', 'server', 'dist');
const { loadConfig } = require(path.join(dist, 'config.js'));
const { createLogger } = require(path.join(dist, 'logger.js'));
const { systemClock } = require(path.join(dist, 'clock.js'));
const { createDataSource, runMigrations } = require(path.join(dist, 'db', 'data-source.js'));
const { Database } = require(path.join(dist, 'db', 'database.js'));
const { createServices } = require(path.join(dist, 'services.js'));
const { UNSTARTED_SANDBOX } = require(path.join(dist, 'stripe', 'stripe-environment.js'));
const { DEFAULT_PRICING_FILE } = require(path.join(dist, 'modules', 'catalog', 'catalog-loader.js'));
const { MAX_INT } = require(path.join(dist, 'modules', 'catalog', 'catalog-rules.js'));
const { MAX_CREDITS_PER_ENTRY } = require(path.join(dist, 'modules', 'credits', 'credit-rules.js'));

const BENCH_PLAN = 'bench';
const FEATURE = 'api_calls';
const CREDIT_EVENT = 'api_call_basic';
const SYSTEM = { type: 'system', id: 'bench' };

/**
 * A plan that never stands in the way: the api_calls limit is the largest the catalog accepts (2^31 - 1, far above
 * what a run records) but still a *block* limit, so every checkAndTrack pays for the limit check as customers'
 * calls do; no hourly request limit, so the gateway's rate limiter lets everything through.
 */
function benchPricingFile(directory) {
  const pricing = JSON.parse(fs.readFileSync(DEFAULT_PRICING_FILE, 'utf8'));
  pricing.plans.push({
    key: BENCH_PLAN,
    name: 'Bench',
    description: 'npm run bench: limits that never block.',
    isPublic: false,
    sortOrder: 1000,
    currency: 'usd',
    monthlyPriceMinor: 0,
    yearlyPriceMinor: 0,
    trialDays: 0,
    creditsPerPeriod: 0,
    hourlyRequestLimit: null,
    entitlements: { [FEATURE]: { limit: MAX_INT, resetPeriod: 'month', overage: 'block' } },
  });
  const file = path.join(directory, 'pricing.json');
  fs.writeFileSync(file, JSON.stringify(pricing));
  return file;
}

/** Runs `work` for 0..count-1 with at most `concurrency` in flight. */
async function inParallel(count, concurrency, work) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** The services of a Tollgate process, on the bench database (for setup and the statement capture). */
async function openServices(databaseUrl, poolMax) {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: String(poolMax),
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
  });
  const logger = createLogger('warn');
  const dataSource = createDataSource({ url: databaseUrl, poolMax, applicationName: 'tollgate-bench-setup' });
  await dataSource.initialize();
  await runMigrations(dataSource);
  // The bench never calls Stripe: setup only creates organizations, keys and credits.
  const services = createServices(config, new Database(dataSource), systemClock, logger, UNSTARTED_SANDBOX);
  return { dataSource, services, close: () => dataSource.destroy() };
}

/** Returns the organizations (n = 1 is the hot one) with their API keys. */
async function populate({ dataSource, services }, { organizations, concurrency, workDir }) {
  await services.catalog.loadFromFile(benchPricingFile(workDir));
  const { user } = await services.identity.ensureUser({
    email: 'bench-owner@bench.tollgate.test',
    password: 'bench-owner-password-not-secret',
    isPlatformAdmin: false,
    displayName: 'Bench owner',
  });

  const orgs = await inParallel(organizations, concurrency, async (i) => {
    const n = i + 1;
    const organization = await services.organizations.createForUser(`Bench org ${String(n).padStart(4, '0')}`, user.id);
    await services.subscriptions.subscribe(organization.id, { planKey: BENCH_PLAN, interval: 'month', trial: false, actor: SYSTEM });
    await services.creditLedger.purchaseCredits({
      organizationId: organization.id,
      credits: MAX_CREDITS_PER_ENTRY,
      idempotencyKey: `bench-purchase-${n}`,
      actor: SYSTEM,
    });
    const { apiKey, secret } = await services.apiKeys.create(organization.id, 'bench', ['ENTITLEMENTS_READ', 'USAGE_WRITE'], { type: 'user', id: user.id });
    return { n, id: organization.id, apiKeyId: apiKey.id, secret };
  });

  // pgbench picks an organization by number; the superuser owns this table, and tenants may read it because the
  // random-organization scripts look the id up inside their first (tenant) statement.
  await dataSource.query(`CREATE TABLE bench_orgs (n int PRIMARY KEY, id uuid NOT NULL UNIQUE, api_key_id uuid NOT NULL)`);
  await dataSource.query(
    `INSERT INTO bench_orgs (n, id, api_key_id) SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[])`,
    [orgs.map((o) => o.n), orgs.map((o) => o.id), orgs.map((o) => o.apiKeyId)],
  );
  await dataSource.query(`GRANT SELECT ON bench_orgs TO tollgate_tenant`);
  // Fresh statistics, as a long-running database would have (autovacuum may not have run yet).
  await dataSource.query('ANALYZE');
  return orgs;
}

function makeWorkDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-'));
}

module.exports = { openServices, populate, makeWorkDir, inParallel, FEATURE, CREDIT_EVENT, BENCH_PLAN };

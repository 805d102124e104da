'use strict';
/**
 * The bench's knobs, read once from the environment. Defaults keep a whole run under about three minutes on a
 * 2-core machine: 5 gateway scenarios and 4 pgbench runs of (warm-up + measured) seconds each, plus setup.
 */

function int(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return value;
}

function choice(name, allowed, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!allowed.includes(raw)) throw new Error(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw;
}

const options = Object.freeze({
  /** Admin URL: the bench creates (and always drops) its own database next to this one. */
  adminUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  clients: int('BENCH_CLIENTS', 32),
  batchClients: int('BENCH_BATCH_CLIENTS', 4),
  batchSize: int('BENCH_BATCH_SIZE', 1000),
  seconds: int('BENCH_SECONDS', 10),
  warmupSeconds: int('BENCH_WARMUP_SECONDS', 2, 0),
  organizations: int('BENCH_ORGS', 1000),
  /** The gateway's connection pool (DB_POOL_MAX of the server under test). */
  poolMax: int('BENCH_POOL', 16),
  /**
   * pgbench -M: prepared (plan once per connection, as the gateway's named prepared statements: the default),
   * extended (parse and plan every call) or simple.
   */
  pgbenchMode: choice('BENCH_PGBENCH_MODE', ['prepared', 'extended', 'simple'], 'prepared'),
  /** pgbench worker threads (-j). */
  pgbenchThreads: int('BENCH_PGBENCH_THREADS', 2),
  /** Parallel setup calls: enough to finish 1,000 organizations in seconds without starving the pool. */
  setupConcurrency: int('BENCH_SETUP_CONCURRENCY', 8),
  /** The figures file, overwritten by every run. */
  resultsFile: process.env.BENCH_RESULTS_FILE || require('node:path').join(__dirname, 'results.json'),
});

/** What the issue asks of the gateway (ratios are gateway / pgbench on the same statements). */
const targets = Object.freeze({
  manyOrgsRatio: 0.5,
  hotOrgRatio: 1.0,
  p99Ms: 20,
  batchEventsPerSecond: 50_000,
});

module.exports = { options, targets };

'use strict';
/**
 * The database's own limit: pgbench runs the statements the gateway sends for one operation (bench/sql/*.sql),
 * with as many clients, against the same database. Latencies come from pgbench's per-transaction log and are
 * cut to the same measured window as the gateway's (warm-up dropped), so the two sets of figures compare.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { summarise } = require('./stats.cjs');

const PGBENCH = process.env.BENCH_PGBENCH || 'pgbench';
const SQL_DIR = path.join(__dirname, 'sql');

function scriptText(name) {
  return fs.readFileSync(path.join(SQL_DIR, `${name}.sql`), 'utf8');
}

const TENANT_STATEMENT = "set_config('app.current_org', :org, true);";

/**
 * The 1,000-organization variant: the organization is drawn per transaction and looked up inside the first
 * tenant statement (a primary-key subquery, \gset into :org), so it costs no extra round trip; the gateway gets it
 * from the API key instead.
 */
function manyOrganizationsScript(text, organizations) {
  if (!text.includes(TENANT_STATEMENT)) throw new Error(`pgbench script lacks the tenant statement (${TENANT_STATEMENT})`);
  return `\\set o random(1, ${organizations})\n${text.replace(
    TENANT_STATEMENT,
    "set_config('app.current_org', (SELECT id::text FROM bench_orgs WHERE n = :o), true) AS org \\gset",
  )}`;
}

function version() {
  return new Promise((resolve) => {
    const child = spawn(PGBENCH, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', () => resolve(null));
    child.on('close', () => resolve(out.trim() || null));
  });
}

/** Per-transaction log lines: client, transaction no., latency (µs), script, end time (s, µs) [, lag]. */
function readTransactionLogs(prefix) {
  const directory = path.dirname(prefix);
  const base = path.basename(prefix);
  const ends = [];
  const latencies = [];
  for (const file of fs.readdirSync(directory).filter((f) => f.startsWith(`${base}.`))) {
    for (const line of fs.readFileSync(path.join(directory, file), 'utf8').split('\n')) {
      if (!line) continue;
      const fields = line.split(' ');
      // A failed transaction logs "failed" (or "skipped") instead of a latency.
      const latency = Number(fields[2]);
      if (!Number.isFinite(latency)) continue;
      ends.push(Number(fields[4]) + Number(fields[5]) / 1e6);
      latencies.push(latency / 1000);
    }
  }
  return { ends, latencies };
}

/**
 * Runs one script for warm-up + measured seconds. tps is counted over the measured window from the log (pgbench's
 * own "without initial connection time" figure, which includes the warm-up, is kept as tpsReported).
 */
async function runPgbench({ name, script, databaseUrl, clients, threads, warmupSeconds, seconds, mode, defines, workDir, register }) {
  const scriptFile = path.join(workDir, `${name}.sql`);
  fs.writeFileSync(scriptFile, script);
  const logPrefix = path.join(workDir, `${name}-log`);
  const args = [
    '-n', // no vacuum: the bench tables are not pgbench's own
    '-M', mode,
    '-c', String(clients),
    '-j', String(Math.min(threads, clients)),
    '-T', String(warmupSeconds + seconds),
    '-f', scriptFile,
    '-l', '--log-prefix', logPrefix,
    ...Object.entries(defines).flatMap(([key, value]) => ['-D', `${key}=${value}`]),
    databaseUrl,
  ];
  const output = await new Promise((resolve, reject) => {
    const child = spawn(PGBENCH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const unregister = register(() => child.kill('SIGTERM'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => {
      unregister();
      reject(new Error(`cannot run ${PGBENCH}: ${error.message}`));
    });
    child.on('close', (code) => {
      unregister();
      resolve({ code, stdout, stderr });
    });
  });

  const { ends, latencies } = readTransactionLogs(logPrefix);
  const tpsReported = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output.stdout)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output.stdout)?.[1] ?? 0);
  // pgbench reports "client N script M aborted in command K" on stderr; the first one says what went wrong.
  const firstError = output.stderr.split('\n').find((l) => /error|abort|FATAL/i.test(l)) ?? null;
  if (ends.length === 0) {
    return { tps: 0, tpsReported, transactions: 0, failed, firstError: firstError ?? `pgbench exited with ${output.code}`, p50Ms: null, p99Ms: null, maxMs: null };
  }

  // Transaction start ≈ end - latency; the earliest start is when the clients began (after connecting).
  let startedAt = Infinity;
  for (let i = 0; i < ends.length; i += 1) startedAt = Math.min(startedAt, ends[i] - latencies[i] / 1000);
  const windowStart = startedAt + warmupSeconds;
  const windowEnd = Math.min(windowStart + seconds, Math.max(...ends));
  const measured = [];
  for (let i = 0; i < ends.length; i += 1) if (ends[i] >= windowStart && ends[i] <= windowEnd) measured.push(latencies[i]);
  const stats = summarise(measured);
  return {
    tps: windowEnd > windowStart ? measured.length / (windowEnd - windowStart) : 0,
    tpsReported,
    transactions: measured.length,
    failed,
    firstError: output.code === 0 && failed === 0 ? null : firstError ?? `pgbench exited with ${output.code}`,
    p50Ms: stats.p50,
    p99Ms: stats.p99,
    maxMs: stats.max,
  };
}

module.exports = { runPgbench, scriptText, manyOrganizationsScript, version };

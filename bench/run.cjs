'use strict';
/**
 * npm run bench: Tollgate's hot operations measured through the gateway (GraphQL over HTTP, API keys, the real
 * server process) and, in the same run, the same SQL run straight by pgbench, so every figure is also a ratio to
 * what the database itself can do on this machine. It is not a test: it prints figures and writes
 * bench/results.json; targets are reported, not enforced. See bench/options.cjs for the BENCH_* settings.
 *
 * Order: fresh database -> setup through the services -> capture of the statements each operation sends
 * (compared with the pgbench scripts) -> server -> per scenario the gateway, then pgbench -> batch ingestion ->
 * report. Whatever happens (failure, Ctrl-C), the server, pgbench and the database go away.
 */
const fs = require('node:fs');
const os = require('node:os');
const { options, targets } = require('./options.cjs');
const { createBenchDatabase, dropBenchDatabase, serverFacts, checkpoint } = require('./bench-database.cjs');
const { openServices, populate, makeWorkDir, FEATURE, CREDIT_EVENT } = require('./setup.cjs');
const { installCapture, compare, describeParameters } = require('./statement-capture.cjs');
const { startServer } = require('./server-process.cjs');
const { runLoad, warmOrganizations } = require('./load.cjs');
const { cpuMeter, backgroundBusy } = require('./cpu.cjs');
const { runPgbench, scriptText, manyOrganizationsScript, version: pgbenchVersion } = require('./pgbench.cjs');
const { singleOperationScenarios, batchScenario } = require('./scenarios.cjs');
const { judge, render, writeResults } = require('./report.cjs');

let interrupted = false;

/** Undo steps, last registered first; each returns an unregister function for when its owner ended normally. */
const cleanups = new Set();
function register(fn) {
  // Something started while cleaning up after Ctrl-C (a pgbench about to run) is stopped at once.
  if (interrupted) {
    Promise.resolve().then(fn).catch(() => undefined);
    return () => undefined;
  }
  const entry = { fn };
  cleanups.add(entry);
  return () => cleanups.delete(entry);
}
async function cleanUp() {
  for (const entry of [...cleanups].reverse()) {
    cleanups.delete(entry);
    try {
      await entry.fn();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server and pgbench, dropping the bench database`);
    cleanUp().finally(() => process.exit(130));
  });
}

const say = (message) => interrupted || console.log(`[bench] ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The SQL one call of each operation sends, and what authenticating a request costs, from the real services. */
async function captureStatements(opened, org) {
  const capture = installCapture(opened.dataSource);
  const { services } = opened;
  const operations = {
    checkAndTrack: {
      script: 'check-and-track',
      statements: await capture.record(() => services.usage.checkAndTrack(org.id, { featureKey: FEATURE, quantity: 1, idempotencyKey: 'bench-capture-usage' })),
    },
    consumeCredits: {
      script: 'consume-credits',
      statements: await capture.record(() =>
        services.creditLedger.consumeCredits({
          organizationId: org.id,
          eventKey: CREDIT_EVENT,
          quantity: 1,
          idempotencyKey: 'bench-capture-credits',
          actor: { type: 'api_key', id: org.apiKeyId },
        }),
      ),
    },
  };
  for (const captured of Object.values(operations)) {
    captured.drift = compare(captured.statements, scriptText(captured.script));
    captured.statements = captured.statements.map((s) => ({ ...s, parameters: describeParameters(s.parameters) }));
    if (captured.drift) for (const d of captured.drift) if (d.gateway) d.gateway = captured.statements[d.position - 1];
  }
  const limit = await capture.record(() => services.entitlements.hourlyRequestLimit(org.id));
  return { operations, hourlyRequestLimit: limit.length };
}

async function machineFacts(databaseUrl) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: await serverFacts(databaseUrl),
    pgbench: await pgbenchVersion(),
  };
}

async function main() {
  const started = Date.now();
  const busyBefore = await backgroundBusy();
  const workDir = makeWorkDir();
  register(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const database = await createBenchDatabase(options.adminUrl);
  register(() => dropBenchDatabase(options.adminUrl, database.name));
  say(`database ${database.name}`);

  const mark = Date.now();
  const opened = await openServices(database.url, options.setupConcurrency + 2);
  const closeServices = register(() => opened.close());
  const orgs = await populate(opened, { organizations: options.organizations, concurrency: options.setupConcurrency, workDir });
  say(`setup: ${orgs.length} organizations on the bench plan with credits and API keys in ${seconds(mark)}`);
  const statements = await captureStatements(opened, orgs[orgs.length - 1]);
  closeServices();
  await opened.close();
  for (const [operation, captured] of Object.entries(statements.operations)) {
    if (captured.drift) say(`WARNING: ${operation} no longer sends what bench/sql/${captured.script}.sql runs (details in the report)`);
  }

  const machine = { ...(await machineFacts(database.url)), busyBeforeRun: busyBefore };
  const server = await startServer({ databaseUrl: database.url, poolMax: options.poolMax, workDir, register });
  const stopServer = register(() => server.stop());
  say(`server pid ${server.pid} at ${server.url} (DB_POOL_MAX=${options.poolMax})`);

  const common = { clients: options.clients, warmupSeconds: options.warmupSeconds, seconds: options.seconds };
  const warm = singleOperationScenarios(orgs).find((s) => s.key === 'checkAndTrack_many');
  const warmup = await warmOrganizations({ url: server.url, clients: options.clients, orgs, request: warm.request, accept: warm.accept });
  say(`warm-up: each of the ${orgs.length} organizations called once in ${warmup.seconds.toFixed(1)} s, ${warmup.errors} errors`);
  if (warmup.errors > 0) throw new Error(`warm-up calls failed: ${warmup.firstError}`);
  const pgbenchMode = options.pgbenchMode;
  const scenarios = [];
  // BENCH_ONLY=checkAndTrack_many,… runs just those scenarios (profiling, quick checks); a full run runs all.
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
  // Every measured run (gateway, pgbench, batch) starts just after a checkpoint (see checkpoint()).
  let checkpointRefused = null;
  const settle = async () => {
    const done = await checkpoint(options.adminUrl);
    if (done !== true && !checkpointRefused) say(`CHECKPOINT before each run refused (${(checkpointRefused = done)}): figures may vary more`);
  };
  for (const scenario of singleOperationScenarios(orgs).filter((s) => !only || only.has(s.key))) {
    await settle();
    const gatewayCpu = cpuMeter(server.pid);
    const gateway = await runLoad({ url: server.url, ...common, request: scenario.request, accept: scenario.accept });
    gateway.cpu = gatewayCpu();
    say(`${scenario.name}: gateway ${Math.round(gateway.opsPerSecond)} ops/s, p99 ${gateway.p99Ms?.toFixed(1)} ms, ${gateway.errors} errors`);
    const text = scriptText(scenario.script);
    const { org, ...shared } = scenario.defines;
    await settle();
    const pgbenchCpu = cpuMeter();
    const pgbench = await runPgbench({
      name: scenario.key,
      script: scenario.hot ? text : manyOrganizationsScript(text, orgs.length),
      defines: scenario.hot ? { org, ...shared } : shared,
      databaseUrl: database.url,
      clients: options.clients,
      threads: options.pgbenchThreads,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
      mode: pgbenchMode,
      workDir,
      register,
    });
    const { machineBusy, machineSteal } = pgbenchCpu();
    pgbench.cpu = { machineBusy, machineSteal };
    say(`${scenario.name}: pgbench ${Math.round(pgbench.tps)} tps, p99 ${pgbench.p99Ms?.toFixed(1)} ms${pgbench.firstError ? ` (${pgbench.firstError})` : ''}`);
    // A script that no longer mirrors the gateway's statements still runs, but its ratio is flagged as stale.
    pgbench.mirrorsGateway = !statements.operations[scenario.operation].drift;
    scenarios.push(judge({ key: scenario.key, name: scenario.name, operation: scenario.operation, hot: scenario.hot, gateway, pgbench }, targets));
  }

  const batchDef = batchScenario(orgs, options.batchSize);
  await settle();
  const batchCpu = cpuMeter(server.pid);
  const batchRun = await runLoad({ url: server.url, ...common, clients: options.batchClients, request: batchDef.request, accept: batchDef.accept });
  batchRun.cpu = batchCpu();
  const batch = {
    key: batchDef.key,
    name: batchDef.name,
    eventsPerSecond: batchRun.opsPerSecond * options.batchSize,
    callsPerSecond: batchRun.opsPerSecond,
    ...batchRun,
    target: targets.batchEventsPerSecond,
    met: batchRun.errors === 0 && batchRun.opsPerSecond * options.batchSize >= targets.batchEventsPerSecond,
  };
  delete batch.opsPerSecond;
  say(`${batch.name}: ${Math.round(batch.eventsPerSecond)} events/s`);

  stopServer();
  await server.stop();

  const results = {
    timestamp: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine,
    settings: {
      clients: options.clients,
      batchClients: options.batchClients,
      batchSize: options.batchSize,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      organizations: options.organizations,
      organizationWarmupSeconds: Math.round(warmup.seconds * 10) / 10,
      poolMax: options.poolMax,
      pgbenchMode,
      pgbenchThreads: options.pgbenchThreads,
    },
    targets,
    scenarios,
    batch,
    statements,
    serverOutput: server.output,
  };
  console.log('');
  console.log(render(results));
  writeResults(options.resultsFile, results);
  console.log(`\nwritten to ${options.resultsFile} (${results.durationSeconds} s in all)`);
}

main()
  .catch((error) => {
    if (!interrupted) {
      console.error(`bench failed: ${error.stack ?? error}`);
      process.exitCode = 1;
    }
  })
  .finally(async () => {
    if (!interrupted) await cleanUp();
  });

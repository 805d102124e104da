'use strict';
/**
 * The figures, twice: a table for the person who ran the bench, and bench/results.json (overwritten each run,
 * committed) so a change in the hot path can be compared with the last recorded run.
 */
const fs = require('node:fs');

const int = (n) => (n === null || n === undefined || Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'));
const ms = (n) => (n === null || n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (r) => (r === null || r === undefined || !Number.isFinite(r) ? '-' : `${Math.round(r * 100)}%`);

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** Adds ratio and the target verdict to each single-operation scenario. */
function judge(scenario, targets) {
  const { gateway, pgbench } = scenario;
  const ratio = pgbench.tps > 0 ? gateway.opsPerSecond / pgbench.tps : null;
  const targetRatio = scenario.hot ? targets.hotOrgRatio : targets.manyOrgsRatio;
  const ratioMet = ratio !== null && ratio >= targetRatio;
  const p99Met = gateway.p99Ms !== null && gateway.p99Ms < targets.p99Ms;
  const errorsMet = gateway.errors === 0 && gateway.requests > 0;
  return { ...scenario, ratio, target: { ratio: targetRatio, p99Ms: targets.p99Ms, met: ratioMet && p99Met && errorsMet, ratioMet, p99Met, errorsMet } };
}

function verdict({ target }) {
  const wanted = `>=${pct(target.ratio)}, p99<${target.p99Ms}ms`;
  if (target.met) return `${wanted}: met`;
  const missed = [!target.ratioMet && 'ratio', !target.p99Met && 'p99', !target.errorsMet && 'errors'].filter(Boolean).join(', ');
  return `${wanted}: MISSED (${missed})`;
}

function render(results) {
  const { machine, settings, scenarios, batch, statements, targets } = results;
  const out = [];
  out.push(`Tollgate bench, ${results.timestamp}`);
  out.push(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB; Node ${machine.node}; PostgreSQL ${machine.postgres.version}; ${machine.pgbench ?? 'pgbench ?'}`,
  );
  out.push(
    `run: ${settings.clients} clients, ${settings.seconds} s measured after ${settings.warmupSeconds} s warm-up, ${settings.organizations} orgs ` +
      `(each called once before the first scenario${settings.organizationWarmupSeconds !== undefined ? `: ${settings.organizationWarmupSeconds} s` : ''}); ` +
      `server DB_POOL_MAX=${settings.poolMax}; pgbench -M ${settings.pgbenchMode} -c ${settings.clients} -j ${settings.pgbenchThreads}`,
  );
  if (machine.busyBeforeRun !== null && machine.busyBeforeRun !== undefined) {
    const busy = Math.round(machine.busyBeforeRun * 100);
    out.push(`machine busy before the run: ${busy}%${busy >= 10 ? ' (other work on this machine: figures are lower and noisier than on an idle one)' : ''}`);
  }
  out.push('');
  out.push(
    table(
      ['scenario', 'gateway ops/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'pgbench tps', 'pgbench p50/p99 ms', 'ratio', 'target'],
      scenarios.map((s) => [
        s.name,
        int(s.gateway.opsPerSecond),
        ms(s.gateway.p50Ms),
        ms(s.gateway.p99Ms),
        ms(s.gateway.maxMs),
        int(s.gateway.errors),
        int(s.pgbench.tps),
        `${ms(s.pgbench.p50Ms)} / ${ms(s.pgbench.p99Ms)}`,
        `${pct(s.ratio)}${s.pgbench.mirrorsGateway ? '' : ' (stale script)'}`,
        verdict(s),
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['batch', 'events/s', 'calls/s', 'p50 ms/call', 'p99 ms/call', 'max ms', 'errors', 'target'],
      [
        [
          `${batch.name}, ${settings.batchClients} clients`,
          int(batch.eventsPerSecond),
          batch.callsPerSecond.toFixed(1),
          ms(batch.p50Ms),
          ms(batch.p99Ms),
          ms(batch.maxMs),
          int(batch.errors),
          `>=${int(targets.batchEventsPerSecond)} events/s: ${batch.met ? 'met' : 'MISSED'}`,
        ],
      ],
    ),
  );
  out.push('');
  const share = (v) => (v === null || v === undefined ? '-' : `${Math.round(v * 100)}%`);
  out.push(
    table(
      ['CPU during', 'server (of 1 core)', 'load generator (of 1 core)', 'machine busy, gateway run', 'machine busy, pgbench run', 'stolen by hypervisor, gateway / pgbench'],
      [
        ...scenarios.map((s) => [s.name, share(s.gateway.cpu?.serverCore), share(s.gateway.cpu?.loadGeneratorCore), share(s.gateway.cpu?.machineBusy), share(s.pgbench.cpu?.machineBusy), `${share(s.gateway.cpu?.machineSteal)} / ${share(s.pgbench.cpu?.machineSteal)}`]),
        [batch.name, share(batch.cpu?.serverCore), share(batch.cpu?.loadGeneratorCore), share(batch.cpu?.machineBusy), '-', share(batch.cpu?.machineSteal)],
      ],
    ),
  );
  // Steal is time this VM's cores were given to other guests: a run that had much of it measured the host, not Tollgate.
  const stolen = [...scenarios.map((s) => [s.name, s.gateway.cpu?.machineSteal]), [batch.name, batch.cpu?.machineSteal]].filter(([, v]) => v >= 0.05);
  for (const [name, v] of stolen) out.push(`note: the hypervisor took ${share(v)} of the CPU during ${name} (gateway run): its figures are lower than this machine's own`);
  // A p99 miss by the second: one stall (a checkpoint, a pause) looks different from a slow run all through.
  for (const s of scenarios.filter((s) => !s.target.p99Met && s.gateway.perSecond)) {
    out.push(`note: ${s.name} p99 by second from ${s.gateway.measuredFrom} (ms): ${s.gateway.perSecond.map((b) => ms(b.p99Ms)).join(' ')}; max ${s.gateway.perSecond.map((b) => ms(b.maxMs)).join(' ')}`);
  }
  const errors = [...scenarios.flatMap((s) => [[`${s.name} (gateway)`, s.gateway.firstError], [`${s.name} (pgbench)`, s.pgbench.firstError]]), [`${batch.name}`, batch.firstError]]
    .filter(([, e]) => e);
  if (errors.length) {
    out.push('');
    out.push('first errors:');
    for (const [where, error] of errors) out.push(`  ${where}: ${error}`);
  }
  out.push('');
  out.push('statements per call (captured from the services; pgbench runs these, see bench/sql):');
  for (const [operation, captured] of Object.entries(statements.operations)) {
    out.push(`  ${operation}: ${captured.statements.length} round trips, ${captured.drift ? 'DRIFT: the pgbench script no longer mirrors them (see below)' : 'mirrored by the pgbench script'}`);
  }
  out.push(
    `  per request on top (not in pgbench): API-key authentication, no statement while the key is cached (API_KEY_CACHE_SECONDS) and one ` +
      `round trip on a miss (modules/api-keys/api-key-lookup.ts); hourly request limit ${statements.hourlyRequestLimit} statements once per organization per minute, in the background while it keeps calling (modules/usage/hourly-request-limit.ts)`,
  );
  for (const [operation, captured] of Object.entries(statements.operations)) {
    if (!captured.drift) continue;
    out.push('');
    out.push(`DRIFT in ${operation}: update bench/sql/${captured.script}.sql to these statements (fingerprint, SQL, example parameters):`);
    for (const d of captured.drift) {
      out.push(`  #${d.position} script fp=${d.script ?? '(none)'}; gateway ${d.gateway ? `fp=${d.gateway.fingerprint} ${d.gateway.sql}` : '(none)'}`);
      if (d.gateway?.parameters?.length) out.push(`     parameters: ${JSON.stringify(d.gateway.parameters)}`);
    }
  }
  if (settings.pgbenchMode === 'prepared') {
    out.push(
      '  pgbench -M prepared parses and plans each statement once per connection, as the gateway does with its named ' +
        'prepared statements on these paths. BENCH_PGBENCH_MODE=extended makes pgbench parse and plan every call instead.',
    );
  }
  if (results.serverOutput.length) {
    out.push('');
    out.push(`the server logged ${results.serverOutput.length} line(s) at warn or above; first: ${results.serverOutput[0].slice(0, 300)}`);
  }
  return out.join('\n');
}

/** Three decimals are plenty (µs for latencies); statements are named, their full text is in bench/sql. */
function writeResults(file, results) {
  const operations = Object.fromEntries(
    Object.entries(results.statements.operations).map(([operation, captured]) => [
      operation,
      { ...captured, statements: captured.statements.map((s) => ({ fingerprint: s.fingerprint, sql: s.sql.length > 100 ? `${s.sql.slice(0, 100)}…` : s.sql })) },
    ]),
  );
  const trimmed = { ...results, statements: { ...results.statements, operations } };
  const round = (_key, value) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);
  fs.writeFileSync(file, `${JSON.stringify(trimmed, round, 2)}\n`);
}

module.exports = { judge, render, writeResults };

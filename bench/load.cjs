'use strict';
/**
 * The client apps: N concurrent clients, each sending its next request as soon as the previous one answered
 * (closed loop, as a pool of app servers calling Tollgate would), over keep-alive connections. Requests that end
 * during the warm-up are not counted: connections, JIT and the server's caches settle first.
 */
const { KeepAliveConnection } = require('./keep-alive-connection.cjs');
const { summarise } = require('./stats.cjs');

/** The error a response carries, or null: non-200, GraphQL `errors`, or an answer the scenario does not accept. */
function problemOf(response, accept) {
  if (response.status === 0) return `network: ${response.text}`;
  let json;
  try {
    json = JSON.parse(response.text);
  } catch {
    return `HTTP ${response.status}: ${response.text.slice(0, 200)}`;
  }
  if (json.errors?.length) {
    const [first] = json.errors;
    return `HTTP ${response.status}: ${first.extensions?.code ?? ''} ${first.message}`.trim();
  }
  if (response.status !== 200) return `HTTP ${response.status}`;
  return accept(json.data);
}

/**
 * `request(client, seq)` gives { apiKey, body } for a client's next call; `accept(data)` says what is wrong with
 * an answer (null when it is right). Returns ops/s (successful calls in the measured window), latency
 * percentiles of those calls, and the errors seen.
 */
async function runLoad({ url, clients, warmupSeconds, seconds, request, accept }) {
  const target = new URL('/graphql', url);
  const connections = Array.from({ length: clients }, () => new KeepAliveConnection(target));
  const latencies = [];
  // Each measured call's latency again by the second it ended in: a miss of p99 shows as a stall or as a spread.
  const bySecond = Array.from({ length: Math.ceil(seconds) }, () => []);
  let errors = 0;
  let firstError = null;
  let warmupErrors = 0;
  const started = process.hrtime.bigint();
  const measureFrom = started + BigInt(Math.round(warmupSeconds * 1e9));
  const measureTo = measureFrom + BigInt(Math.round(seconds * 1e9));

  const client = async (index) => {
    for (let seq = 0; ; seq += 1) {
      if (process.hrtime.bigint() >= measureTo) return;
      const { apiKey, body } = request(index, seq);
      const t0 = process.hrtime.bigint();
      const response = await connections[index].post({ 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body);
      const t1 = process.hrtime.bigint();
      const problem = problemOf(response, accept);
      if (t1 < measureFrom || t1 > measureTo) {
        if (problem) {
          warmupErrors += 1;
          firstError ??= problem;
        }
        continue;
      }
      if (problem) {
        errors += 1;
        firstError ??= problem;
      } else {
        const ms = Number(t1 - t0) / 1e6;
        latencies.push(ms);
        bySecond[Math.min(bySecond.length - 1, Number((t1 - measureFrom) / 1_000_000_000n))].push(ms);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  for (const connection of connections) connection.close();
  const stats = summarise(latencies);
  const measuredFrom = new Date(Date.now() - Number(process.hrtime.bigint() - measureFrom) / 1e6);
  return {
    opsPerSecond: stats.count / seconds,
    requests: stats.count + errors,
    errors,
    warmupErrors,
    firstError,
    p50Ms: stats.p50,
    p99Ms: stats.p99,
    maxMs: stats.max,
    meanMs: stats.mean,
    measuredFrom: measuredFrom.toISOString(),
    perSecond: bySecond.map((second) => {
      const { count, p99, max } = summarise(second);
      return { ops: count, p99Ms: p99, maxMs: max };
    }),
  };
}

/**
 * Every organization's client app calls once (`clients` at a time), as in a gateway that has been serving them:
 * what a first call costs (verifying its API key, reading its plan's hourly limit) is paid here, not inside
 * the measured windows. Returns how long that took and the errors seen.
 */
async function warmOrganizations({ url, clients, orgs, request, accept }) {
  const target = new URL('/graphql', url);
  const connections = Array.from({ length: clients }, () => new KeepAliveConnection(target));
  const started = Date.now();
  let next = 0;
  let errors = 0;
  let firstError = null;
  const client = async (index) => {
    while (next < orgs.length) {
      const org = orgs[next];
      next += 1;
      const { body } = request(0, next);
      const response = await connections[index].post({ 'content-type': 'application/json', authorization: `Bearer ${org.secret}` }, body);
      const problem = problemOf(response, accept);
      if (problem) {
        errors += 1;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  for (const connection of connections) connection.close();
  return { seconds: (Date.now() - started) / 1000, errors, firstError };
}

module.exports = { runLoad, warmOrganizations };

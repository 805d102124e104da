'use strict';
/**
 * Records the SQL the product's services really send for one operation, by swapping TypeORM's logger (every
 * statement, transaction control included, passes through logger.logQuery). The pgbench scripts are written by
 * hand, so each of their statements names a fingerprint of the gateway statement it mirrors; a run compares the
 * two sequences and says so loudly when the server's hot path has changed and a script no longer mirrors it.
 */
const crypto = require('node:crypto');

const normalise = (sql) => sql.replace(/\s+/g, ' ').trim();
const fingerprintOf = (sql) => crypto.createHash('sha1').update(normalise(sql)).digest('hex').slice(0, 10);

function installCapture(dataSource) {
  let sink = null;
  const quiet = () => undefined;
  // Replaced after migrations: the bench process's own logging is not wanted anyway.
  dataSource.logger = {
    logQuery(query, parameters) {
      if (sink) sink.push({ sql: normalise(query), parameters: parameters ?? [], fingerprint: fingerprintOf(query) });
    },
    logQueryError: quiet,
    logQuerySlow: quiet,
    logSchemaBuild: quiet,
    logMigration: quiet,
    log: quiet,
  };
  return {
    /** Statements sent while `work` runs (nothing else may use the data source meanwhile). */
    async record(work) {
      sink = [];
      try {
        await work();
        return sink;
      } finally {
        sink = null;
      }
    },
  };
}

/** `-- gateway fp=<10 hex>` comments in a pgbench script, in order. */
function scriptFingerprints(scriptText) {
  return [...scriptText.matchAll(/fp=([0-9a-f]{10})/g)].map((m) => m[1]);
}

/** Null when the script mirrors the captured statements one for one; otherwise what differs. */
function compare(captured, scriptText) {
  const expected = scriptFingerprints(scriptText);
  const actual = captured.map((s) => s.fingerprint);
  if (expected.length === actual.length && expected.every((fp, i) => fp === actual[i])) return null;
  const differing = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i += 1) {
    if (expected[i] !== actual[i]) differing.push({ position: i + 1, script: expected[i] ?? null, gateway: captured[i] ?? null });
  }
  return differing;
}

/** Parameter values as they would print in a script comment (Dates as ISO, objects as JSON). */
function describeParameters(parameters) {
  return parameters.map((p) => (p instanceof Date ? p.toISOString() : typeof p === 'object' && p !== null ? JSON.stringify(p) : p));
}

module.exports = { installCapture, compare, describeParameters, fingerprintOf };

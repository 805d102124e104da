'use strict';
/**
 * A throw-away database per run, created from the admin URL and dropped at the end (also after a failure or
 * Ctrl-C), so figures never depend on what an earlier run or a developer left behind.
 */
const { Client } = require('pg');

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(adminUrl, sql) {
  const client = new Client({ connectionString: adminUrl, application_name: 'tollgate-bench-admin' });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createBenchDatabase(adminUrl) {
  const name = `tollgate_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return { name, url: withDatabase(adminUrl, name) };
}

/** WITH (FORCE) ends sessions still connected (a server that did not stop in time, a killed pgbench). */
async function dropBenchDatabase(adminUrl, name) {
  if (!/^tollgate_bench_\w+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function serverFacts(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT current_setting('server_version') AS version, current_setting('max_connections') AS max_connections,
              current_setting('shared_buffers') AS shared_buffers, current_setting('synchronous_commit') AS synchronous_commit`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * Before each measured run: PostgreSQL writes a checkpoint after about half of max_wal_size of WAL, and the first
 * change to each page after one writes the whole page to WAL again. A run that a checkpoint happened to fall into
 * measured up to a quarter less; starting every run just after one makes runs comparable. Needs a superuser (or
 * pg_checkpoint); without one the run goes on as before and says so.
 */
async function checkpoint(adminUrl) {
  try {
    await adminQuery(adminUrl, 'CHECKPOINT');
    return true;
  } catch (error) {
    return error.message;
  }
}

module.exports = { createBenchDatabase, dropBenchDatabase, serverFacts, adminQuery, checkpoint };

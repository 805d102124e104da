'use strict';
/**
 * The server under test runs as it does in production: `node server/dist/main.js` in its own process, with the
 * node flags `npm start` gives it, configured only through its environment. Logging stays at warn (request logs
 * at info would cost the server CPU and flood the pipe), so the bench picks the port itself and waits for /readyz
 * instead of reading "Tollgate is listening".
 */
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const MAIN = path.join(__dirname, '..', 'server', 'dist', 'main.js');

/** The node flags of the root package.json's start script (`node <flags> server/dist/main.js`). */
function startScriptNodeArgs() {
  const start = require('../package.json').scripts.start;
  const match = /\bnode((?: --\S+)*) server\/dist\/main\.js/.exec(start);
  if (!match) throw new Error(`package.json's start script no longer runs node … server/dist/main.js: ${start}`);
  return match[1].split(' ').filter(Boolean);
}
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function ready(url, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Starts the server; `register` gets a kill function for the bench's cleanup (Ctrl-C, failures). */
async function startServer({ databaseUrl, poolMax, workDir, register }) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    DB_POOL_MAX: String(poolMax),
    // The Stripe sandbox's state belongs to this run's throw-away database, not to the repository's .tollgate/.
    STRIPE_SANDBOX_STATE_FILE: require('node:path').join(workDir, 'stripe-sandbox.json'),
  };
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [...startScriptNodeArgs(), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const unregister = register(() => child.kill('SIGKILL'));
  // What the server says at warn and above: kept (bounded) for the report, shown at once if it dies.
  const output = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim() && output.length < 200) output.push(line);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = `http://${HOST}:${port}`;
  if (!(await ready(url, child))) {
    child.kill('SIGKILL');
    await exited;
    unregister();
    throw new Error(`the server did not become ready:\n${output.slice(-20).join('\n')}`);
  }
  return {
    url,
    pid: child.pid,
    output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      unregister();
    },
  };
}

module.exports = { startScriptNodeArgs, startServer };

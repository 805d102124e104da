import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../server/test/support/test-database';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export const ADMIN = { email: 'admin@browser.test', password: 'browser-admin-pass-1' };

export interface TollgateProcess {
  url: string;
  database: TestDatabase;
  /** GraphQL over HTTP as a client app would call it (API key) or anonymously. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, apiKey?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  /** A read straight from the product's database, to check what the console showed against what is stored. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** What the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Tollgate exited with ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Tollgate did not become ready within 60 s:\n${output()}`);
}

/**
 * The product as `npm start` runs it (server/dist/main.js serving console/dist), on a fresh database, with the
 * built-in Stripe sandbox (no Stripe key) and a bootstrap platform admin.
 */
export async function startTollgate(): Promise<TollgateProcess> {
  for (const built of ['server/dist/main.js', 'console/dist/index.html']) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first (npm test does).`);
  }
  const database = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-browser-'));
  let log = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: url,
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      CONSOLE_DIST_DIR: path.join(ROOT, 'console/dist'),
      STRIPE_SANDBOX_STATE_FILE: path.join(workDir, 'stripe-sandbox.json'),
      EMBEDDED_PG_DATA_DIR: path.join(workDir, 'pg'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log.slice(-8_000);
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await database.drop();
    throw error;
  }

  return {
    url,
    database,
    output,
    async query(sql, params) {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async gql(query, variables, apiKey) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await database.drop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

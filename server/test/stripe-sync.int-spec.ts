import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run stripe:sync` as built (server/dist/scripts/stripe-sync.js), spawned like a person would run it. */
const script = path.resolve(__dirname, '../dist/scripts/stripe-sync.js');

async function runSync(env: Record<string, string>) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-stripe-sync-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', EMBEDDED_PG_DATA_DIR: path.join(workDir, '.tollgate/pgdata'), ...env };
  for (const name of ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']) if (!(name in env)) delete childEnv[name];
  const child = spawn(process.execPath, [script], { env: childEnv, cwd: workDir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  const leftBehind = fs.readdirSync(workDir);
  fs.rmSync(workDir, { recursive: true, force: true });
  return { code, stdout, stderr, leftBehind };
}

describe('npm run stripe:sync', () => {
  beforeAll(() => {
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test does it first)`);
  });

  it('refuses in sandbox mode with one line and exit code 2, without opening the database', async () => {
    const run = await runSync({});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'stripe:sync: no STRIPE_SECRET_KEY: the sandbox is synced automatically when the server starts; set STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET to sync real Stripe',
    ]);
    expect(run.stdout).toBe('');
    expect(run.leftBehind).toEqual([]);
  });

  it('with a key but no webhook secret: the configuration error, exit code 1', async () => {
    const run = await runSync({ STRIPE_SECRET_KEY: 'sk_test_not_a_real_key' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['stripe:sync: Invalid configuration: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set']);
  });
});

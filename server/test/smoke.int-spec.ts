import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import net from 'node:net';

/**
 * Boots the built product (`node server/dist/main.js`, what `npm start` runs) on the embedded PostgreSQL,
 * as a user would, and checks it serves the console and GraphQL, stops cleanly on SIGTERM and keeps its data.
 */
const mainScript = path.resolve(__dirname, '../dist/main.js');

interface RunningProduct {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

function productEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...extra };
  delete env.DATABASE_URL;
  return env;
}

async function startProduct(dataDir: string): Promise<RunningProduct> {
  // Its own working directory, so the demo keys file lands beside its data, not in the repository.
  const child = spawn(process.execPath, [mainScript], { env: productEnv({ EMBEDDED_PG_DATA_DIR: dataDir }), cwd: path.dirname(dataDir) });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start in 45 s:\n${output}`)), 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const listening = output.split('\n').find((line) => line.includes('Tollgate is listening'));
      if (listening) {
        clearTimeout(timer);
        resolve(JSON.parse(listening).url);
      }
    });
    child.once('exit', (code) => reject(new Error(`product exited with ${code}:\n${output}`)));
  });
  return { child, url: url.replace('localhost', '127.0.0.1'), output: () => output };
}

async function stopProduct(product: RunningProduct): Promise<number | null> {
  product.child.kill('SIGTERM');
  const [code] = (await once(product.child, 'exit')) as [number | null];
  return code;
}

/** The product's JSON log lines with this message. */
function logLines(output: string, message: string): Array<Record<string, any>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(message))
    .map((line) => JSON.parse(line) as Record<string, any>)
    .filter((line) => line.msg === message);
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await response.json()) as { data?: any; errors?: any[] }, setCookie: response.headers.get('set-cookie') };
}

describe('the built product on the embedded PostgreSQL', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-smoke-'));
  const dataDir = path.join(workDir, 'pgdata');
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  beforeAll(() => {
    if (!fs.existsSync(mainScript)) throw new Error(`${mainScript} is missing: run \`npm run build\` (npm test does it first)`);
  });

  it('starts, serves console and GraphQL with the demo platform, stops cleanly, and keeps its data across restarts', async () => {
    let checkoutUrl = '';
    let organizationId = '';
    const first = await startProduct(dataDir);
    try {
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);

      const logIn = await graphql(first.url, `mutation($i: LogInInput!) { logIn(input: $i) { user { email } } }`, {
        i: { email: 'owner@acme.test', password: 'tollgate-demo-1' },
      });
      expect(logIn.body.errors).toBeUndefined();
      const cookie = logIn.setCookie!.split(';')[0]!;
      const me = await graphql(first.url, `{ me { memberships { role organization { id name } } } }`, {}, cookie);
      expect(me.body.data.me.memberships).toEqual([{ role: 'OWNER', organization: { id: expect.any(String), name: 'Acme AI' } }]);
      organizationId = me.body.data.me.memberships[0].organization.id;

      // No Stripe key: the sandbox stands in, and the catalog was synced to it at start, so Checkout works at once.
      const sandboxUrl = logLines(first.output(), 'Stripe sandbox is standing in for Stripe (no STRIPE_SECRET_KEY set)')[0]!.stripeSandbox as string;
      expect(logLines(first.output(), 'Stripe sandbox catalog synced')).toEqual([expect.objectContaining({ created: expect.any(Number), updated: 0 })]);
      const checkout = await graphql(first.url, `mutation($o: ID!, $i: CreateCheckoutSessionInput!) { createCheckoutSession(organizationId: $o, input: $i) { url } }`, {
        o: organizationId,
        i: { planKey: 'pro', interval: 'MONTH' },
      }, cookie);
      expect(checkout.body.errors).toBeUndefined();
      checkoutUrl = checkout.body.data.createCheckoutSession.url;
      expect(checkoutUrl).toMatch(new RegExp(`^${sandboxUrl}/checkout/cs_test_`));

      const demoKey = fs.readFileSync(path.join(workDir, '.tollgate/demo-api-keys.txt'), 'utf8').split('\n')[1]!.split('\t')[1]!;
      const byKey = await fetch(`${first.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demoKey}` },
        body: JSON.stringify({ query: '{ organization { name } subscription { planKey } creditBalance { total } }' }),
      });
      expect(((await byKey.json()) as { data: unknown }).data).toEqual({ organization: { name: 'Acme AI' }, subscription: { planKey: 'free' }, creditBalance: { total: 100 } });

      const signUp = await graphql(first.url, `mutation($i: SignUpInput!) { signUp(input: $i) { user { email } } }`, {
        i: { email: 'persisted@example.test', password: 'persisted-password', organizationName: 'Persisted' },
      });
      expect(signUp.body.errors).toBeUndefined();
    } finally {
      expect(await stopProduct(first)).toBe(0);
    }
    expect(first.output()).toMatch(/stopped cleanly/);
    expect(first.output()).not.toMatch(/tollgate-demo-1|persisted-password/);

    const second = await startProduct(dataDir);
    try {
      const logIn = await graphql(second.url, `mutation($i: LogInInput!) { logIn(input: $i) { user { email } } }`, {
        i: { email: 'persisted@example.test', password: 'persisted-password' },
      });
      expect(logIn.body.data.logIn.user.email).toBe('persisted@example.test');
      expect(second.output()).not.toMatch(/demo platform loaded/);

      // The sandbox's state came back with the database: the catalog is unchanged, the stored customer resolves,
      // and the Checkout page opened before the restart can still be paid, its webhooks reaching the new process.
      expect(logLines(second.output(), 'Stripe sandbox catalog synced')).toEqual([expect.objectContaining({ created: 0, updated: 0 })]);
      const owner = await graphql(second.url, `mutation($i: LogInInput!) { logIn(input: $i) { user { email } } }`, {
        i: { email: 'owner@acme.test', password: 'tollgate-demo-1' },
      });
      const cookie = owner.setCookie!.split(';')[0]!;
      const portal = await graphql(second.url, `mutation($o: ID!) { createPortalSession(organizationId: $o) { url } }`, { o: organizationId }, cookie);
      expect(portal.body.errors).toBeUndefined();
      const paid = await fetch(checkoutUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ card_number: '4242424242424242' }).toString(),
      });
      expect(paid.status).toBe(303);
      const planKey = async () => (await graphql(second.url, `query($o: ID) { subscription(organizationId: $o) { planKey } }`, { o: organizationId }, cookie)).body.data.subscription.planKey;
      for (let waited = 0; waited < 10_000 && (await planKey()) !== 'pro'; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await planKey()).toBe('pro');
    } finally {
      expect(await stopProduct(second)).toBe(0);
    }
  });

  it('refuses to start on a bad variable with one line naming it', async () => {
    const child = spawn(process.execPath, [mainScript], { env: productEnv({ PORT: 'not-a-port' }) });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: PORT .*not-a-port/)]);
  });

  it('exits with one line, leaving nothing running, when its port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-port-'));
      const child = spawn(process.execPath, [mainScript], {
        env: productEnv({ PORT: String(port), EMBEDDED_PG_DATA_DIR: path.join(workDir, 'pgdata'), SEED_DEMO_DATA: 'false' }),
        cwd: workDir,
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const [code] = (await once(child, 'exit')) as [number];
      fs.rmSync(workDir, { recursive: true, force: true });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Tollgate failed to start: listen EADDRINUSE/)]);
    } finally {
      blocker.close();
    }
  });
});

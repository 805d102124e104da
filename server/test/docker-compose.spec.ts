import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Docker cannot run in CI here, so these checks keep docker-compose.yml and the Dockerfile honest against the
 * repository: the services users rely on, the wiring between them, and a CMD that points at the built server.
 */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
  ports?: Array<string | { target: number; published: string | number }>;
  volumes?: Array<string | { source?: string; target: string }>;
  healthcheck?: { test?: string | string[] };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Compose accepts `environment` as a map or as a list of NAME=value. */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value ?? '')]));
}

function dependenciesOf(service: ComposeService): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as ComposeFile;
  const { postgres, redis, server } = compose.services ?? {};

  it('names the postgres, redis and server services', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'server']));
    expect(postgres.image).toMatch(/^postgres:16(\b|$)/);
    expect(redis.image).toMatch(/^redis:7(\b|$)/);
  });

  it('keeps PostgreSQL data in a named volume and reports health with pg_isready', () => {
    const namedVolumes = Object.keys(compose.volumes ?? {});
    const sources = (postgres.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source));
    expect(sources.some((source) => source !== undefined && namedVolumes.includes(source))).toBe(true);
    expect([postgres.healthcheck?.test ?? []].flat().join(' ')).toContain('pg_isready');
  });

  it('builds the server from the Dockerfile and starts it only once PostgreSQL is healthy', () => {
    const context = typeof server.build === 'string' ? server.build : server.build?.context;
    expect(context).toBe('.');
    expect(dependenciesOf(server)).toContain('postgres');
    if (!Array.isArray(server.depends_on)) expect(server.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('points the server at the compose PostgreSQL and publishes port 4000', () => {
    const env = environmentOf(server);
    expect(env.DATABASE_URL).toBe('postgres://tollgate:tollgate@postgres:5432/tollgate');
    expect(env.NODE_ENV).toBe('production');
    expect(env.PORT).toBe('4000');
    const ports = (server.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`));
    expect(ports).toContain('4000:4000');
  });

  it('passes Stripe keys through and keeps .tollgate (the Stripe sandbox state) in a named volume, like the database', () => {
    const env = environmentOf(server);
    expect(env).toMatchObject({ STRIPE_SECRET_KEY: '${STRIPE_SECRET_KEY:-}', STRIPE_WEBHOOK_SECRET: '${STRIPE_WEBHOOK_SECRET:-}' });
    const mounts = (server.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    const state = mounts.find((mount) => mount.endsWith(':/app/.tollgate'));
    expect(Object.keys(compose.volumes ?? {})).toContain(state?.split(':')[0]);
  });

  it('takes the first platform admin from the environment, with a default that passes config validation', () => {
    const env = environmentOf(server);
    expect(env.ADMIN_EMAIL).toMatch(/^\$\{ADMIN_EMAIL:-[^@}]+@[^}]+\}$/);
    const defaultPassword = /^\$\{ADMIN_PASSWORD:-([^}]+)\}$/.exec(env.ADMIN_PASSWORD)?.[1];
    // config.ts refuses an ADMIN_PASSWORD shorter than 12 characters.
    expect(defaultPassword?.length).toBeGreaterThanOrEqual(12);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  // One entry per instruction: continuation lines joined, so HEALTHCHECK's own CMD stays inside HEALTHCHECK.
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('runs the built server as its command, with the node flags of npm start', () => {
    const cmd = instructions.filter((line) => /^CMD\s/i.test(line)).pop();
    expect(cmd).toBeDefined();
    // The same reading of package.json's start script as the bench's server (one parser for both).
    const startFlags: string[] = require(path.join(root, 'bench/server-process.cjs')).startScriptNodeArgs();
    expect(startFlags).toContain('--max-semi-space-size=64');
    expect(JSON.parse(cmd!.replace(/^CMD\s+/i, ''))).toEqual(['node', ...startFlags, 'server/dist/main.js']);
    // server/tsconfig.json compiles src/ into dist/, so this is the image's copy of server/src/main.ts.
    expect(fs.existsSync(path.join(root, 'server/src/main.ts'))).toBe(true);
  });

  it('builds on node:20-slim and runs as a non-root user', () => {
    const bases = instructions.filter((line) => /^FROM\s/i.test(line));
    expect(bases.length).toBeGreaterThan(1);
    for (const base of bases) expect(base).toMatch(/^FROM\s+node:20-slim\b/i);
    const user = instructions.filter((line) => /^USER\s/i.test(line)).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
  });

  it('copies the package.json of every workspace before npm ci, so the lockfile install can succeed', () => {
    const rootPackage = JSON.parse(read('package.json')) as { workspaces: string[] };
    for (const workspace of rootPackage.workspaces) {
      expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/RUN npm run build\b/);
  });

  it('keeps local installs, builds and data out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.tollgate']));
  });
});

import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Parsed once, validated, frozen. */

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(0, 65535).default(4000),
    DATABASE_URL: optionalString.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    ),
    DB_POOL_MAX: int(1, 200).default(10),
    DB_POOL_IDLE_SECONDS: int(0, 86_400).default(300),
    EMBEDDED_PG_DATA_DIR: z.string().min(1).default('.tollgate/pgdata'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_TTL_HOURS: int(1, 24 * 365).default(24 * 7),
    API_KEY_CACHE_SECONDS: int(0, 3600).default(300),
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    // Express "trust proxy": false, true (every hop: only behind a proxy that overwrites X-Forwarded-For),
    // a hop count, or a comma list of trusted addresses/subnets.
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2}|[\w.:/,\s-]+)$/, 'must be true, false, a hop count or a list of addresses')
      .default('false')
      .transform((v): boolean | number | string[] =>
        v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()).filter(Boolean),
      ),
    ADMIN_EMAIL: optionalString.pipe(z.string().email().optional()),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
    LOGIN_MAX_ATTEMPTS_PER_EMAIL: int(1, 10_000).default(5),
    LOGIN_MAX_ATTEMPTS_PER_IP: int(1, 100_000).default(50),
    LOGIN_RATE_WINDOW_SECONDS: int(1, 86_400).default(900),
    GRAPHQL_INTROSPECTION: bool.optional(),
    GRAPHQL_MAX_DEPTH: int(1, 100).default(12),
    GRAPHQL_MAX_ALIASES: int(0, 1000).default(30),
    GRAPHQL_MAX_COST: int(1, 1_000_000).default(5000),
    GRAPHQL_MAX_TOKENS: int(10, 1_000_000).default(2000),
    GRAPHQL_MAX_DIRECTIVES: int(0, 1000).default(50),
    CONSOLE_DIST_DIR: z.string().min(1).default(path.resolve(__dirname, '../../console/dist')),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
    SEED_DEMO_DATA: bool.optional(),
    JOBS_ENABLED: bool.default(true),
    HOT_PATH_BATCHING: bool.default(true),
    HOT_PATH_GROUPS_IN_FLIGHT: int(1, 16).default(1),
    // Unset: the built-in Stripe sandbox (server/src/stripe-sandbox) starts on a loopback port instead.
    STRIPE_SECRET_KEY: optionalString.pipe(z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional()),
    STRIPE_WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^whsec_/, 'must be a webhook signing secret (whsec_…)').optional()),
    STRIPE_SANDBOX_PORT: int(0, 65535).default(0),
    // Where the sandbox keeps its objects between runs; default: stripe-sandbox.json beside the embedded data dir.
    STRIPE_SANDBOX_STATE_FILE: optionalString,
    // Where people reach the console: Checkout and the portal send them back here.
    PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set' });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      });
    }
  });

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly database: {
    /** Unset: Tollgate starts its embedded PostgreSQL (PGlite). */
    readonly url: string | undefined;
    readonly poolMax: number;
    /**
     * How long an idle pooled connection stays open (0: until shutdown). Closing one ends its PostgreSQL backend,
     * which costs CPU there; a pool that grew in a burst and shrinks all at once does it for every connection in
     * the same moment, starving the connections still serving (seen on the bench: ~160 ms stalls on 2 cores).
     */
    readonly poolIdleSeconds: number;
    readonly embeddedDataDir: string;
  };
  readonly logLevel: string;
  readonly session: { readonly ttlHours: number; readonly cookieSecure: 'auto' | boolean };
  /**
   * How long a verified API key is trusted without asking the database. Revocations through Tollgate reach every
   * instance at once (LISTEN/NOTIFY); this bounds only changes made behind Tollgate's back, e.g. in SQL.
   */
  readonly apiKeyCacheSeconds: number;
  readonly trustProxy: boolean | number | string[];
  readonly bootstrapAdmin: { readonly email: string; readonly password: string } | undefined;
  readonly loginRateLimit: { readonly perEmail: number; readonly perIp: number; readonly windowSeconds: number };
  readonly graphql: {
    readonly introspection: boolean;
    readonly includeStacktrace: boolean;
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
    readonly maxTokens: number;
    readonly maxDirectives: number;
  };
  readonly consoleDistDir: string;
  readonly shutdownTimeoutMs: number;
  /** Load the demo platform when the database has no organization yet. */
  readonly seedDemoData: boolean;
  /** Run the time-driven jobs (renewals, credit expiry, cleanup) in this process. */
  readonly jobsEnabled: boolean;
  /** Run concurrent usage/credit calls in shared transactions (see db/tenant-batcher.ts). */
  readonly hotPathBatching: boolean;
  /** How many of those transactions (or lone calls) of one kind run at once. */
  readonly hotPathGroupsInFlight: number;
  /**
   * `live`: real Stripe with the configured keys. `sandbox`: no key configured, so the server starts its
   * built-in Stripe sandbox and points the same SDK at it (never when a key is set).
   */
  readonly stripe:
    | { readonly mode: 'live'; readonly secretKey: string; readonly webhookSecret: string }
    | { readonly mode: 'sandbox'; readonly sandboxPort: number; readonly sandboxStateFile: string };
  /** The console's public address (success/cancel/return URLs); defaults to http://localhost:PORT. */
  readonly publicUrl: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line naming the bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const raw = source[variable];
    const shown = raw === undefined || /PASSWORD|SECRET|KEY|DATABASE_URL/.test(variable) ? '' : ` (got "${raw}")`;
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}${shown}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const config: Config = {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DB_POOL_MAX,
      poolIdleSeconds: env.DB_POOL_IDLE_SECONDS,
      embeddedDataDir: path.resolve(env.EMBEDDED_PG_DATA_DIR),
    },
    logLevel: env.LOG_LEVEL,
    session: {
      ttlHours: env.SESSION_TTL_HOURS,
      cookieSecure: env.COOKIE_SECURE === 'auto' ? 'auto' : env.COOKIE_SECURE === 'true',
    },
    trustProxy: env.TRUST_PROXY,
    apiKeyCacheSeconds: env.API_KEY_CACHE_SECONDS,
    bootstrapAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    loginRateLimit: {
      perEmail: env.LOGIN_MAX_ATTEMPTS_PER_EMAIL,
      perIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
      windowSeconds: env.LOGIN_RATE_WINDOW_SECONDS,
    },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? !production,
      includeStacktrace: !production && env.NODE_ENV !== 'test',
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxCost: env.GRAPHQL_MAX_COST,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
    },
    consoleDistDir: env.CONSOLE_DIST_DIR,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    seedDemoData: env.SEED_DEMO_DATA ?? !env.DATABASE_URL,
    jobsEnabled: env.JOBS_ENABLED,
    hotPathBatching: env.HOT_PATH_BATCHING,
    hotPathGroupsInFlight: env.HOT_PATH_GROUPS_IN_FLIGHT,
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? { mode: 'live', secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET }
        : {
            mode: 'sandbox',
            sandboxPort: env.STRIPE_SANDBOX_PORT,
            // The database keeps Stripe ids across restarts, so the sandbox keeps its objects next to it (.tollgate/).
            sandboxStateFile: path.resolve(env.STRIPE_SANDBOX_STATE_FILE ?? path.join(path.dirname(path.resolve(env.EMBEDDED_PG_DATA_DIR)), 'stripe-sandbox.json')),
          },
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}

import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { ManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createDataSource, runMigrations } from '../../src/db/data-source';
import { Database } from '../../src/db/database';
import { usePreparedStatements } from '../../src/db/prepared-statements';
import { buildSchema } from '../../src/graphql/build-schema';
import { createLogger } from '../../src/logger';
import { createServices, type Services } from '../../src/services';
import { createTestDatabase, type TestDatabase } from './test-database';
import { UNSTARTED_SANDBOX } from '../../src/stripe/stripe-environment';
import { startStripeSandbox, type StripeSandbox } from '../../src/stripe-sandbox';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; details?: any; [key: string]: unknown } }>;
  headers: Record<string, string | string[] | undefined>;
}

/** How a request authenticates: a console session cookie, an API key, or nothing. */
export type Caller = { cookie?: string; apiKey?: string } | undefined;

export interface TestApp {
  /** What the server listens with: the lean entry in front of Express (supertest drives it). */
  app: RequestListener;
  /** Express alone, without the lean entry in front (to compare the two paths). */
  express: Express;
  services: Services;
  clock: ManualClock;
  /** Connected as the database owner (superuser here): for asserting on what is stored. */
  dataSource: DataSource;
  testDatabase: TestDatabase;
  /** How many requests the client-app fast path answered (the rest went through Apollo Server). */
  fastPathStats: { executed: number };
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
  /** With `stripeSandbox: true`: the sandbox (its clock starts at the app clock's time) and the app's own address. */
  stripeSandbox?: StripeSandbox;
  url?: string;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;

/** The real app (real schema, services, PostgreSQL with migrations) in-process, driven over HTTP by supertest. */
export async function startTestApp(options: { env?: Record<string, string>; logStream?: Writable; stripeSandbox?: boolean } = {}): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: testDatabase.url, DB_POOL_MAX: '8', ...options.env });
  const dataSource = createDataSource({ url: testDatabase.url, poolMax: config.database.poolMax, pipeline: !testDatabase.embedded });
  usePreparedStatements(dataSource, !testDatabase.embedded);
  await dataSource.initialize();
  await runMigrations(dataSource);
  const clock = new ManualClock(new Date('2026-11-23T12:00:00.000Z'));
  const logger = createLogger(options.logStream ? 'info' : config.logLevel, options.logStream);
  // The sandbox must post webhooks to the app, so with it the app also listens on a loopback port.
  const stripeSandbox = options.stripeSandbox ? await startStripeSandbox({ now: clock.now(), logger }) : undefined;
  const services = createServices(config, new Database(dataSource), clock, logger, stripeSandbox?.environment ?? UNSTARTED_SANDBOX);
  // As the server does: on a PostgreSQL server, revocations are heard through LISTEN; embedded PGlite needs none.
  await services.apiKeys.start(testDatabase.embedded ? undefined : testDatabase.url);
  await services.catalog.loadFromFile();
  schemaPromise ??= buildSchema();
  const httpServer = stripeSandbox ? http.createServer() : undefined;
  const tollgate = await createApp({ services, schema: await schemaPromise, logger, httpServer });
  let url: string | undefined;
  if (httpServer && stripeSandbox) {
    httpServer.on('request', tollgate.requestListener);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    stripeSandbox.setWebhookUrl(`${url}/webhooks/stripe`);
  }

  return {
    app: tollgate.requestListener,
    express: tollgate.app,
    fastPathStats: tollgate.fastPathStats,
    services,
    clock,
    dataSource,
    testDatabase,
    stripeSandbox,
    url,
    async gql(query, variables, caller) {
      let call = request(tollgate.requestListener).post('/graphql').set('content-type', 'application/json');
      if (caller?.cookie) call = call.set('cookie', caller.cookie);
      if (caller?.apiKey) call = call.set('authorization', `Bearer ${caller.apiKey}`);
      const response = await call.send({ query, variables });
      return { status: response.status, data: response.body.data, errors: response.body.errors, headers: response.headers };
    },
    async close() {
      await stripeSandbox?.stop();
      await tollgate.stop();
      httpServer?.closeAllConnections();
      await services.apiKeys.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
      await testDatabase.drop();
    },
  };
}

/** The session cookie a response set, ready for a Cookie header. */
export function sessionCookieFrom(response: GraphQLResponse): string {
  const setCookie = response.headers['set-cookie'];
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = cookies.find((c) => c.startsWith('tollgate_session='));
  if (!session) throw new Error(`no session cookie in response: ${JSON.stringify(response.errors ?? response.data)}`);
  return session.split(';')[0]!;
}

/** The first error's code, for terse assertions. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

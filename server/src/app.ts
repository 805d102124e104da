import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { RequestListener, Server } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { type GraphQLContext, type Viewer, graphqlContextFor } from './graphql/context';
import { formatGraphQLError } from './graphql/errors';
import { clientAppFastPath } from './graphql/client-app-fast-path';
import { SESSION_COOKIE } from './graphql/session-cookie';
import { consoleRoutes } from './http/console-static';
import { jsonBodyParser } from './http/express-handoff';
import { healthRoutes } from './http/health';
import { GRAPHQL_BODY_LIMIT_BYTES, leanGraphqlEntry } from './http/lean-graphql-entry';
import { requestIdOf } from './http/request-id';
import type { Services } from './services';
import { stripeWebhookRouter } from './stripe/stripe-webhook.router';

export interface TollgateApp {
  /** The HTTP server's listener: the lean entry for client apps' metering calls, Express for everything else. */
  requestListener: RequestListener;
  app: Express;
  apollo: ApolloServer<GraphQLContext>;
  /** Requests answered by the client-app fast path (see graphql/client-app-fast-path.ts, http/lean-graphql-entry.ts). */
  fastPathStats: { executed: number };
  stop(): Promise<void>;
}

async function resolveViewer(req: express.Request, services: Services): Promise<Viewer> {
  const bearer = await bearerViewer(req.headers.authorization, services);
  if (bearer) return bearer;
  const sessionToken: unknown = req.cookies?.[SESSION_COOKIE];
  if (typeof sessionToken === 'string' && sessionToken.length > 0 && sessionToken.length < 200) {
    const user = await services.identity.userForSession(sessionToken);
    if (user) return { kind: 'user', user, sessionToken };
  }
  return { kind: 'anonymous' };
}

/** The viewer an Authorization: Bearer header stands for; null without one. */
async function bearerViewer(authorization: string | undefined, services: Services): Promise<Viewer | null> {
  const bearer = /^bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!bearer) return null;
  const apiKey = await services.apiKeys.authenticate(bearer[1]!.trim());
  return apiKey ? { kind: 'apiKey', ...apiKey } : { kind: 'anonymous', rejectedApiKey: true };
}

/**
 * Express app: health routes, GraphQL at /graphql, the console at /. POST /webhooks/stripe before any JSON parser.
 * In front of it, the lean entry answers client apps' metering calls (requestListener is what the server listens with).
 */
export async function createApp(options: {
  services: Services;
  schema: GraphQLSchema;
  logger: Logger;
  httpServer?: Server;
}): Promise<TollgateApp> {
  const { services, schema, logger } = options;
  const { config } = services;
  const graphqlLimits = config.graphql;

  const armor = new ApolloArmor({
    maxDepth: { n: graphqlLimits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: graphqlLimits.maxAliases },
    costLimit: { maxCost: graphqlLimits.maxCost, ignoreIntrospection: true },
    maxTokens: { n: graphqlLimits.maxTokens },
    maxDirectives: { n: graphqlLimits.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<GraphQLContext>({
    ...protection,
    schema,
    introspection: graphqlLimits.introspection,
    allowBatchedHttpRequests: false,
    // main.ts owns signal handling: one ordered shutdown (HTTP drain, then pool, then embedded database).
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: graphqlLimits.includeStacktrace,
    plugins: [
      ...protection.plugins,
      services.requestLimits.plugin(), // client apps (API keys): the plan's hourly request limit
      // With a real HTTP server, stop() first stops accepting and waits for in-flight requests.
      ...(options.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
    ],
    validationRules: [...protection.validationRules],
    formatError: (formatted, error) => formatGraphQLError(formatted, error, logger, graphqlLimits.includeStacktrace),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestIdOf(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  // Before any JSON parser: the Stripe signature covers the raw bytes.
  app.use(stripeWebhookRouter({ webhooks: services.stripeWebhooks, environment: () => services.stripeEnvironment, logger }));
  app.use(healthRoutes(services.database.dataSource));
  const fastPath = clientAppFastPath({
    services,
    schema,
    validationRules: protection.validationRules,
    authenticate: async (authorization) => (await bearerViewer(authorization, services)) ?? { kind: 'anonymous' },
    formatError: (error) => formatGraphQLError(error.toJSON(), error, logger, graphqlLimits.includeStacktrace),
    logger,
  });
  app.use(
    '/graphql',
    jsonBodyParser({ limit: GRAPHQL_BODY_LIMIT_BYTES }), // express.json, aware of bodies the lean entry already read
    cookieParser(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => graphqlContextFor(req, res, await resolveViewer(req, services), services),
    }),
  );
  app.use(consoleRoutes(config.consoleDistDir));

  return {
    requestListener: leanGraphqlEntry({ fastPath, app, services, logger }),
    app,
    apollo,
    fastPathStats: fastPath.stats,
    async stop() {
      await apollo.stop();
      await services.stripeWebhooks.whenIdle();
    },
  };
}

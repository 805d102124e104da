import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  execute,
  Kind,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { Logger } from 'pino';
import type { Services } from '../services';
import { graphqlContextFor, type Viewer } from './context';
import { rateLimitedBody } from '../modules/usage/hourly-request-limit';

/** The client-app operations on the metering hot path; only documents made of these root fields take this path. */
const FAST_ROOT_FIELDS = new Set(['checkAndTrackUsage', 'trackUsage', 'trackUsageBatch', 'entitlementCheck', 'consumeCredits']);
const MAX_CACHED_DOCUMENTS = 500;

interface PreparedDocument {
  document: DocumentNode;
  operationName: string | undefined;
}

export interface FastPathOptions {
  services: Services;
  schema: GraphQLSchema;
  /** The same extra validation rules Apollo Server runs (graphql-armor's). */
  validationRules: ValidationRule[];
  resolveViewer(req: Request): Promise<Viewer>;
  formatError(error: GraphQLError): unknown;
  logger: Logger;
}

/**
 * A lean path for client apps' metering calls (API key, JSON body): the document is parsed and validated once and
 * then executed straight against the same schema, resolvers, authorization and error formatting as Apollo
 * Server, without its per-request pipeline. Anything else — another caller, another operation, a document that
 * does not validate, variables that do not coerce — goes on to Apollo Server untouched, so every error a client
 * can see is still produced in one place. Nothing has run when a request is handed on.
 */
export function clientAppFastPath(options: FastPathOptions): RequestHandler & { stats: { executed: number } } {
  const { schema, services } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  const documents = new Map<string, PreparedDocument | null>();
  const stats = { executed: 0 };

  const prepare = (query: string, operationName: unknown): PreparedDocument | null => {
    const cacheKey = `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;
    const cached = documents.get(cacheKey);
    if (cached !== undefined) return cached;
    const prepared = prepareDocument(schema, rules, query, operationName, services.config.graphql.maxTokens);
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.clear();
    documents.set(cacheKey, prepared);
    return prepared;
  };

  const handler: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
    if (req.method !== 'POST' || !body || typeof body.query !== 'string' || body.extensions !== undefined) return next();
    if (!/^bearer\s/i.test(req.headers.authorization ?? '')) return next();
    if (body.variables !== undefined && body.variables !== null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) return next();
    try {
      const prepared = prepare(body.query, body.operationName);
      if (!prepared) return next();
      const viewer = await options.resolveViewer(req);
      if (viewer.kind !== 'apiKey') return next();

      const refusal = await admit(services, viewer.organizationId, options.logger);
      if (refusal) {
        res.status(429).setHeader('retry-after', String(refusal.retryAfterSeconds));
        res.json(rateLimitedBody(refusal.retryAfterSeconds));
        return;
      }
      const contextValue = graphqlContextFor(req, res, viewer, services);
      const result = await execute({
        schema,
        document: prepared.document,
        operationName: prepared.operationName,
        variableValues: (body.variables as Record<string, unknown> | null | undefined) ?? undefined,
        contextValue,
      });
      // No data at all: the variables did not coerce. Nothing ran; Apollo Server words that answer.
      if (result.data === undefined) return next();
      stats.executed += 1;
      const errors = result.errors?.map((error) => options.formatError(error));
      res.setHeader('content-type', 'application/json; charset=utf-8');
      // Byte for byte what Apollo Server sends (it ends its JSON with a newline).
      res.end(`${JSON.stringify(errors ? { errors, data: result.data } : { data: result.data })}\n`);
    } catch (error) {
      next(error);
    }
  };
  return Object.assign(handler, { stats });
}

async function admit(services: Services, organizationId: string, logger: Logger) {
  try {
    return await services.requestLimits.admit(organizationId);
  } catch (error) {
    // As in the Apollo plugin: limiting is protection, not correctness.
    logger.error({ err: error }, 'hourly request limit unavailable; request let through');
    return null;
  }
}

function prepareDocument(schema: GraphQLSchema, rules: readonly ValidationRule[], query: string, operationName: unknown, maxTokens: number): PreparedDocument | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const wanted = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!wanted || wanted.operation === 'subscription') return null;
  if (document.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION)) return null;
  const rootFields = wanted.selectionSet.selections;
  if (!rootFields.every((s) => s.kind === Kind.FIELD && FAST_ROOT_FIELDS.has(s.name.value) && !s.directives?.length)) return null;
  if (validate(schema, document, rules).length > 0) return null;
  return { document, operationName: wanted.name?.value };
}

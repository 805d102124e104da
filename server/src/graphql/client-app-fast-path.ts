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
import type { GraphQLContext, Viewer } from './context';
import { rateLimitedBody } from '../modules/usage/hourly-request-limit';

/** The client-app operations on the metering hot path; only documents made of these root fields take this path. */
const FAST_ROOT_FIELDS = new Set(['checkAndTrackUsage', 'trackUsage', 'trackUsageBatch', 'entitlementCheck', 'consumeCredits']);
const MAX_CACHED_DOCUMENTS = 500;
const JSON_UTF8 = 'application/json; charset=utf-8';

interface PreparedDocument {
  document: DocumentNode;
  operationName: string | undefined;
}

export type ApiKeyViewer = Extract<Viewer, { kind: 'apiKey' }>;

/** One POST /graphql call as the HTTP layer read it: the parsed JSON body and the Authorization header. */
export interface ClientAppCall {
  body: unknown;
  authorization: string | undefined;
  /** The operation's context, built by the HTTP layer that owns the request. */
  contextFor(viewer: ApiKeyViewer): GraphQLContext;
}

/** A complete HTTP answer, byte for byte what Apollo Server (or its 429 plugin) would send. */
export interface FastPathAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  organizationId: string;
}

export interface FastPathOptions {
  services: Services;
  schema: GraphQLSchema;
  /** The same extra validation rules Apollo Server runs (graphql-armor's). */
  validationRules: ValidationRule[];
  /** The viewer for a Bearer Authorization header (the same resolution Apollo Server's context uses). */
  authenticate(authorization: string): Promise<Viewer>;
  formatError(error: GraphQLError): unknown;
  logger: Logger;
}

export interface ClientAppFastPath {
  /** The answer, or null when the call is not this path's: then nothing has run and Apollo Server must answer it. */
  answer(call: ClientAppCall): Promise<FastPathAnswer | null>;
  /** Calls answered here (tests check which path answered). */
  stats: { executed: number };
}

/**
 * A lean path for client apps' metering calls (API key, JSON body): the document is parsed and validated once and
 * then executed straight against the same schema, resolvers, authorization and error formatting as Apollo
 * Server, without its per-request pipeline. Anything else — another caller, another operation, a document that
 * does not validate, variables that do not coerce — is declined and goes on to Apollo Server untouched, so every
 * error a client can see is still produced in one place. It knows nothing of HTTP framing (see http/lean-graphql-entry.ts).
 */
export function clientAppFastPath(options: FastPathOptions): ClientAppFastPath {
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

  async function answer(call: ClientAppCall): Promise<FastPathAnswer | null> {
    const body = call.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | null;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string' || body.extensions !== undefined) return null;
    if (!call.authorization || !/^bearer\s/i.test(call.authorization)) return null;
    if (body.variables !== undefined && body.variables !== null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) return null;
    const prepared = prepare(body.query, body.operationName);
    if (!prepared) return null;
    const viewer = await options.authenticate(call.authorization);
    if (viewer.kind !== 'apiKey') return null;
    const { organizationId } = viewer;

    const refusal = await admit(services, organizationId, options.logger);
    if (refusal) {
      const headers = { 'content-type': JSON_UTF8, 'retry-after': String(refusal.retryAfterSeconds) };
      return { status: 429, headers, body: JSON.stringify(rateLimitedBody(refusal.retryAfterSeconds)), organizationId };
    }
    const result = await execute({
      schema,
      document: prepared.document,
      operationName: prepared.operationName,
      variableValues: (body.variables as Record<string, unknown> | null | undefined) ?? undefined,
      contextValue: call.contextFor(viewer),
    });
    // No data at all: the variables did not coerce. Nothing ran; Apollo Server words that answer.
    if (result.data === undefined) return null;
    stats.executed += 1;
    const errors = result.errors?.map((error) => options.formatError(error));
    // Byte for byte what Apollo Server sends (it ends its JSON with a newline).
    const text = `${JSON.stringify(errors ? { errors, data: result.data } : { data: result.data })}\n`;
    return { status: 200, headers: { 'content-type': JSON_UTF8 }, body: text, organizationId };
  }
  return { answer, stats };
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

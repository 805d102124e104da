import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import { plainRequestContext } from '../graphql/context';
import type { ClientAppFastPath } from '../graphql/client-app-fast-path';
import type { Services } from '../services';
import { handOffToExpress } from './express-handoff';
import { requestIdOf } from './request-id';

/** The JSON body limit on /graphql (express.json's in app.ts too); larger bodies go to Express, which refuses them. */
export const GRAPHQL_BODY_LIMIT_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The HTTP server's request listener, in front of Express: it takes only client apps' plain JSON POST /graphql
 * calls (Bearer key, known length up to the limit), reads and parses the body itself and asks the client-app fast
 * path for an answer, which it writes with the same status, headers and bytes Express would have sent. This skips
 * Express's router, pino-http's per-request child logger and serializers, body-parser and cookie-parser for the
 * metering hot path. Everything else, including every call the fast path declines, goes to Express as it came,
 * the already-read body handed over (see express-handoff.ts).
 */
export function leanGraphqlEntry(options: { fastPath: ClientAppFastPath; app: Express; services: Services; logger: Logger }): RequestListener {
  const { fastPath, app, services, logger } = options;

  async function answer(req: IncomingMessage, res: ServerResponse, raw: Buffer, started: number): Promise<void> {
    const body = jsonObjectOf(raw);
    if (!body) {
      handOffToExpress(req, { raw });
      return void app(req, res);
    }
    const requestId = requestIdOf(req);
    let answered: Awaited<ReturnType<ClientAppFastPath['answer']>>;
    try {
      answered = await fastPath.answer({
        body,
        authorization: req.headers.authorization,
        contextFor: (viewer) =>
          plainRequestContext(
            {
              requestId,
              childLogger: () => logger.child({ req: { id: requestId, method: req.method, url: req.url } }),
              expressView: () => expressView(app, req, res),
            },
            viewer,
            services,
          ),
      });
    } catch (error) {
      handOffToExpress(req, { body, error });
      return void app(req, res);
    }
    if (!answered) {
      handOffToExpress(req, { body });
      return void app(req, res);
    }
    res.writeHead(answered.status, { 'x-request-id': requestId, 'content-length': Buffer.byteLength(answered.body), ...answered.headers });
    res.end(answered.body);
    // pino-http's "request completed" line, with the fields that matter and no per-request logger.
    logger.info(
      { req: { id: requestId, method: req.method, url: req.url }, res: { statusCode: answered.status }, responseTime: Date.now() - started, organizationId: answered.organizationId },
      'request completed',
    );
  }

  return (req, res) => {
    if (!isLeanCall(req)) return void app(req, res);
    const started = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), started).catch((error: unknown) => {
        logger.error({ err: error }, 'lean GraphQL entry failed');
        res.destroy();
      });
    });
    // An aborted upload: there is no one left to answer (Node closes the socket).
    req.on('error', () => undefined);
  };
}

/** Whether this entry takes the request; if not, Express gets it untouched. */
function isLeanCall(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined || (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity')) return false;
  if (!headers.authorization || !/^bearer\s/i.test(headers.authorization)) return false;
  if (!headers['content-type'] || !JSON_CONTENT_TYPE.test(headers['content-type'])) return false;
  const length = Number(headers['content-length']);
  return headers['content-length'] !== undefined && headers['content-length'] !== '' && Number.isInteger(length) && length >= 0 && length <= GRAPHQL_BODY_LIMIT_BYTES;
}

/** The body when it is a JSON object (what express.json would make req.body); undefined for anything else. */
function jsonObjectOf(raw: Buffer): object | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What Express's app.handle makes of a request, for the rare resolver that wants Express's API (cookies, req.ip). */
function expressView(app: Express, req: IncomingMessage, res: ServerResponse): { req: Request; res: Response } {
  const request = req as Request;
  const response = res as Response;
  request.res = response;
  response.req = request;
  Object.setPrototypeOf(request, app.request);
  Object.setPrototypeOf(response, app.response);
  response.locals ??= Object.create(null);
  return { req: request, res: response };
}

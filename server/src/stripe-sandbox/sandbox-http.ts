import http from 'node:http';
import { createHash } from 'node:crypto';
import qs from 'qs';
import type { Logger } from 'pino';
import { SandboxApiError } from './sandbox-errors';
import { randomToken } from './sandbox-ids';
import type { ApiRoute, PageRoute } from './sandbox-routes';
import { RouteTable } from './sandbox-routes';
import { SANDBOX_API_VERSION, type SandboxStore, type StripeObject } from './sandbox-store';
import { expandObject } from './sandbox-expand';

/** Sandbox-only controls (reading and advancing the clock) over HTTP, guarded by the secret key like the API. */
export interface ControlRoute {
  method: 'GET' | 'POST';
  pattern: string;
  handle(body: StripeObject): Promise<StripeObject>;
}

/** A POST's answer kept for replay under its Idempotency-Key. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_IDEMPOTENCY_KEYS = 50_000;
const QS_OPTIONS = { depth: 20, arrayLimit: 1000, parameterLimit: 10_000 };

export interface SandboxHttpOptions {
  store: SandboxStore;
  secretKey: string;
  apiRoutes: ApiRoute[];
  pageRoutes: PageRoute[];
  controlRoutes: ControlRoute[];
  logger?: Logger;
  /** Answers kept for idempotent replay; pass a map to share it (the state file saves the newest). */
  idempotency?: Map<string, StoredResponse>;
  /** Called after every request that may have changed state (anything but GET). */
  onChange?: () => void;
}

/** The sandbox's HTTP face: Stripe's REST conventions on /v1, browser pages elsewhere, controls on /sandbox. */
export function createSandboxHttpServer(options: SandboxHttpOptions): http.Server {
  const api = new RouteTable(options.apiRoutes);
  const pages = new RouteTable(options.pageRoutes);
  const controls = new RouteTable(options.controlRoutes);
  const idempotency = options.idempotency ?? new Map<string, StoredResponse>();

  function sendJson(res: http.ServerResponse, status: number, body: unknown, requestId: string, extraHeaders: Record<string, string> = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': requestId,
      'stripe-version': SANDBOX_API_VERSION,
      'content-length': Buffer.byteLength(text),
      ...extraHeaders,
    });
    res.end(text);
  }

  function authenticate(req: http.IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    let key: string | undefined;
    if (header.startsWith('Bearer ')) key = header.slice(7).trim();
    else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
    if (!key) {
      throw new SandboxApiError(401, 'invalid_request_error', 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').');
    }
    if (key !== options.secretKey) {
      throw new SandboxApiError(401, 'invalid_request_error', `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`, 'api_key_invalid');
    }
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string, requestId: string) {
    authenticate(req);
    const method = req.method ?? 'GET';
    const found = api.match(method, url.pathname);
    if (!found || found === 'method_not_allowed') {
      throw new SandboxApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
    }
    const params: StripeObject = { ...qs.parse(url.search.slice(1), QS_OPTIONS), ...(method === 'POST' ? qs.parse(raw, QS_OPTIONS) : {}) };
    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    if (idempotencyKey) {
      const fingerprint = createHash('sha256').update(`${method} ${url.pathname}\n${JSON.stringify(params)}`).digest('hex');
      const previous = idempotency.get(idempotencyKey);
      if (previous && previous.fingerprint !== fingerprint) {
        throw new SandboxApiError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
      }
      if (previous) {
        sendJson(res, previous.status, previous.body, requestId, { 'idempotent-replayed': 'true', 'original-request': previous.requestId, 'idempotency-key': idempotencyKey });
        return;
      }
      const { status, body } = runApi(found.route, found.pathParams, params, url.pathname, method, requestId, idempotencyKey);
      // Like Stripe, results are saved for replay whatever they were, except server errors (which may be retried).
      if (status < 500) idempotency.set(idempotencyKey, { fingerprint, status, body, requestId });
      // The SDK keys every POST; keep the newest keys only (Stripe forgets them after 24 hours).
      if (idempotency.size > MAX_IDEMPOTENCY_KEYS) idempotency.delete(idempotency.keys().next().value!);
      sendJson(res, status, body, requestId, { 'idempotency-key': idempotencyKey });
      return;
    }
    const { status, body } = runApi(found.route, found.pathParams, params, url.pathname, method, requestId, null);
    sendJson(res, status, body, requestId);
  }

  function runApi(route: ApiRoute, pathParams: Record<string, string>, params: StripeObject, path: string, method: string, requestId: string, idempotencyKey: string | null) {
    options.store.currentRequest = { id: requestId, idempotency_key: idempotencyKey };
    try {
      const result = structuredClone(route.handle({ method, path, params, pathParams }));
      const expand = params.expand === undefined ? [] : Array.isArray(params.expand) ? params.expand : [params.expand];
      for (const path of expand as string[]) expandObject(result, String(path).split('.'), options.store);
      return { status: 200, body: JSON.stringify(result, null, 2) };
    } catch (error) {
      if (error instanceof SandboxApiError) return { status: error.status, body: JSON.stringify(error.body(), null, 2) };
      throw error;
    } finally {
      options.store.currentRequest = { id: null, idempotency_key: null };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestId = `req_${randomToken(14)}`;
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.local');
      const raw = await readBody(req);
      if (url.pathname.startsWith('/v1/')) return await handleApi(req, res, url, raw, requestId);
      if (url.pathname.startsWith('/sandbox/')) {
        authenticate(req);
        const found = controls.match(req.method ?? 'GET', url.pathname);
        if (!found || found === 'method_not_allowed') throw new SandboxApiError(404, 'invalid_request_error', `Unrecognized sandbox control (${req.method}: ${url.pathname}).`);
        const body = raw ? (req.headers['content-type']?.includes('json') ? JSON.parse(raw) : qs.parse(raw, QS_OPTIONS)) : {};
        return sendJson(res, 200, await found.route.handle(body), requestId);
      }
      const found = pages.match(req.method ?? 'GET', url.pathname);
      if (!found || found === 'method_not_allowed') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const form = req.method === 'POST' ? qs.parse(raw, QS_OPTIONS) : {};
      const page = found.route.handle(found.pathParams, form, url.searchParams);
      res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body ?? '');
    } catch (error) {
      if (error instanceof SandboxApiError) return sendJson(res, error.status, error.body(), requestId);
      options.logger?.error({ err: error, url: req.url }, 'stripe sandbox: request failed');
      sendJson(res, 500, new SandboxApiError(500, 'api_error', 'An unexpected error occurred in the Stripe sandbox.').body(), requestId);
    }
  }

  return http.createServer((req, res) => {
    void handle(req, res).finally(() => {
      if (req.method !== 'GET' && req.method !== 'HEAD') options.onChange?.();
    });
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SandboxApiError(400, 'invalid_request_error', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

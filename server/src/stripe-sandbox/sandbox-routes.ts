import type { StripeObject } from './sandbox-store';

/** One API call as the route handlers see it: params merged from query and form body, path parameters named. */
export interface ApiRequest {
  method: string;
  path: string;
  params: StripeObject;
  pathParams: Record<string, string>;
}

/**
 * An API route. Handlers are synchronous on purpose: every change to the in-memory state happens in one turn of the
 * event loop, so concurrent requests never see half an operation (Stripe's objects change atomically too).
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  handle(request: ApiRequest): StripeObject;
}

/** A browser-facing page (checkout, portal, hosted invoice): HTML, a redirect or a file. */
export interface PageResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface PageRoute {
  method: 'GET' | 'POST';
  pattern: string;
  handle(pathParams: Record<string, string>, form: StripeObject, query: URLSearchParams): PageResponse;
}

interface Compiled<R> {
  route: R;
  regex: RegExp;
  names: string[];
}

/** Matches `/v1/customers/:id` style patterns. */
export class RouteTable<R extends { method: string; pattern: string }> {
  private readonly compiled: Compiled<R>[];
  constructor(routes: R[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, regex: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): { route: R; pathParams: Record<string, string> } | 'method_not_allowed' | undefined {
    let pathMatched = false;
    for (const { route, regex, names } of this.compiled) {
      const found = regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => (pathParams[name] = decodeURIComponent(found[i + 1]!)));
      return { route, pathParams };
    }
    return pathMatched ? 'method_not_allowed' : undefined;
  }
}

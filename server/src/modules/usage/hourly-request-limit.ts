import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Clock } from '../../clock';
import type { GraphQLContext } from '../../graphql/context';
import type { EntitlementService } from './entitlement.service';
import { usageErrors } from './usage.errors';

/** How long an organization's plan limit is trusted before it is read again (a plan change shows within this). */
const LIMIT_CACHE_MS = 60_000;
/**
 * A limit this old is read again in the background by the organization's next request, which goes on with the
 * cached one: an organization that keeps calling never waits for the read (4 statements), which otherwise fell
 * on one of its requests every minute.
 */
const LIMIT_REFRESH_AFTER_MS = 45_000;
const MAX_CACHED_ORGANIZATIONS = 10_000;
const HOUR_SECONDS = 3_600;

/**
 * Client-app (API key) GraphQL operations per organization per hour, as the plan version's
 * hourly_request_limit says (null: unlimited). One fixed window per organization (rate-limiter-flexible);
 * the count is kept while the plan changes, and each limit is compared against it. In memory, per process,
 * like the sign-in limits.
 */
export class HourlyRequestLimiter {
  private readonly counts = new RateLimiterMemory({ keyPrefix: 'org_hourly_requests', points: 2 ** 31 - 1, duration: HOUR_SECONDS });
  private readonly limits = new Map<string, CachedLimit>();

  constructor(
    private readonly entitlements: EntitlementService,
    private readonly clock: Clock,
  ) {}

  /** The Apollo Server plugin that applies this limiter (see hourlyRequestLimitPlugin). */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return hourlyRequestLimitPlugin(this);
  }

  /** Counts one operation; null when it may run, otherwise how long to wait. */
  async admit(organizationId: string): Promise<{ retryAfterSeconds: number } | null> {
    const limit = await this.limitOf(organizationId);
    if (limit === null) return null;
    const state = await this.counts.consume(organizationId, 1);
    if (state.consumedPoints <= limit) return null;
    return { retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
  }

  private limitOf(organizationId: string): Promise<number | null> {
    const now = this.clock.now().getTime();
    const cached = this.limits.get(organizationId);
    if (cached && cached.expiresAt > now) {
      if (!cached.refreshing && now - cached.readAt >= LIMIT_REFRESH_AFTER_MS) this.refresh(organizationId, cached);
      return cached.limit;
    }
    return this.read(organizationId, now).limit;
  }

  /** Reads the limit and caches the promise, so concurrent first requests share one read; a failed read is not kept. */
  private read(organizationId: string, now: number): CachedLimit {
    if (this.limits.size >= MAX_CACHED_ORGANIZATIONS) this.limits.clear();
    const limit = this.entitlements.hourlyRequestLimit(organizationId);
    const entry = cachedLimit(limit, now);
    this.limits.set(organizationId, entry);
    limit.catch(() => {
      if (this.limits.get(organizationId) === entry) this.limits.delete(organizationId);
    });
    return entry;
  }

  /** Replaces a cached limit once a new read has succeeded; until then (or if it fails) the cached one stands. */
  private refresh(organizationId: string, cached: CachedLimit): void {
    cached.refreshing = true;
    const now = this.clock.now().getTime();
    this.entitlements.hourlyRequestLimit(organizationId).then(
      (limit) => {
        if (this.limits.get(organizationId) !== cached) return;
        this.limits.set(organizationId, cachedLimit(Promise.resolve(limit), now));
      },
      () => {
        cached.refreshing = false; // the next request tries again
      },
    );
  }
}

interface CachedLimit {
  limit: Promise<number | null>;
  readAt: number;
  expiresAt: number;
  /** A background read is under way. */
  refreshing: boolean;
}

const cachedLimit = (limit: Promise<number | null>, readAt: number): CachedLimit => ({ limit, readAt, expiresAt: readAt + LIMIT_CACHE_MS, refreshing: false });

/**
 * Installed as an Apollo Server plugin: it runs once per operation, after the viewer is known and before any
 * resolver, and can answer with HTTP 429 and Retry-After (a per-field type-graphql middleware would run for
 * every field of every response). The body has the shape every Tollgate error has.
 */
export function hourlyRequestLimitPlugin(limiter: HourlyRequestLimiter): ApolloServerPlugin<GraphQLContext> {
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async responseForOperation({ contextValue }) {
      const { viewer } = contextValue;
      if (viewer.kind !== 'apiKey') return null;
      let refusal: { retryAfterSeconds: number } | null;
      try {
        refusal = await limiter.admit(viewer.organizationId);
      } catch (error) {
        // Limiting is protection, not correctness: if the plan cannot be read, the operation itself will say so.
        contextValue.logger.error({ err: error }, 'hourly request limit unavailable; request let through');
        return null;
      }
      if (!refusal) return null;
      return {
        http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
        body: { kind: 'single', singleResult: rateLimitedBody(refusal.retryAfterSeconds) },
      };
    },
  };
  return { requestDidStart: async () => listener };
}

/** The 429 answer's body: the shape every Tollgate error has. */
export function rateLimitedBody(retryAfterSeconds: number) {
  const error = usageErrors.rateLimited(retryAfterSeconds);
  return { errors: [{ message: error.message, extensions: { code: error.code, details: error.details } }] };
}

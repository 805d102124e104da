import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { identityErrors } from './identity.errors';

export interface LoginRateLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per email and all attempts per IP (rate-limiter-flexible: fixed windows with
 * correct retry-after arithmetic). In memory: each instance limits on its own, which still caps guessing.
 */
export class LoginRateLimiter {
  private readonly byEmail: RateLimiterMemory;
  private readonly byIp: RateLimiterMemory;

  constructor(limits: LoginRateLimits) {
    this.byEmail = new RateLimiterMemory({ keyPrefix: 'login_email', points: limits.perEmail, duration: limits.windowSeconds });
    this.byIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: limits.perIp, duration: limits.windowSeconds });
  }

  /** Throws RATE_LIMITED before any password work when either budget is spent. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [emailState, ipState] = await Promise.all([this.byEmail.get(email), this.byIp.get(ip)]);
    const blocked = [emailState, ipState].filter(
      (state, i): state is RateLimiterRes => state !== null && state.consumedPoints >= (i === 0 ? this.byEmail.points : this.byIp.points),
    );
    if (blocked.length > 0) {
      const retryAfterMs = Math.max(...blocked.map((s) => s.msBeforeNext));
      throw identityErrors.tooManyAttempts(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
    await this.byIp.penalty(ip, 1);
  }

  async recordFailure(email: string): Promise<void> {
    await this.byEmail.penalty(email, 1);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byEmail.delete(email);
  }
}

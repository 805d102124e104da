import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import type { OrganizationService } from '../organizations/organization.service';
import { identityErrors } from './identity.errors';
import type { LoginRateLimiter } from './login-rate-limiter';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password';
import { newSecretToken, sha256 } from './secret-token';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export interface SignUpInput {
  email: string;
  password: string;
  displayName?: string | null;
  organizationName: string;
}

export interface SignedIn {
  user: UserEntity;
  /** The cookie value: shown to the browser once, stored only as a hash. */
  sessionToken: string;
  expiresAt: Date;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users, passwords and console sessions. */
export class IdentityService {
  constructor(
    private readonly database: Database,
    private readonly organizations: OrganizationService,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly clock: Clock,
    private readonly sessionTtlHours: number,
  ) {}

  /** Creates the user, their first organization (as OWNER) and a session, all or nothing. */
  async signUp(input: SignUpInput): Promise<SignedIn> {
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.database.asPlatform(async (manager) => {
        const user = await manager.save(
          manager.create(UserEntity, { email, passwordHash, displayName: input.displayName?.trim() || null }),
        );
        await this.organizations.createWithOwner(manager, input.organizationName, user.id);
        return this.openSession(manager, user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw identityErrors.emailTaken();
      throw error;
    }
  }

  async logIn(emailInput: string, password: string, ip: string): Promise<SignedIn> {
    const email = normaliseEmail(emailInput);
    await this.rateLimiter.assertAllowed(email, ip);
    const user = await this.database.asPlatform((m) =>
      m.createQueryBuilder(UserEntity, 'user').addSelect('user.passwordHash').where('user.email = :email', { email }).getOne(),
    );
    const valid = await verifyPassword(user?.passwordHash ?? decoyPasswordHash, password);
    if (!user || !valid) {
      await this.rateLimiter.recordFailure(email);
      throw identityErrors.invalidCredentials();
    }
    await this.rateLimiter.recordSuccess(email);
    return this.database.asPlatform((manager) => this.openSession(manager, user));
  }

  async logOut(sessionToken: string): Promise<void> {
    await this.database.asPlatform((m) => m.delete(SessionEntity, { tokenHash: sha256(sessionToken) }));
  }

  /** The signed-in user for a cookie value, or null when unknown or expired (expired sessions are removed). */
  async userForSession(sessionToken: string): Promise<UserEntity | null> {
    return this.database.asPlatform(async (manager) => {
      const session = await manager.findOneBy(SessionEntity, { tokenHash: sha256(sessionToken) });
      if (!session) return null;
      if (session.expiresAt.getTime() <= this.clock.now().getTime()) {
        await manager.delete(SessionEntity, { id: session.id });
        return null;
      }
      return manager.findOneBy(UserEntity, { id: session.userId });
    });
  }

  /** Housekeeping job: sessions past their expiry are otherwise only removed when presented. */
  async deleteExpiredSessions(): Promise<number> {
    const result = await this.database.asPlatform((m) =>
      m.createQueryBuilder().delete().from(SessionEntity).where('expires_at <= :now', { now: this.clock.now() }).execute(),
    );
    return result.affected ?? 0;
  }

  /** Creates a user with no organization (platform admins, seeding). Returns the existing one untouched if present. */
  async ensureUser(input: { email: string; password: string; isPlatformAdmin: boolean; displayName?: string }): Promise<{ user: UserEntity; created: boolean }> {
    const email = normaliseEmail(input.email);
    const existing = await this.database.asPlatform((m) => m.findOneBy(UserEntity, { email }));
    if (existing) return { user: existing, created: false };
    const passwordHash = await hashPassword(input.password);
    const user = await this.database.asPlatform((m) =>
      m.save(m.create(UserEntity, { email, passwordHash, isPlatformAdmin: input.isPlatformAdmin, displayName: input.displayName ?? null })),
    );
    return { user, created: true };
  }

  async findUser(userId: string): Promise<UserEntity | null> {
    return this.database.asPlatform((m) => m.findOneBy(UserEntity, { id: userId }));
  }

  private async openSession(manager: EntityManager, user: UserEntity): Promise<SignedIn> {
    const sessionToken = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.sessionTtlHours * 3_600_000);
    await manager.insert(SessionEntity, { userId: user.id, tokenHash: sha256(sessionToken), expiresAt });
    return { user, sessionToken, expiresAt };
  }
}

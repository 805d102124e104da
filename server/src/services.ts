import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { IdentityService } from './modules/identity/identity.service';
import { LoginRateLimiter } from './modules/identity/login-rate-limiter';
import { OrganizationService } from './modules/organizations/organization.service';

/** The composition root: every service, wired once per process (or per test app). */
export interface Services {
  config: Config;
  database: Database;
  clock: Clock;
  identity: IdentityService;
  organizations: OrganizationService;
  apiKeys: ApiKeyService;
}

export function createServices(config: Config, database: Database, clock: Clock): Services {
  const organizations = new OrganizationService(database);
  const identity = new IdentityService(database, organizations, new LoginRateLimiter(config.loginRateLimit), clock, config.session.ttlHours);
  const apiKeys = new ApiKeyService(database, clock);
  return { config, database, clock, identity, organizations, apiKeys };
}

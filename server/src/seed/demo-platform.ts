import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ApiKeyScope } from '../modules/api-keys/api-key-scope';
import { MembershipRole } from '../modules/organizations/membership-role';
import { OrganizationEntity } from '../modules/organizations/organization.entity';
import type { Services } from '../services';

/** Where the demo API keys are written, relative to the working directory. */
export const DEMO_KEYS_FILE = '.tollgate/demo-api-keys.txt';
export const DEMO_PASSWORD = 'tollgate-demo-1';
export const DEMO_ADMIN = { email: 'admin@tollgate.local', password: 'tollgate-admin-1' };

const demoOrganizations = [
  { name: 'Acme AI', owner: 'owner@acme.test', members: ['member@acme.test'] },
  { name: 'Globex Labs', owner: 'owner@globex.test', members: [] },
  { name: 'Initech', owner: 'owner@initech.test', members: [] },
];

/** True when no organization exists yet: the only time `npm start` loads demo data by itself. */
export async function platformIsEmpty(services: Services): Promise<boolean> {
  return !(await services.database.asPlatform((m) => m.exists(OrganizationEntity)));
}

/**
 * A small demo platform to explore right after start: one platform admin and three organizations with
 * owners, a member and an API key each. Safe to run again: existing users and organizations are kept.
 */
export async function seedDemoPlatform(services: Services, logger: Logger): Promise<void> {
  const demoKeys: string[] = [];
  await services.identity.ensureUser({ ...DEMO_ADMIN, isPlatformAdmin: true, displayName: 'Platform Admin' });
  for (const demo of demoOrganizations) {
    const { user: owner } = await services.identity.ensureUser({ email: demo.owner, password: DEMO_PASSWORD, isPlatformAdmin: false });
    const memberships = await services.organizations.membershipsOf(owner.id);
    if (memberships.some((m) => m.organization.name === demo.name)) continue;
    const organization = await services.organizations.createForUser(demo.name, owner.id);
    for (const email of demo.members) {
      await services.identity.ensureUser({ email, password: DEMO_PASSWORD, isPlatformAdmin: false });
      await services.organizations.addMember(organization.id, email, MembershipRole.MEMBER, MembershipRole.OWNER);
    }
    const key = await services.apiKeys.create(organization.id, 'Demo app', [ApiKeyScope.ENTITLEMENTS_READ, ApiKeyScope.USAGE_WRITE], { type: 'user', id: owner.id });
    demoKeys.push(`${demo.name}\t${key.secret}`);
  }
  // Secrets never go to the log: the demo keys are written once to a file only this user can read.
  const keysFile = path.resolve(DEMO_KEYS_FILE);
  if (demoKeys.length > 0) {
    fs.mkdirSync(path.dirname(keysFile), { recursive: true });
    // Rewritten, not appended: keys of an earlier (deleted) database would only mislead.
    fs.writeFileSync(keysFile, `# Demo API keys created by the last seeding (organization<TAB>key)\n${demoKeys.join('\n')}\n`, { mode: 0o600 });
  }
  logger.info({ admin: DEMO_ADMIN.email, owners: demoOrganizations.map((o) => o.owner), apiKeysFile: keysFile }, 'demo platform loaded (passwords in README)');
}

import type { Logger } from 'pino';
import type { Services } from './services';

/** Creates the first platform admin from ADMIN_EMAIL/ADMIN_PASSWORD once; an existing user is never overwritten. */
export async function ensureBootstrapAdmin(services: Services, logger: Logger): Promise<void> {
  const admin = services.config.bootstrapAdmin;
  if (!admin) return;
  const { user, created } = await services.identity.ensureUser({ ...admin, isPlatformAdmin: true });
  if (created) logger.info({ userId: user.id, email: user.email }, 'platform admin created from ADMIN_EMAIL');
  else if (!user.isPlatformAdmin) logger.warn({ email: user.email }, 'ADMIN_EMAIL belongs to an existing user who is not a platform admin; left unchanged');
}

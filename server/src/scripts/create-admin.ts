import { parseArgs } from 'node:util';
import { runCommand } from './cli';

const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' } } });

void runCommand('create-admin', async (services, logger) => {
  if (!values.email || !values.password || values.password.length < 12) {
    throw new Error('usage: npm run create-admin -- --email admin@example.com --password <at least 12 characters>');
  }
  const { user, created } = await services.identity.ensureUser({ email: values.email, password: values.password, isPlatformAdmin: true });
  if (!created) throw new Error(`${user.email} already exists; it was left unchanged`);
  logger.info({ email: user.email }, 'platform admin created');
});

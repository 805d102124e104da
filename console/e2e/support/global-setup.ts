import serverGlobalSetup from '../../../server/test/support/global-setup';
import { chromiumAvailable, SKIP_NOTE } from './chromium';

/** The same PostgreSQL choice as the server's tests; the one-line note when the browser tests cannot run here. */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (!chromiumAvailable()) {
    console.log(`\n${SKIP_NOTE}`);
    return;
  }
  await serverGlobalSetup(globalConfig);
}

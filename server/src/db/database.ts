import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from './prepared-statements';

/** Role taken for tenant work: row-level security limits it to `app.current_org`. */
export const TENANT_ROLE = 'tollgate_tenant';
/** Role taken for platform-admin and system work (sign-in lookups, admin views): policies let it see every row. */
export const PLATFORM_ROLE = 'tollgate_platform';

/**
 * The only door to the database for services. Every unit of work is a short transaction that first takes a
 * non-owner role (SET LOCAL ROLE) and, for tenants, the organization setting (set_config(..., true)); both end
 * with the transaction, so a pooled connection carries nothing to the next request.
 */
const TENANT_SCOPE_SQL = `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.current_org', $1, true)`;

export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** Work on behalf of one organization; PostgreSQL itself hides every other organization's rows. */
  inTenant<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // set_config('role', …, true) is SET LOCAL ROLE; both in one round trip, since every tenant request pays it.
      await queryPrepared(manager, 'tg_tenant_scope', TENANT_SCOPE_SQL, [organizationId]);
      return work(manager);
    });
  }

  /** Platform-wide work, named as such at every call site: admin views, sign-in and API-key lookups. */
  asPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
      return work(manager);
    });
  }
}

import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isUuid } from '../shared/uuid';
import { type PreparedStatement, holdWrites, inOneWrite, isPipelined, queryPrepared, runStatement, together, withArrayLiterals } from './prepared-statements';

interface PgClient {
  query(query: string | PreparedStatement): Promise<unknown>;
}

/** Role taken for tenant work: row-level security limits it to `app.current_org`. */
export const TENANT_ROLE = 'tollgate_tenant';
/** Role taken for platform-admin and system work (sign-in lookups, admin views): policies let it see every row. */
export const PLATFORM_ROLE = 'tollgate_platform';
/** Role taken by a metering group of several organizations: it sees those organizations' metering rows only. */
export const METERING_ROLE = 'tollgate_metering';

/**
 * The only door to the database for services. Every unit of work is a short transaction that first takes a
 * non-owner role (SET LOCAL ROLE) and, for tenants, the organization setting (set_config(..., true)); both end
 * with the transaction, so a pooled connection carries nothing to the next request.
 */
const TENANT_SCOPE_SQL = `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.current_org', $1, true)`;
const METERING_SCOPE_SQL = `SELECT set_config('role', '${METERING_ROLE}', true), set_config('app.current_orgs', $1, true)`;

/**
 * The open metering-group transactions on a pipelined pool (see Database.scopedGroup), each with the COMMIT its
 * last flight sent, if it did (see lastFlightWithCommit).
 */
const pipelinedGroups = new WeakMap<QueryRunner, PipelinedGroup>();

interface PipelinedGroup {
  client: PgClient;
  commit?: Promise<unknown>;
}

/**
 * A metering group's last statements and its COMMIT in one flight: PostgreSQL runs them in order, so the
 * statements are inside the transaction and the COMMIT ends it, without a round trip of its own for every group.
 * If a statement fails the transaction is aborted, the COMMIT only rolls it back, and the failure is thrown as
 * ever. The statements come built (parameters and all), so nothing can fail between sending them and sending the
 * COMMIT. Anywhere else (a pool that does not pipeline, a transaction owned by TypeORM) they run as together()
 * runs statements and the transaction's owner commits.
 */
export async function lastFlightWithCommit(manager: EntityManager, statements: PreparedStatement[]): Promise<void> {
  const group = manager.queryRunner && pipelinedGroups.get(manager.queryRunner);
  if (!group) {
    await together(manager, ...statements.map((statement) => () => runStatement(manager, statement)));
    return;
  }
  const [results, commit] = inOneWrite(group.client, () => [
    Promise.all(statements.map(({ name, text, values }) => group.client.query({ name, text, values: withArrayLiterals(values) }))),
    group.client.query('COMMIT'),
  ]);
  group.commit = commit;
  await Promise.all([results, commit]);
}

/** TypeORM's QueryRunner flag: while true, nothing inside (a save, an insert) opens a transaction of its own. */
function setTransactionActive(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}

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

  /**
   * Metering work for several organizations at once (a group of concurrent hot-path calls, db/tenant-batcher.ts):
   * PostgreSQL shows the metering tables' rows of exactly these organizations. One organization is plain tenant work.
   */
  inOrganizations<T>(organizationIds: readonly string[], work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (organizationIds.length === 1) return this.scopedGroup('tg_tenant_scope', TENANT_SCOPE_SQL, organizationIds[0]!, work);
    // The list travels as one comma-separated setting: only well-formed ids may go in.
    if (!organizationIds.every(isUuid)) throw new Error('inOrganizations takes organization ids');
    return this.scopedGroup('tg_metering_scope', METERING_SCOPE_SQL, organizationIds.join(','), work);
  }

  /**
   * A transaction for a metering group, opened without waiting: on a pipelined pool BEGIN and the scope go in the
   * same flight as the group's first statements (PostgreSQL still runs them in order, so those statements run
   * inside the transaction and scope; if the scope fails, the transaction is aborted and they fail too). The
   * group's statements are raw prepared ones; TypeORM is told a transaction is active so nothing opens another.
   */
  private async scopedGroup<T>(scopeName: string, scopeSql: string, scope: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PgClient;
    const pipelined = isPipelined(this.dataSource);
    // On a pipelined pool BEGIN, the scope and the work's first flight leave in one write.
    const sendFirstFlight = pipelined ? holdWrites(client) : () => undefined;
    const opening = Promise.all([client.query('BEGIN'), ...(pipelined ? [client.query({ name: scopeName, text: scopeSql, values: [scope] })] : [])]);
    opening.catch(() => undefined); // its failure is the group's (awaited below)
    setTransactionActive(runner, true);
    const group: PipelinedGroup = { client };
    if (pipelined) pipelinedGroups.set(runner, group);
    try {
      if (!pipelined) {
        await opening;
        await queryPrepared(runner.manager, scopeName, scopeSql, [scope]);
      }
      let working: Promise<T>;
      try {
        working = work(runner.manager);
      } finally {
        sendFirstFlight();
      }
      const result = await working;
      await opening;
      const committed = (await (group.commit ?? client.query('COMMIT'))) as { command?: string };
      // COMMIT of an aborted transaction answers ROLLBACK (a failure the work did not see is still a failure).
      if (committed.command !== 'COMMIT') throw new Error(`metering group ended with ${committed.command ?? 'no answer'}, not COMMIT`);
      return result;
    } catch (error) {
      // After a COMMIT sent with the last flight there is no transaction left: this only tells PostgreSQL so (a warning).
      await client.query('ROLLBACK').catch(() => undefined);
      // A failed BEGIN or scope is the cause; the group's statements then failed only because of it.
      throw (await opening.then(() => null, (openingError: unknown) => openingError)) ?? error;
    } finally {
      pipelinedGroups.delete(runner);
      setTransactionActive(runner, false);
      await runner.release();
    }
  }

  /** Platform-wide work, named as such at every call site: admin views, sign-in and API-key lookups. */
  asPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
      return work(manager);
    });
  }
}

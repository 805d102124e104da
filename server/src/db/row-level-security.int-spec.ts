import type { DataSource, EntityManager } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { addMember, createApiKey, signUpOwner, type SignedUpUser } from '../../test/support/factories';
import { createDataSource } from './data-source';
import { Database, PLATFORM_ROLE, TENANT_ROLE } from './database';

/** Row-level security checked on PostgreSQL itself, below the GraphQL layer. */
describe('row-level security', () => {
  let app: TestApp;
  let database: Database;
  let ownerA: SignedUpUser;
  let memberA: SignedUpUser;
  let ownerB: SignedUpUser;
  let keyA: { id: string };
  let keyB: { id: string };

  /** A transaction in the tenant role that never sets app.current_org. */
  const asTenantWithNoOrganization = <T>(work: (m: EntityManager) => Promise<T>) =>
    app.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
      return work(m);
    });
  const count = async (m: EntityManager | DataSource, table: string): Promise<number> =>
    (await m.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  /** Rows an UPDATE or DELETE touched, as a plain result row. */
  const touched = async (m: EntityManager, statement: string, parameters: unknown[]): Promise<number> =>
    (await m.query(`WITH touched AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM touched`, parameters))[0].n;

  beforeAll(async () => {
    app = await startTestApp();
    database = app.services.database;
    ownerA = await signUpOwner(app, 'Alpha');
    memberA = await addMember(app, ownerA, 'MEMBER');
    ownerB = await signUpOwner(app, 'Bravo');
    keyA = await createApiKey(app, ownerA);
    keyB = await createApiKey(app, ownerB);
  });
  afterAll(() => app.close());

  describe('the tenant role without app.current_org', () => {
    const tables = ['organizations', 'memberships', 'api_keys', 'users'];

    it.each(tables)('sees no rows of %s', async (table) => {
      // The rows exist: the owner connection sees them.
      expect(await count(app.dataSource, table)).toBeGreaterThan(0);
      expect(await asTenantWithNoOrganization((m) => count(m, table))).toBe(0);
    });

    it.each(tables)('sees no rows of %s when app.current_org is set to an empty string', async (table) => {
      const n = await asTenantWithNoOrganization(async (m) => {
        await m.query(`SELECT set_config('app.current_org', '', true)`);
        return count(m, table);
      });
      expect(n).toBe(0);
    });

    it('may not read sessions at all', async () => {
      await expect(asTenantWithNoOrganization((m) => m.query(`SELECT * FROM sessions`))).rejects.toThrow(/permission denied/);
    });
  });

  describe('inTenant(A)', () => {
    it('sees only A’s rows with no WHERE clause', async () => {
      const seen = await database.inTenant(ownerA.organizationId, async (m) => ({
        organizations: (await m.query(`SELECT id FROM organizations`)).map((r: { id: string }) => r.id),
        membershipOrganizations: (await m.query(`SELECT DISTINCT organization_id FROM memberships`)).map((r: { organization_id: string }) => r.organization_id),
        apiKeys: (await m.query(`SELECT id FROM api_keys`)).map((r: { id: string }) => r.id),
        users: (await m.query(`SELECT id FROM users ORDER BY id`)).map((r: { id: string }) => r.id),
      }));
      expect(seen.organizations).toEqual([ownerA.organizationId]);
      expect(seen.membershipOrganizations).toEqual([ownerA.organizationId]);
      expect(seen.apiKeys).toEqual([keyA.id]);
      expect(seen.users).toEqual([ownerA.userId, memberA.userId].sort());
      expect(seen.users).not.toContain(ownerB.userId);
    });

    it('does not find B’s rows even when asked for them by id', async () => {
      const found = await database.inTenant(ownerA.organizationId, async (m) => ({
        organization: await m.query(`SELECT id FROM organizations WHERE id = $1`, [ownerB.organizationId]),
        apiKey: await m.query(`SELECT id FROM api_keys WHERE id = $1`, [keyB.id]),
        owner: await m.query(`SELECT id FROM users WHERE id = $1`, [ownerB.userId]),
      }));
      expect(found).toEqual({ organization: [], apiKey: [], owner: [] });
    });

    it('cannot insert an API key into B (WITH CHECK), and none is stored', async () => {
      const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE organization_id = $1`, [ownerB.organizationId]);
      await expect(
        database.inTenant(ownerA.organizationId, (m) =>
          m.query(
            `INSERT INTO api_keys (organization_id, name, prefix, secret_hash, scopes) VALUES ($1, 'planted', 'tg_plantedkey00', 'x', ARRAY['USAGE_WRITE'])`,
            [ownerB.organizationId],
          ),
        ),
      ).rejects.toThrow(/violates row-level security policy/);
      const after = await app.dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE organization_id = $1`, [ownerB.organizationId]);
      expect(after[0].n).toBe(before[0].n);
    });

    it('cannot add a membership to B (WITH CHECK)', async () => {
      await expect(
        database.inTenant(ownerA.organizationId, (m) =>
          m.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [ownerB.organizationId, memberA.userId]),
        ),
      ).rejects.toThrow(/violates row-level security policy/);
      const [stored] = await app.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND user_id = $2`, [ownerB.organizationId, memberA.userId]);
      expect(stored.n).toBe(0);
    });

    it('cannot move its own API key into B (WITH CHECK on UPDATE)', async () => {
      await expect(
        database.inTenant(ownerA.organizationId, (m) => m.query(`UPDATE api_keys SET organization_id = $1 WHERE id = $2`, [ownerB.organizationId, keyA.id])),
      ).rejects.toThrow(/violates row-level security policy/);
      const [stored] = await app.dataSource.query(`SELECT organization_id FROM api_keys WHERE id = $1`, [keyA.id]);
      expect(stored.organization_id).toBe(ownerA.organizationId);
    });

    it('updates and deletes 0 of B’s rows, and B is unchanged', async () => {
      const snapshot = async () => ({
        organization: await app.dataSource.query(`SELECT * FROM organizations WHERE id = $1`, [ownerB.organizationId]),
        memberships: await app.dataSource.query(`SELECT * FROM memberships WHERE organization_id = $1 ORDER BY id`, [ownerB.organizationId]),
        apiKeys: await app.dataSource.query(`SELECT * FROM api_keys WHERE organization_id = $1 ORDER BY id`, [ownerB.organizationId]),
      });
      const before = await snapshot();
      const counts = await database.inTenant(ownerA.organizationId, async (m) => ({
        renameOrganization: await touched(m, `UPDATE organizations SET name = 'Hijacked' WHERE id = $1`, [ownerB.organizationId]),
        revokeKeys: await touched(m, `UPDATE api_keys SET revoked_at = now() WHERE organization_id = $1`, [ownerB.organizationId]),
        promote: await touched(m, `UPDATE memberships SET role = 'MEMBER' WHERE organization_id = $1`, [ownerB.organizationId]),
        removeMembers: await touched(m, `DELETE FROM memberships WHERE organization_id = $1`, [ownerB.organizationId]),
        removeKeys: await touched(m, `DELETE FROM api_keys WHERE organization_id = $1`, [ownerB.organizationId]),
      }));
      expect(counts).toEqual({ renameOrganization: 0, revokeKeys: 0, promote: 0, removeMembers: 0, removeKeys: 0 });
      expect(await snapshot()).toEqual(before);
    });

    it('still changes A’s own rows (the policy is not simply deny-all)', async () => {
      const renamed = await database.inTenant(ownerA.organizationId, (m) =>
        touched(m, `UPDATE api_keys SET name = 'renamed in tenant' WHERE id = $1`, [keyA.id]),
      );
      expect(renamed).toBe(1);
      const [stored] = await app.dataSource.query(`SELECT name FROM api_keys WHERE id = $1`, [keyA.id]);
      expect(stored.name).toBe('renamed in tenant');
    });

    it('keeps concurrent units of work for A and B apart', async () => {
      const runs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ownerA.organizationId : ownerB.organizationId));
      const seen = await Promise.all(
        runs.map((organizationId) =>
          database.inTenant(organizationId, async (m) => (await m.query(`SELECT id FROM organizations`)).map((r: { id: string }) => r.id)),
        ),
      );
      seen.forEach((ids, i) => expect(ids).toEqual([runs[i]]));
    });
  });

  describe('a pooled connection carries nothing over', () => {
    let single: DataSource;
    let singleDatabase: Database;
    interface ConnectionState {
      pid: number;
      current_user: string;
      session_user: string;
      org: string | null;
    }
    const state = async (m: EntityManager | DataSource): Promise<ConnectionState> =>
      (await m.query(`SELECT pg_backend_pid() AS pid, current_user, session_user, current_setting('app.current_org', true) AS org`))[0];

    beforeAll(async () => {
      single = createDataSource({ url: app.testDatabase.url, poolMax: 1 });
      await single.initialize();
      singleDatabase = new Database(single);
    });
    afterAll(async () => {
      if (single.isInitialized) await single.destroy();
    });

    const expectClean = async (pidInside: number) => {
      for (let i = 0; i < 20; i++) {
        const outside = await state(single);
        // The same physical connection, back to the login role with no organization.
        expect(outside.pid).toBe(pidInside);
        expect(outside.current_user).toBe(outside.session_user);
        expect(outside.org ?? '').toBe('');
        expect(await count(single, 'organizations')).toBeGreaterThan(1);
      }
    };

    it('after a successful inTenant', async () => {
      const inside = await singleDatabase.inTenant(ownerA.organizationId, (m) => state(m));
      expect(inside).toMatchObject({ current_user: TENANT_ROLE, org: ownerA.organizationId });
      expect(inside.session_user).not.toBe(TENANT_ROLE);
      await expectClean(inside.pid);
    });

    it('after an inTenant whose work throws', async () => {
      let pidInside = 0;
      await expect(
        singleDatabase.inTenant(ownerA.organizationId, async (m) => {
          pidInside = (await state(m)).pid;
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      await expectClean(pidInside);
    });

    it('after an inTenant whose SQL fails', async () => {
      let pidInside = 0;
      await expect(
        singleDatabase.inTenant(ownerA.organizationId, async (m) => {
          pidInside = (await state(m)).pid;
          await m.query(`SELECT * FROM sessions`);
        }),
      ).rejects.toThrow(/permission denied/);
      await expectClean(pidInside);
    });

    it('after asPlatform', async () => {
      const inside = await singleDatabase.asPlatform((m) => state(m));
      expect(inside.current_user).toBe(PLATFORM_ROLE);
      await expectClean(inside.pid);
    });

    it('from one tenant to the next on the same connection', async () => {
      const first = await singleDatabase.inTenant(ownerA.organizationId, async (m) => ({ ...(await state(m)), ids: await m.query(`SELECT id FROM organizations`) }));
      const second = await singleDatabase.inTenant(ownerB.organizationId, async (m) => ({ ...(await state(m)), ids: await m.query(`SELECT id FROM organizations`) }));
      expect(second.pid).toBe(first.pid);
      expect(first.ids).toEqual([{ id: ownerA.organizationId }]);
      expect(second.ids).toEqual([{ id: ownerB.organizationId }]);
      // And a bare tenant-role transaction afterwards inherits neither.
      const leftover = await single.transaction(async (m) => {
        await m.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
        return count(m, 'organizations');
      });
      expect(leftover).toBe(0);
    });
  });

  describe('the schema guards future tables too', () => {
    it('enables and forces row-level security on every table with an organization_id column (and organizations)', async () => {
      const tables: Array<{ table: string; enabled: boolean; forced: boolean }> = await app.dataSource.query(`
        SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'
          AND c.relkind IN ('r', 'p')
          AND (c.relname = 'organizations' OR EXISTS (
            SELECT 1 FROM information_schema.columns col
            WHERE col.table_schema = n.nspname AND col.table_name = c.relname AND col.column_name = 'organization_id'))
        ORDER BY c.relname`);
      expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['api_keys', 'memberships', 'organizations']));
      for (const table of tables) expect(table).toEqual({ table: table.table, enabled: true, forced: true });
    });

    it('gives the tenant role on each such table only a policy bound to tollgate_current_org()', async () => {
      const policies: Array<{ table: string; command: string; qual: string | null; with_check: string | null }> = await app.dataSource.query(
        `
        SELECT p.tablename AS table, p.cmd AS command, p.qual, p.with_check
        FROM pg_policies p
        WHERE p.schemaname = 'public' AND $1 = ANY (p.roles)
          AND (p.tablename = 'organizations' OR EXISTS (
            SELECT 1 FROM information_schema.columns col
            WHERE col.table_schema = p.schemaname AND col.table_name = p.tablename AND col.column_name = 'organization_id'))`,
        [TENANT_ROLE],
      );
      const [tenantTables] = await app.dataSource.query(`
        SELECT array_agg(DISTINCT table_name::text ORDER BY table_name::text) AS names
        FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id'`);
      const covered = [...new Set(policies.map((p) => p.table))].sort();
      expect(covered).toEqual([...tenantTables.names, 'organizations'].sort());
      for (const policy of policies) {
        expect(policy.qual).toMatch(/tollgate_current_org\(\)/);
        if (policy.command !== 'SELECT') expect(policy.with_check).toMatch(/tollgate_current_org\(\)/);
      }
    });

    it('has no view exposing organization_id that would run with its owner’s rights', async () => {
      const views = await app.dataSource.query(`
        SELECT c.relname AS view
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
          AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
          AND EXISTS (SELECT 1 FROM information_schema.columns col
                      WHERE col.table_schema = n.nspname AND col.table_name = c.relname AND col.column_name = 'organization_id')`);
      expect(views).toEqual([]);
    });
  });

  describe('the roles the app switches to', () => {
    it.each([TENANT_ROLE, PLATFORM_ROLE])('%s is not a superuser, cannot bypass RLS, cannot log in, and inherits no other role', async (role) => {
      const [attributes] = await app.dataSource.query(
        `SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
        [role],
      );
      expect(attributes).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, rolcreaterole: false, rolcreatedb: false });
      const inherited = await app.dataSource.query(
        `SELECT r.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid WHERE am.member = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
        [role],
      );
      expect(inherited).toEqual([]);
    });

    it('neither role owns any table, so FORCE is never the only thing standing between them and the rows', async () => {
      const tables: Array<{ tablename: string; tableowner: string }> = await app.dataSource.query(`SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.length).toBeGreaterThan(0);
      const ownedByAppRoles = tables.filter((t) => t.tableowner === TENANT_ROLE || t.tableowner === PLATFORM_ROLE);
      expect(ownedByAppRoles).toEqual([]);
    });

    it('denies the tenant role the tables it has no business writing', async () => {
      const privileges = await app.dataSource.query(
        `SELECT has_table_privilege($1, 'sessions', 'SELECT') AS read_sessions,
                has_table_privilege($1, 'users', 'INSERT') AS create_users,
                has_table_privilege($1, 'users', 'UPDATE') AS change_users,
                has_table_privilege($1, 'organizations', 'INSERT') AS create_organizations,
                has_table_privilege($1, 'organizations', 'DELETE') AS delete_organizations,
                has_table_privilege($1, 'schema_migrations', 'SELECT') AS read_migrations`,
        [TENANT_ROLE],
      );
      expect(privileges[0]).toEqual({
        read_sessions: false,
        create_users: false,
        change_users: false,
        create_organizations: false,
        delete_organizations: false,
        read_migrations: false,
      });
    });
  });
});

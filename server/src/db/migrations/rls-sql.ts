import { PLATFORM_ROLE, TENANT_ROLE } from '../database';

/** Roles are cluster-wide: creating one must tolerate another database (or a parallel test) having made it. */
export function createRole(role: string): string {
  return `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`;
}

/** Lets the connecting role SET ROLE to `role`; skipped when it already can (e.g. roles pre-created by a DBA). */
export function grantRoleToCurrentUser(role: string): string {
  return `
    DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
        EXECUTE format('GRANT ${role} TO %I', current_user);
      END IF;
    END $$`;
}

/**
 * ENABLE and FORCE row-level security on a tenant table: the tenant role sees only rows of
 * `app.current_org`; the platform role sees all; anyone else (the table owner included) sees none.
 */
export function enableTenantRowSecurity(table: string, organizationColumn = 'organization_id'): string[] {
  const matchesOrg = `${organizationColumn} = tollgate_current_org()`;
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} TO ${TENANT_ROLE} USING (${matchesOrg}) WITH CHECK (${matchesOrg})`,
    `CREATE POLICY platform_access ON ${table} TO ${PLATFORM_ROLE} USING (true) WITH CHECK (true)`,
  ];
}

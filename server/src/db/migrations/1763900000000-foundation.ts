import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATFORM_ROLE, TENANT_ROLE } from '../database';
import { createRole, enableTenantRowSecurity, grantRoleToCurrentUser } from './rls-sql';

/** Identity and tenancy: users, sessions, organizations, memberships, API keys; roles and row-level security. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(createRole(TENANT_ROLE));
    await q.query(createRole(PLATFORM_ROLE));
    await q.query(grantRoleToCurrentUser(TENANT_ROLE));
    await q.query(grantRoleToCurrentUser(PLATFORM_ROLE));
    await q.query(`GRANT USAGE ON SCHEMA public TO ${TENANT_ROLE}, ${PLATFORM_ROLE}`);
    await q.query(`
      CREATE FUNCTION tollgate_current_org() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('app.current_org', true), '')::uuid $$`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text,
        password_hash text NOT NULL,
        is_platform_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT ck_users_email_normalised CHECK (email = lower(btrim(email)))
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        CONSTRAINT uq_sessions_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_sessions_user_id ON sessions (user_id)`);

    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_organizations_slug UNIQUE (slug)
      )`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_memberships_org_user UNIQUE (organization_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_memberships_organization_id ON memberships (organization_id)`);
    await q.query(`CREATE INDEX ix_memberships_user_id ON memberships (user_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3),
        revoked_at timestamptz(3),
        CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
        CONSTRAINT ck_api_keys_scopes CHECK (scopes <@ ARRAY['ENTITLEMENTS_READ', 'USAGE_WRITE']::text[] AND cardinality(scopes) > 0)
      )`);
    await q.query(`CREATE INDEX ix_api_keys_organization_id ON api_keys (organization_id)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, organizations, memberships, api_keys TO ${PLATFORM_ROLE}`);
    // Tenants see their members' profiles, never password hashes.
    await q.query(`GRANT SELECT (id, email, display_name, is_platform_admin, created_at, updated_at) ON users TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, UPDATE ON organizations TO ${TENANT_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, api_keys TO ${TENANT_ROLE}`);

    for (const statement of enableTenantRowSecurity('organizations', 'id')) await q.query(statement);
    for (const statement of enableTenantRowSecurity('memberships')) await q.query(statement);
    for (const statement of enableTenantRowSecurity('api_keys')) await q.query(statement);
    // Users are not tenant rows, but a tenant sees only the users who belong to it.
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY platform_access ON users TO ${PLATFORM_ROLE} USING (true) WITH CHECK (true)`);
    await q.query(`
      CREATE POLICY tenant_members ON users FOR SELECT TO ${TENANT_ROLE}
      USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys, memberships, organizations, sessions, users`);
    await q.query(`DROP FUNCTION tollgate_current_org()`);
  }
}

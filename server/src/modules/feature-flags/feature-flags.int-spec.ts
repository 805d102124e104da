import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { platformAdminCookie } from '../../../test/support/usage-fixtures';
import { rolloutBucket } from './feature-flag-bucket';

const UPSERT = `mutation($i: UpsertFeatureFlagInput!) { adminUpsertFeatureFlag(input: $i) { key description enabled rolloutPercentage createdAt updatedAt } }`;
const OVERRIDE = `mutation($o: ID!, $f: String!, $e: Boolean) { adminSetFeatureFlagOverride(organizationId: $o, flagKey: $f, enabled: $e) { flagKey organizationId enabled } }`;
const ADMIN_FLAGS = `{ adminFeatureFlags { key enabled rolloutPercentage } }`;
const FLAGS = `query($o: ID) { featureFlags(organizationId: $o) { key enabled } }`;

describe('feature flags', () => {
  let app: TestApp;
  let admin: { cookie: string };

  beforeAll(async () => {
    app = await startTestApp();
    admin = { cookie: await platformAdminCookie(app) };
  });
  afterAll(() => app.close());

  const upsert = async (input: Record<string, unknown>) => {
    const response = await app.gql(UPSERT, { i: input }, admin);
    expect(response.errors).toBeUndefined();
    return response.data!.adminUpsertFeatureFlag;
  };
  const flagsOf = async (owner: SignedUpUser) => {
    const response = await app.gql(FLAGS, { o: owner.organizationId }, { cookie: owner.cookie });
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(response.data!.featureFlags.map((f: { key: string; enabled: boolean }) => [f.key, f.enabled]));
  };
  const auditOf = (action: string, targetId: string) =>
    app.dataSource.query(`SELECT organization_id, actor_type, actor_id, before, after FROM audit_entries WHERE action = $1 AND target_id = $2 ORDER BY created_at`, [
      action,
      targetId,
    ]);

  it('lets platform admins create and change flags, each change audited with before and after', async () => {
    const created = await upsert({ key: 'new-dashboard', description: 'The redesigned dashboard' });
    expect(created).toMatchObject({ key: 'new-dashboard', description: 'The redesigned dashboard', enabled: false, rolloutPercentage: 100 });
    app.clock.advance(60_000);
    const changed = await upsert({ key: 'new-dashboard', enabled: true, rolloutPercentage: 25 });
    expect(changed).toMatchObject({ description: 'The redesigned dashboard', enabled: true, rolloutPercentage: 25, createdAt: created.createdAt });
    expect(changed.updatedAt).not.toBe(created.updatedAt);

    const [createdEntry] = await auditOf('feature_flag.created', 'new-dashboard');
    expect(createdEntry).toMatchObject({ organization_id: null, actor_type: 'user', before: null, after: { enabled: false, rolloutPercentage: 100 } });
    const [updatedEntry] = await auditOf('feature_flag.updated', 'new-dashboard');
    expect(updatedEntry).toMatchObject({ before: { enabled: false, rolloutPercentage: 100 }, after: { enabled: true, rolloutPercentage: 25 } });
    expect(updatedEntry.actor_id).toBe(createdEntry.actor_id);

    const listed = await app.gql(ADMIN_FLAGS, {}, admin);
    expect(listed.data!.adminFeatureFlags).toContainEqual({ key: 'new-dashboard', enabled: true, rolloutPercentage: 25 });
  });

  it('refuses non-admins and invalid flags, naming the field', async () => {
    const owner = await signUpOwner(app);
    expect(errorCode(await app.gql(UPSERT, { i: { key: 'sneaky', enabled: true } }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(ADMIN_FLAGS, {}, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(OVERRIDE, { o: owner.organizationId, f: 'new-dashboard', e: true }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
    for (const [input, field] of [
      [{ key: 'Bad Key' }, 'key'],
      [{ key: 'ok-key', rolloutPercentage: 101 }, 'rolloutPercentage'],
      [{ key: 'ok-key', rolloutPercentage: -1 }, 'rolloutPercentage'],
    ] as const) {
      const response = await app.gql(UPSERT, { i: input }, admin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields[0].field).toBe(field);
    }
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM feature_flags WHERE key IN ('sneaky', 'ok-key')`);
    expect(n).toBe(0);
  });

  it('turns a flag on for the organizations whose stable bucket is inside the rollout', async () => {
    await upsert({ key: 'half-rollout', enabled: true, rolloutPercentage: 50 });
    await upsert({ key: 'everyone', enabled: true, rolloutPercentage: 100 });
    await upsert({ key: 'nobody', enabled: true, rolloutPercentage: 0 });
    await upsert({ key: 'switched-off', enabled: false, rolloutPercentage: 100 });
    const owners = await Promise.all(Array.from({ length: 8 }, (_, i) => signUpOwner(app, `Rollout ${i}`)));
    for (const owner of owners) {
      const flags = await flagsOf(owner);
      expect(flags).toMatchObject({ everyone: true, nobody: false, 'switched-off': false });
      expect(flags['half-rollout']).toBe(rolloutBucket('half-rollout', owner.organizationId) < 50);
      expect(await flagsOf(owner)).toEqual(flags); // stable from one request to the next
    }
    // Growing the rollout keeps everyone who had it.
    const before = await Promise.all(owners.map(flagsOf));
    await upsert({ key: 'half-rollout', rolloutPercentage: 90 });
    const after = await Promise.all(owners.map(flagsOf));
    owners.forEach((_, i) => expect(after[i]!['half-rollout'] || !before[i]!['half-rollout']).toBe(true));
  });

  it('lets an override force a flag for one organization until it is cleared', async () => {
    await upsert({ key: 'beta-exports', enabled: false });
    const alice = await signUpOwner(app, 'Alice');
    const bob = await signUpOwner(app, 'Bob');
    const on = await app.gql(OVERRIDE, { o: alice.organizationId, f: 'beta-exports', e: true }, admin);
    expect(on.data!.adminSetFeatureFlagOverride).toEqual({ flagKey: 'beta-exports', organizationId: alice.organizationId, enabled: true });
    expect((await flagsOf(alice))['beta-exports']).toBe(true);
    expect((await flagsOf(bob))['beta-exports']).toBe(false);

    await upsert({ key: 'beta-exports', enabled: true, rolloutPercentage: 100 });
    await app.gql(OVERRIDE, { o: bob.organizationId, f: 'beta-exports', e: false }, admin);
    expect((await flagsOf(bob))['beta-exports']).toBe(false);

    const cleared = await app.gql(OVERRIDE, { o: bob.organizationId, f: 'beta-exports', e: null }, admin);
    expect(cleared.data!.adminSetFeatureFlagOverride.enabled).toBeNull();
    expect((await flagsOf(bob))['beta-exports']).toBe(true);
    expect(await app.dataSource.query(`SELECT * FROM feature_flag_overrides WHERE organization_id = $1`, [bob.organizationId])).toEqual([]);

    const entries = await app.dataSource.query(
      `SELECT action, before, after FROM audit_entries WHERE organization_id = $1 AND target_id = 'beta-exports' ORDER BY created_at, action DESC`,
      [bob.organizationId],
    );
    expect(entries).toEqual([
      { action: 'feature_flag.override_set', before: null, after: { enabled: false } },
      { action: 'feature_flag.override_cleared', before: { enabled: false }, after: null },
    ]);

    const unknownFlag = await app.gql(OVERRIDE, { o: bob.organizationId, f: 'no-such-flag', e: true }, admin);
    expect(errorCode(unknownFlag)).toBe('NOT_FOUND');
    expect(unknownFlag.errors![0]!.extensions!.details.fields[0].field).toBe('flagKey');
    expect(errorCode(await app.gql(OVERRIDE, { o: '00000000-0000-4000-8000-000000000000', f: 'beta-exports', e: true }, admin))).toBe('NOT_FOUND');
  });

  it('answers API keys for their own organization only', async () => {
    await upsert({ key: 'api-visible', enabled: true });
    const owner = await signUpOwner(app);
    const other = await signUpOwner(app);
    const key = await createApiKey(app, owner, ['ENTITLEMENTS_READ']);
    const own = await app.gql(FLAGS, {}, { apiKey: key.secret });
    expect(own.data!.featureFlags).toContainEqual({ key: 'api-visible', enabled: true });
    expect(errorCode(await app.gql(FLAGS, { o: other.organizationId }, { apiKey: key.secret }))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(FLAGS, { o: other.organizationId }, { cookie: owner.cookie }))).toBe('FORBIDDEN');
  });
});

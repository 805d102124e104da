import { errorCode, startTestApp, type TestApp } from '../../../test/support/test-app';
import { addMember, createApiKey, signInPlatformAdmin, signUpOwner } from '../../../test/support/factories';

const AUDIT = `query($o: ID!, $f: AuditFilterInput, $after: String) {
  auditLog(organizationId: $o, filter: $f, first: 2, after: $after) {
    nodes { organizationId actorType actorId action targetType before after createdAt } pageInfo { endCursor hasNextPage } } }`;
const ADMIN_AUDIT = `query($f: AdminAuditFilterInput) { adminAuditLog(filter: $f, first: 100) { nodes { organizationId action actorType } } }`;

describe('audit log', () => {
  let app: TestApp;
  let admin: { cookie: string };
  beforeAll(async () => {
    app = await startTestApp();
    admin = { cookie: (await signInPlatformAdmin(app)).cookie };
  });
  afterAll(() => app.close());

  it('shows an organization its own billing changes with who made them, filtered and paginated', async () => {
    const owner = await signUpOwner(app);
    await app.gql(`mutation($o: ID!) { adminChangePlan(organizationId: $o, input: { planKey: "pro", interval: MONTH }) { outcome } }`, { o: owner.organizationId }, admin);
    app.clock.advance(60_000);
    await app.gql(`mutation($o: ID!) { cancelSubscription(organizationId: $o, atPeriodEnd: true) { status } }`, { o: owner.organizationId }, { cookie: owner.cookie });

    const actions: string[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages += 1) {
      const page: any = await app.gql(AUDIT, { o: owner.organizationId, after }, { cookie: owner.cookie });
      expect(page.errors).toBeUndefined();
      expect(page.data.auditLog.nodes.length).toBeLessThanOrEqual(2);
      actions.push(...page.data.auditLog.nodes.map((n: { action: string }) => n.action));
      if (!page.data.auditLog.pageInfo.hasNextPage) break;
      after = page.data.auditLog.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    // Newest first: the cancellation was the last change.
    expect(actions[0]).toBe('subscription.cancel_scheduled');
    expect(actions.sort()).toEqual(['credits.granted', 'credits.topped_up', 'subscription.cancel_scheduled', 'subscription.started', 'subscription.upgraded']);

    const filtered = await app.gql(AUDIT, { o: owner.organizationId, f: { action: 'subscription.cancel_scheduled' } }, { cookie: owner.cookie });
    expect(filtered.data!.auditLog.nodes).toEqual([
      expect.objectContaining({ actorType: 'USER', actorId: owner.userId, targetType: 'subscription', before: expect.objectContaining({ cancelAtPeriodEnd: false }), after: expect.objectContaining({ cancelAtPeriodEnd: true }) }),
    ]);
    const upgrade = await app.gql(AUDIT, { o: owner.organizationId, f: { action: 'subscription.upgraded' } }, { cookie: owner.cookie });
    expect(upgrade.data!.auditLog.nodes[0].actorType).toBe('USER');
    expect(upgrade.data!.auditLog.nodes[0].actorId).not.toBe(owner.userId);
  });

  it('names the actors a reader may see: members by email and API keys by name; a platform admin only to platform admins', async () => {
    const owner = await signUpOwner(app, 'Named actors');
    const key = await createApiKey(app, owner);
    // API keys only track usage and consume credits, which audit nothing themselves: an entry as one would write it.
    await app.services.database.inTenant(owner.organizationId, (m) =>
      app.services.audit.record(m, { type: 'api_key', id: key.id }, { organizationId: owner.organizationId, action: 'test.by_key' }),
    );
    app.clock.advance(1_000);
    await app.gql(`mutation($o: ID!) { adminChangePlan(organizationId: $o, input: { planKey: "pro", interval: MONTH }) { outcome } }`, { o: owner.organizationId }, admin);
    const NAMED = `query($o: ID!, $f: AuditFilterInput) { auditLog(organizationId: $o, filter: $f, first: 50) { nodes { action actorType actorId actorName } } }`;
    const ADMIN_NAMED = `query($f: AdminAuditFilterInput) { adminAuditLog(filter: $f, first: 50) { nodes { action actorType actorId actorName } } }`;
    const byAction = (nodes: Array<{ action: string; actorName: string | null }>) => new Map(nodes.map((n) => [n.action, n]));

    const tenant = byAction((await app.gql(NAMED, { o: owner.organizationId }, { cookie: owner.cookie })).data!.auditLog.nodes);
    expect(tenant.get('api_key.created')).toMatchObject({ actorType: 'USER', actorId: owner.userId, actorName: owner.email });
    expect(tenant.get('test.by_key')).toMatchObject({ actorType: 'API_KEY', actorId: key.id, actorName: `test key (${key.prefix}…)` });
    // The platform admin is not a member: the tenant sees that an admin did it, not who.
    expect(tenant.get('subscription.upgraded')).toMatchObject({ actorType: 'USER', actorName: null });

    const platform = byAction((await app.gql(ADMIN_NAMED, { f: { organizationId: owner.organizationId } }, admin)).data!.adminAuditLog.nodes);
    expect(platform.get('subscription.upgraded')!.actorName).toMatch(/^admin.*@/);
    expect(platform.get('test.by_key')).toMatchObject({ actorName: `test key (${key.prefix}…)` });
  });

  it('keeps tenants to their own entries and gives platform admins all of them', async () => {
    const a = await signUpOwner(app, 'Audit A');
    const b = await signUpOwner(app, 'Audit B');
    expect(errorCode(await app.gql(AUDIT, { o: b.organizationId }, { cookie: a.cookie }))).toBe('FORBIDDEN');
    const member = await addMember(app, a, 'MEMBER');
    expect((await app.gql(AUDIT, { o: a.organizationId }, { cookie: member.cookie })).errors).toBeUndefined();
    expect(errorCode(await app.gql(ADMIN_AUDIT, {}, { cookie: a.cookie }))).toBe('FORBIDDEN');

    const all = await app.gql(ADMIN_AUDIT, { f: { organizationId: b.organizationId } }, admin);
    const orgs = new Set(all.data!.adminAuditLog.nodes.map((n: { organizationId: string }) => n.organizationId));
    expect([...orgs]).toEqual([b.organizationId]);
    const platformWide = await app.gql(ADMIN_AUDIT, { f: { action: 'catalog.loaded' } }, admin);
    expect(platformWide.data!.adminAuditLog.nodes[0]).toMatchObject({ organizationId: null, actorType: 'SYSTEM' });
  });

  it('cannot be changed or deleted, even by the database owner', async () => {
    await expect(app.dataSource.query(`UPDATE audit_entries SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(app.dataSource.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('refuses a malformed filter with BAD_USER_INPUT', async () => {
    const owner = await signUpOwner(app);
    const response = await app.gql(AUDIT, { o: owner.organizationId, f: { action: 'DROP TABLE' } }, { cookie: owner.cookie });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});

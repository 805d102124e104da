import { errorCode, sessionCookieFrom, startTestApp, type GraphQLResponse, type TestApp } from '../../../test/support/test-app';
import { addMember, createApiKey, signUpOwner, uniqueEmail, type SignedUpUser } from '../../../test/support/factories';

const ORGANIZATION = `query($organizationId: ID) { organization(organizationId: $organizationId) { id name } }`;
const MEMBERS = `query($organizationId: ID!, $first: Int) {
  organizationMembers(organizationId: $organizationId, first: $first) { nodes { role user { id email } } }
}`;
const API_KEYS = `query($organizationId: ID!) { apiKeys(organizationId: $organizationId) { nodes { id prefix } } }`;
const CREATE_API_KEY = `mutation($organizationId: ID!, $input: CreateApiKeyInput!) {
  createApiKey(organizationId: $organizationId, input: $input) { secret apiKey { id } }
}`;
const REVOKE_API_KEY = `mutation($organizationId: ID!, $apiKeyId: ID!) {
  revokeApiKey(organizationId: $organizationId, apiKeyId: $apiKeyId) { id revokedAt }
}`;
const ADD_MEMBER = `mutation($organizationId: ID!, $input: AddOrganizationMemberInput!) {
  addOrganizationMember(organizationId: $organizationId, input: $input) { role user { email } }
}`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const PLATFORM_ORGANIZATIONS = `query($search: String, $first: Int) {
  platformOrganizations(search: $search, first: $first) { nodes { id name slug } }
}`;
const ME = `{ me { user { id } memberships { role organization { id name } } } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { user { email isPlatformAdmin } } }`;

const UNKNOWN_ORGANIZATION = '00000000-0000-4000-8000-000000000000';

describe('tenancy: one organization can never see or change another', () => {
  let app: TestApp;
  /** Organization A: an owner, an admin and a member. */
  let ownerA: SignedUpUser;
  let adminA: SignedUpUser;
  let memberA: SignedUpUser;
  /** Organization B: its own owner and an API key. */
  let ownerB: SignedUpUser;
  let keyB: { id: string; secret: string; prefix: string };
  let keyA: { id: string; secret: string; prefix: string };
  /** A user with no membership in B, used as the target of add-member attempts on B. */
  let outsider: SignedUpUser;

  /** Everything stored about organization B, to prove an attempt changed nothing. */
  const snapshotOf = async (organizationId: string) => ({
    organization: await app.dataSource.query(`SELECT * FROM organizations WHERE id = $1`, [organizationId]),
    memberships: await app.dataSource.query(`SELECT * FROM memberships WHERE organization_id = $1 ORDER BY id`, [organizationId]),
    apiKeys: await app.dataSource.query(`SELECT * FROM api_keys WHERE organization_id = $1 ORDER BY id`, [organizationId]),
  });

  beforeAll(async () => {
    app = await startTestApp();
    ownerA = await signUpOwner(app, 'Alpha Robotics');
    adminA = await addMember(app, ownerA, 'ADMIN');
    memberA = await addMember(app, ownerA, 'MEMBER');
    ownerB = await signUpOwner(app, 'Bravo Foods');
    keyA = await createApiKey(app, ownerA);
    keyB = await createApiKey(app, ownerB);
    outsider = await signUpOwner(app, 'Outsider Ltd');
  });
  afterAll(() => app.close());

  type Operation = [name: string, query: string, variables: (organizationId: string) => Record<string, unknown>];
  const operationsOnAnOrganization: Operation[] = [
    ['organization', ORGANIZATION, (id) => ({ organizationId: id })],
    ['organizationMembers', MEMBERS, (id) => ({ organizationId: id })],
    ['apiKeys', API_KEYS, (id) => ({ organizationId: id })],
    ['createApiKey', CREATE_API_KEY, (id) => ({ organizationId: id, input: { name: 'planted', scopes: ['USAGE_WRITE'] } })],
    ['revokeApiKey', REVOKE_API_KEY, (id) => ({ organizationId: id, apiKeyId: keyB.id })],
    ['addOrganizationMember (MEMBER)', ADD_MEMBER, (id) => ({ organizationId: id, input: { email: outsider.email, role: 'MEMBER' } })],
    ['addOrganizationMember (OWNER)', ADD_MEMBER, (id) => ({ organizationId: id, input: { email: outsider.email, role: 'OWNER' } })],
  ];
  const callersFromA: Array<[label: string, caller: () => SignedUpUser]> = [
    ['A’s owner', () => ownerA],
    ['A’s admin', () => adminA],
    ['A’s member', () => memberA],
  ];
  const crossTenantCases = callersFromA.flatMap(([label, caller]) =>
    operationsOnAnOrganization.map(([name, query, variables]) => [label, name, caller, query, variables] as const),
  );

  describe('a signed-in user of A passing B’s organizationId', () => {
    it.each(crossTenantCases)('%s → %s is FORBIDDEN and B is unchanged', async (_label, _name, caller, query, variables) => {
      const before = await snapshotOf(ownerB.organizationId);
      const response = await app.gql(query, variables(ownerB.organizationId), { cookie: caller().cookie });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.data ?? null).toBeNull();
      expect(await snapshotOf(ownerB.organizationId)).toEqual(before);
    });

    it.each(operationsOnAnOrganization)('%s answers an id that exists exactly like one that does not', async (_name, query, variables) => {
      const forB = await app.gql(query, variables(ownerB.organizationId), { cookie: ownerA.cookie });
      const forNobody = await app.gql(query, variables(UNKNOWN_ORGANIZATION), { cookie: ownerA.cookie });
      expect(errorCode(forNobody)).toBe('FORBIDDEN');
      expect(forNobody.errors![0]!.message).toBe(forB.errors![0]!.message);
    });

    it('leaves B’s key working after A tried to revoke it', async () => {
      await app.gql(REVOKE_API_KEY, { organizationId: ownerB.organizationId, apiKeyId: keyB.id }, { cookie: ownerA.cookie });
      const response = await app.gql(ORGANIZATION, {}, { apiKey: keyB.secret });
      expect(response.data!.organization.id).toBe(ownerB.organizationId);
    });
  });

  describe('naming B’s rows while acting in A', () => {
    it('answers NOT_FOUND when A’s owner revokes B’s key under A’s own id, and B’s key still works', async () => {
      const before = await snapshotOf(ownerB.organizationId);
      const response = await app.gql(REVOKE_API_KEY, { organizationId: ownerA.organizationId, apiKeyId: keyB.id }, { cookie: ownerA.cookie });
      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.data ?? null).toBeNull();
      expect(await snapshotOf(ownerB.organizationId)).toEqual(before);
      const [stored] = await app.dataSource.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [keyB.id]);
      expect(stored.revoked_at).toBeNull();
      expect((await app.gql(ORGANIZATION, {}, { apiKey: keyB.secret })).data!.organization.id).toBe(ownerB.organizationId);
    });

    it('lists only A’s keys and A’s members for A, even for a user who belongs to both', async () => {
      const both = await addMember(app, ownerA, 'MEMBER');
      const addedToB = await app.gql(ADD_MEMBER, { organizationId: ownerB.organizationId, input: { email: both.email, role: 'ADMIN' } }, { cookie: ownerB.cookie });
      expect(addedToB.errors).toBeUndefined();

      const keys = await app.gql(API_KEYS, { organizationId: ownerA.organizationId }, { cookie: ownerA.cookie });
      const keyIds = keys.data!.apiKeys.nodes.map((n: { id: string }) => n.id);
      expect(keyIds).toContain(keyA.id);
      expect(keyIds).not.toContain(keyB.id);

      const members = await app.gql(MEMBERS, { organizationId: ownerA.organizationId, first: 100 }, { cookie: both.cookie });
      const memberEmails = members.data!.organizationMembers.nodes.map((n: { user: { email: string } }) => n.user.email).sort();
      expect(memberEmails).toEqual([ownerA.email, adminA.email, memberA.email, both.email].sort());
      // Their role in A is A's, not the ADMIN role they hold in B.
      expect(members.data!.organizationMembers.nodes.find((n: { user: { email: string } }) => n.user.email === both.email).role).toBe('MEMBER');
      const storedA = await app.dataSource.query(`SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1`, [ownerA.organizationId]);
      expect(storedA.map((r: { email: string }) => r.email).sort()).toEqual(memberEmails);

      // And being an ADMIN in B gives them nothing more in A.
      expect(errorCode(await app.gql(API_KEYS, { organizationId: ownerA.organizationId }, { cookie: both.cookie }))).toBe('FORBIDDEN');
    });
  });

  describe('an API key of A', () => {
    it.each([
      ['B’s id', () => ownerB.organizationId],
      ['an unknown id', () => UNKNOWN_ORGANIZATION],
      ['a malformed id', () => 'not-a-uuid'],
    ])('is FORBIDDEN from reading the organization with %s', async (_label, organizationId) => {
      const response = await app.gql(ORGANIZATION, { organizationId: organizationId() }, { apiKey: keyA.secret });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.data ?? null).toBeNull();
    });

    it('reads only A when it omits the id', async () => {
      expect((await app.gql(ORGANIZATION, {}, { apiKey: keyA.secret })).data!.organization).toEqual({ id: ownerA.organizationId, name: 'Alpha Robotics' });
    });

    it.each(operationsOnAnOrganization.filter(([name]) => name !== 'organization'))(
      'is FORBIDDEN on %s for B and changes nothing',
      async (_name, query, variables) => {
        const before = await snapshotOf(ownerB.organizationId);
        const response = await app.gql(query, variables(ownerB.organizationId), { apiKey: keyA.secret });
        expect(errorCode(response)).toBe('FORBIDDEN');
        expect(await snapshotOf(ownerB.organizationId)).toEqual(before);
      },
    );
  });

  describe('roles inside one organization', () => {
    it('lets only an OWNER add an OWNER: an ADMIN is FORBIDDEN and nothing is added', async () => {
      const candidate = await signUpOwner(app, 'Candidate');
      const before = await snapshotOf(ownerA.organizationId);
      const byAdmin = await app.gql(ADD_MEMBER, { organizationId: ownerA.organizationId, input: { email: candidate.email, role: 'OWNER' } }, { cookie: adminA.cookie });
      expect(errorCode(byAdmin)).toBe('FORBIDDEN');
      expect(await snapshotOf(ownerA.organizationId)).toEqual(before);

      const byOwner = await app.gql(ADD_MEMBER, { organizationId: ownerA.organizationId, input: { email: candidate.email, role: 'OWNER' } }, { cookie: ownerA.cookie });
      expect(byOwner.data!.addOrganizationMember).toEqual({ role: 'OWNER', user: { email: candidate.email } });
      const [stored] = await app.dataSource.query(`SELECT m.role FROM memberships m WHERE m.organization_id = $1 AND m.user_id = $2`, [ownerA.organizationId, candidate.userId]);
      expect(stored.role).toBe('OWNER');
    });

    it('lets a MEMBER read its organization and members but not add anyone', async () => {
      expect((await app.gql(ORGANIZATION, { organizationId: ownerA.organizationId }, { cookie: memberA.cookie })).data!.organization.id).toBe(ownerA.organizationId);
      expect((await app.gql(MEMBERS, { organizationId: ownerA.organizationId }, { cookie: memberA.cookie })).errors).toBeUndefined();
      const before = await snapshotOf(ownerA.organizationId);
      const added = await app.gql(ADD_MEMBER, { organizationId: ownerA.organizationId, input: { email: outsider.email, role: 'MEMBER' } }, { cookie: memberA.cookie });
      expect(errorCode(added)).toBe('FORBIDDEN');
      expect(await snapshotOf(ownerA.organizationId)).toEqual(before);
    });
  });

  describe('malformed organization ids', () => {
    it.each(operationsOnAnOrganization)('%s answers BAD_USER_INPUT naming organizationId', async (_name, query, variables) => {
      const response = await app.gql(query, variables('not-a-uuid'), { cookie: ownerA.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields).toEqual([{ field: 'organizationId', messages: [expect.any(String)] }]);
    });

    it('asks a signed-in user for organizationId when it is omitted', async () => {
      const response = await app.gql(ORGANIZATION, {}, { cookie: ownerA.cookie });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.details.fields[0].field).toBe('organizationId');
    });
  });

  describe('me', () => {
    it('lists every organization the user belongs to, with the role in each, and no other', async () => {
      const user = await signUpOwner(app, 'Home Base');
      const second = await app.gql(CREATE_ORGANIZATION, { input: { name: 'Side Project' } }, { cookie: user.cookie });
      expect(second.errors).toBeUndefined();
      const joined = await app.gql(ADD_MEMBER, { organizationId: ownerA.organizationId, input: { email: user.email, role: 'MEMBER' } }, { cookie: ownerA.cookie });
      expect(joined.errors).toBeUndefined();

      const me = await app.gql(ME, {}, { cookie: user.cookie });
      expect(me.data!.me.memberships).toHaveLength(3);
      expect(me.data!.me.memberships).toEqual(
        expect.arrayContaining([
          { role: 'OWNER', organization: { id: user.organizationId, name: 'Home Base' } },
          { role: 'OWNER', organization: { id: second.data!.createOrganization.id, name: 'Side Project' } },
          { role: 'MEMBER', organization: { id: ownerA.organizationId, name: 'Alpha Robotics' } },
        ]),
      );
      const stored = await app.dataSource.query(`SELECT organization_id, role FROM memberships WHERE user_id = $1`, [user.userId]);
      expect(stored).toHaveLength(3);

      // B's owner sees only B.
      const meB = await app.gql(ME, {}, { cookie: ownerB.cookie });
      expect(meB.data!.me.memberships).toEqual([{ role: 'OWNER', organization: { id: ownerB.organizationId, name: 'Bravo Foods' } }]);
    });
  });

  describe('platform organizations', () => {
    let adminCookie: string;
    const names = (response: GraphQLResponse) => response.data!.platformOrganizations.nodes.map((n: { name: string }) => n.name);

    beforeAll(async () => {
      const email = uniqueEmail('platform');
      const password = 'platform-admin-password';
      await app.services.identity.ensureUser({ email, password, isPlatformAdmin: true });
      const loggedIn = await app.gql(LOG_IN, { input: { email, password } });
      expect(loggedIn.data!.logIn.user.isPlatformAdmin).toBe(true);
      adminCookie = sessionCookieFrom(loggedIn);
    });

    it('shows a platform admin every organization', async () => {
      const response = await app.gql(PLATFORM_ORGANIZATIONS, { first: 100 }, { cookie: adminCookie });
      expect(response.errors).toBeUndefined();
      const ids = response.data!.platformOrganizations.nodes.map((n: { id: string }) => n.id);
      expect(ids).toEqual(expect.arrayContaining([ownerA.organizationId, ownerB.organizationId]));
      const [stored] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
      expect(ids).toHaveLength(stored.n);
    });

    it.each([
      ['a name, any case', 'aLpHa', ['Alpha Robotics']],
      ['a slug', 'bravo-foods', ['Bravo Foods']],
      ['a LIKE wildcard taken literally (%)', '%', []],
      ['a LIKE wildcard taken literally (_)', '_', []],
      ['nothing that matches', 'zzz-no-such-org', []],
    ])('filters by %s', async (_label, search, expected) => {
      const response = await app.gql(PLATFORM_ORGANIZATIONS, { search, first: 100 }, { cookie: adminCookie });
      expect(response.errors).toBeUndefined();
      expect(names(response)).toEqual(expected);
    });

    it.each([
      ['an organization owner', () => ({ cookie: ownerA.cookie }), 'FORBIDDEN'],
      ['an organization member', () => ({ cookie: memberA.cookie }), 'FORBIDDEN'],
      ['an API key', () => ({ apiKey: keyA.secret }), 'FORBIDDEN'],
      ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
    ])('refuses %s', async (_label, caller, code) => {
      const response = await app.gql(PLATFORM_ORGANIZATIONS, { first: 100 }, caller());
      expect(errorCode(response)).toBe(code);
      expect(response.data ?? null).toBeNull();
    });

    it('opens any one organization for a platform admin, and only for them', async () => {
      const ADMIN_ORGANIZATION = `query($id: ID!) { adminOrganization(organizationId: $id) { id name slug } }`;
      const found = await app.gql(ADMIN_ORGANIZATION, { id: ownerB.organizationId }, { cookie: adminCookie });
      expect(found.errors).toBeUndefined();
      const [stored] = await app.dataSource.query(`SELECT name, slug FROM organizations WHERE id = $1`, [ownerB.organizationId]);
      expect(found.data!.adminOrganization).toEqual({ id: ownerB.organizationId, name: stored.name, slug: stored.slug });
      expect(errorCode(await app.gql(ADMIN_ORGANIZATION, { id: UNKNOWN_ORGANIZATION }, { cookie: adminCookie }))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(ADMIN_ORGANIZATION, { id: 'not-a-uuid' }, { cookie: adminCookie }))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(ADMIN_ORGANIZATION, { id: ownerB.organizationId }, { cookie: ownerA.cookie }))).toBe('FORBIDDEN');
    });
  });
});

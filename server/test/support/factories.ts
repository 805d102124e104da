import { randomBytes } from 'node:crypto';
import { sessionCookieFrom, type TestApp } from './test-app';

export interface SignedUpUser {
  userId: string;
  email: string;
  password: string;
  organizationId: string;
  cookie: string;
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { user { id email } }
  }
`;
const ME = /* GraphQL */ `{ me { user { id } memberships { role organization { id name } } } }`;

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

/** Signs up through GraphQL: a user who owns a new organization, with their session cookie. */
export async function signUpOwner(app: TestApp, organizationName = 'Acme'): Promise<SignedUpUser> {
  const email = uniqueEmail('owner');
  const password = 'correct-horse-battery';
  const response = await app.gql(SIGN_UP, { input: { email, password, organizationName } });
  const cookie = sessionCookieFrom(response);
  const me = await app.gql(ME, {}, { cookie });
  return {
    userId: me.data!.me.user.id,
    email,
    password,
    organizationId: me.data!.me.memberships[0].organization.id,
    cookie,
  };
}

/** A user who belongs to `organizationId` with `role` (signs up with an organization of their own, then is added). */
export async function addMember(app: TestApp, owner: SignedUpUser, role: 'ADMIN' | 'MEMBER'): Promise<SignedUpUser> {
  const member = await signUpOwner(app, 'Personal');
  const added = await app.gql(
    `mutation Add($organizationId: ID!, $input: AddOrganizationMemberInput!) {
       addOrganizationMember(organizationId: $organizationId, input: $input) { role }
     }`,
    { organizationId: owner.organizationId, input: { email: member.email, role } },
    { cookie: owner.cookie },
  );
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  return { ...member, organizationId: owner.organizationId };
}

/** Creates an API key for the owner's organization and returns its secret. */
export async function createApiKey(app: TestApp, owner: SignedUpUser, scopes: string[] = ['ENTITLEMENTS_READ', 'USAGE_WRITE']): Promise<{ id: string; secret: string; prefix: string }> {
  const response = await app.gql(
    `mutation Create($organizationId: ID!, $input: CreateApiKeyInput!) {
       createApiKey(organizationId: $organizationId, input: $input) { secret apiKey { id prefix } }
     }`,
    { organizationId: owner.organizationId, input: { name: 'test key', scopes } },
    { cookie: owner.cookie },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  const created = response.data!.createApiKey;
  return { id: created.apiKey.id, prefix: created.apiKey.prefix, secret: created.secret };
}

/** A platform admin's session cookie and user id (made directly, then signed in over GraphQL). */
export async function signInPlatformAdmin(app: TestApp, email = uniqueEmail('admin')): Promise<{ cookie: string; userId: string }> {
  const password = 'platform-admin-password';
  const { user } = await app.services.identity.ensureUser({ email, password, isPlatformAdmin: true });
  const response = await app.gql(`mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`, { input: { email, password } });
  return { cookie: sessionCookieFrom(response), userId: user.id };
}

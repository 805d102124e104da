import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { inOrganization, MEMBER_ORG } from '../../overview/__tests__/tenant-fixtures';
import { apiKeyFormValidation } from '../api-key-form';
import { ApiKeyCreateDocument, ApiKeyRevokeDocument, ApiKeysListDocument } from '../api-keys.graphql';
import { ApiKeysPage } from '../ApiKeysPage';

const apiKey = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'ApiKey',
  id,
  name,
  prefix: `tg_${id}abcd`,
  scopes: ['USAGE_WRITE'],
  createdAt: '2026-11-01T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...extra,
});

const list = (nodes: unknown[]) => ({
  request: { query: ApiKeysListDocument, variables: { organizationId: 'org-1', first: 20 } },
  result: { data: { apiKeys: { __typename: 'ApiKeyConnection', nodes, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } },
});

describe('API key form validation', () => {
  it('wants a name that is not blank and fits the server’s 100 characters', () => {
    expect(apiKeyFormValidation.name('   ')).toMatch(/Name the key/);
    expect(apiKeyFormValidation.name('x'.repeat(101))).toBe('At most 100 characters (this is 101).');
    expect(apiKeyFormValidation.name(`  ${'x'.repeat(100)}  `)).toBeNull();
  });

  it('wants at least one scope', () => {
    expect(apiKeyFormValidation.scopes([])).toMatch(/at least one/);
    expect(apiKeyFormValidation.scopes(['ENTITLEMENTS_READ'])).toBeNull();
  });
});

describe('API keys page', () => {
  it('lists keys with prefix, scopes and last use', async () => {
    renderWithConsole(inOrganization(<ApiKeysPage />), {
      mocks: [list([apiKey('k1', 'Backend', { lastUsedAt: '2026-11-20T10:00:00.000Z' }), apiKey('k2', 'Old app', { revokedAt: '2026-11-10T10:00:00.000Z' })])],
    });
    const backend = (await screen.findByText('Backend')).closest('tr')!;
    expect(within(backend).getByText('tg_k1abcd…')).toBeInTheDocument();
    expect(within(backend).getByText('Record usage')).toBeInTheDocument();
    expect(within(backend).getByRole('button', { name: 'Revoke Backend' })).toBeInTheDocument();
    const old = screen.getByText('Old app').closest('tr')!;
    expect(within(old).getByText('Revoked Nov 10, 2026')).toBeInTheDocument();
    expect(within(old).getByText('Never')).toBeInTheDocument();
    expect(within(old).queryByRole('button')).not.toBeInTheDocument();
  });

  it('refuses an empty form without asking the server', async () => {
    renderWithConsole(inOrganization(<ApiKeysPage />), { mocks: [list([])] });
    await screen.findByText('No API keys yet');
    await userEvent.click(screen.getAllByRole('button', { name: 'Create API key' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Create an API key' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Record usage/ }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Read entitlements/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(within(dialog).getByText(/Name the key/)).toBeInTheDocument();
    expect(within(dialog).getByText('Choose at least one thing the key may do.')).toBeInTheDocument();
    // An unexpected request would fail on the missing mock and show an alert.
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the secret once, with a copy button, and then lists the new key', async () => {
    const created = apiKey('k9', 'Production backend', { scopes: ['USAGE_WRITE', 'ENTITLEMENTS_READ'] });
    const create = {
      request: {
        query: ApiKeyCreateDocument,
        variables: { organizationId: 'org-1', input: { name: 'Production backend', scopes: ['USAGE_WRITE', 'ENTITLEMENTS_READ'] } },
      },
      result: { data: { createApiKey: { __typename: 'CreatedApiKey', secret: 'tg_k9abcd_the-whole-secret', apiKey: created } } },
    };
    renderWithConsole(inOrganization(<ApiKeysPage />), { mocks: [list([]), create, list([created])] });
    await screen.findByText('No API keys yet');
    await userEvent.click(screen.getAllByRole('button', { name: 'Create API key' })[0]!);
    const form = await screen.findByRole('dialog', { name: 'Create an API key' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Name/ }), '  Production backend ');
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByRole('dialog', { name: 'API key “Production backend” created' });
    expect(within(secret).getByTestId('copyable-secret')).toHaveTextContent('tg_k9abcd_the-whole-secret');
    expect(within(secret).getByRole('button', { name: 'Copy API key' })).toBeInTheDocument();
    expect(within(secret).getByText(/never show it again/)).toBeInTheDocument();
    await userEvent.click(within(secret).getByRole('button', { name: 'I have copied the key' }));
    await waitFor(() => expect(screen.queryByTestId('copyable-secret')).not.toBeInTheDocument());
    expect(await screen.findByText('Production backend')).toBeInTheDocument();
  });

  it('shows the server’s field message on the field', async () => {
    const refused = {
      request: { query: ApiKeyCreateDocument, variables: { organizationId: 'org-1', input: { name: 'Dup', scopes: ['USAGE_WRITE', 'ENTITLEMENTS_READ'] } } },
      result: { errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'input.name', messages: ['name is taken'] }] } } }] },
    };
    renderWithConsole(inOrganization(<ApiKeysPage />), { mocks: [list([]), refused] });
    await screen.findByText('No API keys yet');
    await userEvent.click(screen.getAllByRole('button', { name: 'Create API key' })[0]!);
    const form = await screen.findByRole('dialog', { name: 'Create an API key' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Name/ }), 'Dup');
    await userEvent.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(await within(form).findByText('name is taken')).toBeInTheDocument();
  });

  it('revokes a key after confirmation', async () => {
    const key = apiKey('k1', 'Backend');
    const revoke = {
      request: { query: ApiKeyRevokeDocument, variables: { organizationId: 'org-1', apiKeyId: 'k1' } },
      result: { data: { revokeApiKey: { ...key, revokedAt: '2026-11-23T10:00:00.000Z' } } },
    };
    renderWithConsole(inOrganization(<ApiKeysPage />), { mocks: [list([key]), revoke] });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Backend' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Backend”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('“Backend” was revoked')).toBeInTheDocument();
    expect(await screen.findByText('Revoked Nov 23, 2026')).toBeInTheDocument();
  });

  it('tells members that owners and admins manage keys, without asking the server for them', async () => {
    // No mock: the list query must not be sent (the server refuses it to members); MockLink warns on any request.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    renderWithConsole(inOrganization(<ApiKeysPage />, MEMBER_ORG), { mocks: [] });
    expect(await screen.findByText('Owners and admins manage API keys')).toBeInTheDocument();
    const create = screen.getByRole('button', { name: 'Create API key' });
    expect(create).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(create);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('No more mocked responses'));
    warn.mockRestore();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminCatalogFeatureArchiveDocument, AdminCatalogFeatureCreateDocument, AdminCatalogFeaturesDocument } from '../catalog.graphql';
import { FeaturesTab } from '../FeaturesTab';
import { features } from './fixtures';

const listed = { request: { query: AdminCatalogFeaturesDocument }, result: { data: { platformFeatures: features } }, maxUsageCount: 10 };

describe('FeaturesTab', () => {
  it('checks a new feature’s key on the client, then shows the server’s CONFLICT on the key field', async () => {
    let sent = 0;
    const create = {
      request: { query: AdminCatalogFeatureCreateDocument, variables: { input: { key: 'messages', name: 'Messages', description: '', kind: 'METERED', unit: 'messages' } } },
      result: () => {
        sent += 1;
        return {
          errors: [
            { message: 'A feature with key "messages" already exists', extensions: { code: 'CONFLICT', details: { fields: [{ field: 'key', messages: ['A feature with key "messages" already exists'] }] } } },
          ],
        };
      },
    };
    renderWithConsole(<FeaturesTab />, { mocks: [listed, create] });
    await userEvent.click(await screen.findByRole('button', { name: 'New feature' }));
    const form = await screen.findByRole('form', { name: 'New feature' });
    const key = within(form).getByRole('textbox', { name: /Key/ });

    await userEvent.type(key, 'Messages');
    await userEvent.type(within(form).getByRole('textbox', { name: /Name/ }), 'Messages');
    await userEvent.click(within(form).getByRole('button', { name: 'Create feature' }));
    expect(await within(form).findByText(/Start with a lower-case letter/)).toBeInTheDocument();
    expect(sent).toBe(0);

    await userEvent.clear(key);
    await userEvent.type(key, 'messages');
    await userEvent.type(within(form).getByRole('textbox', { name: /Unit/ }), 'messages');
    await userEvent.click(within(form).getByRole('button', { name: 'Create feature' }));
    await waitFor(() => expect(key).toHaveAccessibleDescription(expect.stringContaining('A feature with key "messages" already exists')));
    expect(sent).toBe(1);
  });

  it('archives only after confirmation', async () => {
    let archived = 0;
    const archive = {
      request: { query: AdminCatalogFeatureArchiveDocument, variables: { key: 'sso' } },
      result: () => {
        archived += 1;
        return { data: { archiveFeature: { ...features[3], archivedAt: '2026-11-23T10:00:00Z' } } };
      },
    };
    renderWithConsole(<FeaturesTab />, { mocks: [listed, archive] });
    await userEvent.click(await screen.findByRole('button', { name: 'Actions for SSO' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Plans that already grant SSO keep it/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(archived).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Actions for SSO' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Archive feature' }));
    expect(await screen.findByText('SSO is archived')).toBeInTheDocument();
    expect(archived).toBe(1);
  });
});

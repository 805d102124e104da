import { screen } from '@testing-library/react';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminAuditLogDocument, AdminAuditOrganizationsDocument } from '../audit.graphql';
import { AuditLogPage } from '../AuditLogPage';

const acme = { __typename: 'Organization', id: '13f76e46-e5d6-49ef-9d85-9c7bcd569ede', name: 'Acme AI', slug: 'acme' };
const organizations = {
  request: { query: AdminAuditOrganizationsDocument, variables: { search: null, first: 50 } },
  result: { data: { platformOrganizations: { __typename: 'OrganizationConnection', nodes: [acme] } } },
  maxUsageCount: 5,
};

describe('AuditLogPage', () => {
  it('queries with the filters in the URL and names organizations it knows', async () => {
    const filter = { organizationId: acme.id, actorType: 'STRIPE', from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 10, 3).toISOString() };
    const log = {
      request: { query: AdminAuditLogDocument, variables: { filter, first: 25 } },
      result: {
        data: {
          adminAuditLog: {
            __typename: 'AuditEntryConnection',
            nodes: [
              {
                __typename: 'AuditEntry',
                id: 'e1',
                createdAt: '2026-11-02T09:00:00Z',
                action: 'subscription.synced',
                actorType: 'STRIPE',
                actorId: 'evt_123',
                actorName: null,
                organizationId: acme.id,
                targetType: 'subscription',
                targetId: 'sub-1',
                before: { status: 'active' },
                after: { status: 'past_due' },
              },
            ],
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          },
        },
      },
    };
    renderWithConsole(<AuditLogPage />, {
      mocks: [organizations, log],
      route: `/admin/audit?organization=${acme.id}&actor=STRIPE&from=2026-11-01&to=2026-11-02`,
      path: '/admin/audit',
    });
    // A whole page with its filters renders first: give a busy machine time.
    expect(await screen.findByText('status: active → past_due', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Acme AI' }, { timeout: 5000 })).toHaveAttribute('href', `/admin/organizations/${acme.id}`);
  });
});

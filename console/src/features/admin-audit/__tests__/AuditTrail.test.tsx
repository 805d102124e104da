import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminOrganizationAuditTrailDocument } from '../audit.graphql';
import { AuditTrail } from '../AuditTrail';

const organizationId = '13f76e46-e5d6-49ef-9d85-9c7bcd569ede';

const entry = (id: string, action: string, before: object | null, after: object | null) => ({
  __typename: 'AuditEntry',
  id,
  createdAt: '2026-11-23T10:00:00Z',
  action,
  actorType: 'USER',
  actorId: 'user-1',
  actorName: 'ada@example.test',
  organizationId,
  targetType: 'subscription',
  targetId: 'sub-1',
  before,
  after,
});

const trail = (nodes: object[], hasNextPage = false, after: string | null = null) => ({
  request: { query: AdminOrganizationAuditTrailDocument, variables: { organizationId, first: 25, ...(after ? { after } : {}) } },
  result: {
    data: { adminAuditLog: { __typename: 'AuditEntryConnection', nodes, pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null } } },
  },
});

describe('AuditTrail', () => {
  it('lists one organization’s entries with the change in short, the whole before/after on demand, and more on request', async () => {
    renderWithConsole(<AuditTrail organizationId={organizationId} />, {
      mocks: [
        trail([entry('a1', 'subscription.upgraded', { plan: 'free', status: 'active' }, { plan: 'pro', status: 'active' })], true),
        trail([entry('a2', 'credits.adjusted', null, { amount: 500, reason: 'goodwill' })], false, 'cursor-1'),
      ],
    });
    expect(await screen.findByText('plan: free → pro')).toBeInTheDocument();
    // The actor by email, not by id.
    expect(screen.getByText('ada@example.test')).toBeInTheDocument();
    expect(screen.queryByText('user-1')).not.toBeInTheDocument();
    // One organization's trail has no organization column.
    expect(screen.queryByRole('columnheader', { name: 'Organization' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Show before and after of subscription.upgraded/ }));
    expect(screen.getByText(/"plan": "free"/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('reason: goodwill')).toBeInTheDocument();
    expect(screen.getByText('plan: free → pro')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when there is nothing yet', async () => {
    renderWithConsole(<AuditTrail organizationId={organizationId} />, { mocks: [trail([])] });
    expect(await screen.findByText('No audit entries yet')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole } from '../../../test-utils/render';
import { AdminWebhooksEventReplayDocument, AdminWebhooksEventsDocument, AdminWebhooksSandboxClockDocument } from '../webhooks.graphql';
import { WebhooksPage } from '../WebhooksPage';

const failedEvent = {
  __typename: 'StripeEvent',
  id: 'evt_failed_1',
  type: 'invoice.payment_failed',
  status: 'FAILED',
  attempts: 3,
  lastError: 'Subscription sub_1 not found',
  livemode: false,
  organizationId: null,
  createdAt: '2026-11-20T10:00:00Z',
  receivedAt: '2026-11-20T10:00:01Z',
  appliedAt: null,
  nextAttemptAt: '2026-11-20T10:04:00Z',
};

const page = (nodes: object[], filter: object | null = null) => ({
  request: { query: AdminWebhooksEventsDocument, variables: { filter, first: 25 } },
  result: { data: { adminStripeEvents: { __typename: 'StripeEventConnection', nodes, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } },
});
const liveMode = { request: { query: AdminWebhooksSandboxClockDocument }, result: { data: { stripeMode: 'LIVE', stripeSandboxClock: null } } };

function replayMock() {
  let calls = 0;
  return {
    mock: {
      request: { query: AdminWebhooksEventReplayDocument, variables: { id: 'evt_failed_1' } },
      result: () => {
        calls += 1;
        return { data: { replayStripeEvent: { ...failedEvent, status: 'APPLIED', attempts: 4, lastError: null, appliedAt: '2026-11-23T12:00:00Z', nextAttemptAt: null } } };
      },
    },
    calls: () => calls,
  };
}

describe('WebhooksPage', () => {
  it('asks for the filters in the URL', async () => {
    renderWithConsole(<WebhooksPage />, {
      mocks: [liveMode, page([failedEvent], { status: 'FAILED' })],
      route: '/admin/webhooks?status=FAILED',
      path: '/admin/webhooks',
    });
    expect(await screen.findByText('invoice.payment_failed', { selector: 'code' })).toBeInTheDocument();
    expect(screen.getByText('Subscription sub_1 not found')).toBeInTheDocument();
  });

  it('replays an event only after confirmation and shows its new status', async () => {
    const replay = replayMock();
    renderWithConsole(<WebhooksPage />, { mocks: [liveMode, page([failedEvent]), replay.mock] });
    await userEvent.click(await screen.findByRole('button', { name: 'Replay invoice.payment_failed evt_failed_1' }));
    let dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/now failed after 3 attempts/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(replay.calls()).toBe(0);

    await userEvent.click(screen.getByRole('button', { name: 'Replay invoice.payment_failed evt_failed_1' }));
    dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replay event' }));
    expect(await screen.findByText('Replayed: applied')).toBeInTheDocument();
    expect(replay.calls()).toBe(1);
    // The row itself now says applied (the cache holds the event by its id).
    const row = screen.getByText('invoice.payment_failed', { selector: 'code' }).closest('tr')!;
    await waitFor(() => expect(within(row).getByText('applied')).toBeInTheDocument());
    expect(within(row).queryByText('Subscription sub_1 not found')).not.toBeInTheDocument();
  });

  it('has an empty state that says whether filters are the reason', async () => {
    renderWithConsole(<WebhooksPage />, { mocks: [liveMode, page([], { type: 'invoice.paid' })], route: '/?type=invoice.paid' });
    expect(await screen.findByText('No events match these filters')).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { renderWithConsole } from '../../../test-utils/render';
import { RequireViewer } from '../guards';
import { OrganizationRoute } from '../organization-context';
import { ViewerDocument } from '../session.graphql';

const member = {
  request: { query: ViewerDocument },
  result: {
    data: {
      me: {
        __typename: 'Me',
        user: { __typename: 'User', id: 'u1', email: 'owner@acme.test', displayName: 'Owner', isPlatformAdmin: false },
        memberships: [
          { __typename: 'ViewerMembership', role: 'MEMBER', organization: { __typename: 'Organization', id: 'org-a', name: 'Acme', slug: 'acme' } },
        ],
      },
    },
  },
};
const signedOut = { request: { query: ViewerDocument }, result: { errors: [{ message: 'Log in first.', extensions: { code: 'UNAUTHENTICATED' } }] } };

const organizationTree = {
  element: <RequireViewer />,
  children: [{ path: 'orgs/:organizationId', element: <OrganizationRoute />, children: [{ index: true, element: <p>tenant data</p> }] }],
};

describe('route guards', () => {
  it('shows an organization’s pages to its members', async () => {
    renderWithConsole(<RequireViewer />, {
      mocks: [member],
      route: '/orgs/org-a',
      path: '/__unused',
      extraRoutes: [organizationTree],
    });
    expect(await screen.findByText('tenant data')).toBeInTheDocument();
  });

  it('shows the 403 view, and none of the page, to a non-member', async () => {
    renderWithConsole(<RequireViewer />, { mocks: [member], route: '/orgs/org-b', path: '/__unused', extraRoutes: [organizationTree] });
    expect(await screen.findByTestId('forbidden-view')).toBeInTheDocument();
    expect(screen.queryByText('tenant data')).not.toBeInTheDocument();
  });

  it('sends the signed-out to the login page, remembering where they were going', async () => {
    const { router } = renderWithConsole(<RequireViewer />, {
      mocks: [signedOut],
      route: '/orgs/org-a',
      path: '/__unused',
      extraRoutes: [organizationTree, { path: '/login', element: <p>login page</p> }],
    });
    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Forgs%2Forg-a');
  });
});

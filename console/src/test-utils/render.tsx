import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';

type MockedResponse = MockLink.MockedResponse;
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { theme } from '../theme';

interface ConsoleRenderOptions extends Omit<RenderOptions, 'wrapper'> {
  /** Canned GraphQL answers for the component under test (the server's own behaviour is tested in server/). */
  mocks?: MockedResponse[];
  /** The URL to start at; `path` is the route pattern the element is mounted on. */
  route?: string;
  path?: string;
  /** Other routes to mount beside it (e.g. where a redirect lands). */
  extraRoutes?: RouteObject[];
}

export function Providers({ children, mocks = [] }: { children: ReactNode; mocks?: MockedResponse[] }) {
  return (
    <MockedProvider mocks={mocks}>
      <MantineProvider theme={theme} env="test">
        <ModalsProvider>
          <Notifications />
          {children}
        </ModalsProvider>
      </MantineProvider>
    </MockedProvider>
  );
}

/** Renders a console element inside the same providers as the app, on an in-memory router. */
export function renderWithConsole(element: ReactElement, { mocks, route = '/', path = '/', extraRoutes = [], ...options }: ConsoleRenderOptions = {}) {
  const router = createMemoryRouter([{ path, element }, ...extraRoutes], { initialEntries: [route] });
  const result = render(
    <Providers mocks={mocks}>
      <RouterProvider router={router} />
    </Providers>,
    options,
  );
  return { ...result, router };
}

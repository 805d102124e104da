import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo/client';
import { routes } from './routes';
import { theme } from './theme';

const router = createBrowserRouter(routes);

const client = createApolloClient({
  onUnauthenticated: () => {
    // The session ended while the console was open: forget what was cached and ask to log in again.
    void client.clearStore().finally(() => {
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) void router.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
  },
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <MantineProvider theme={theme}>
        <ModalsProvider>
          <Notifications position="top-right" />
          <RouterProvider router={router} />
        </ModalsProvider>
      </MantineProvider>
    </ApolloProvider>
  </StrictMode>,
);

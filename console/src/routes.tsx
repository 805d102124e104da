import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { NotFoundView } from './components/ForbiddenView';
import { LoadingState } from './components/QueryStates';
import { OrganizationPageRedirect } from './features/checkout/OrganizationPageRedirect';
import { AppLayout } from './layout/AppLayout';
import { HomeRedirect, RequirePlatformAdmin, RequireViewer } from './features/session/guards';
import { LogInPage } from './features/session/LogInPage';
import { NoOrganizationPage } from './features/session/NoOrganizationPage';
import { OrganizationRoute } from './features/session/organization-context';
import { SignUpPage } from './features/session/SignUpPage';

// Every page is its own chunk: the first view downloads the shell and one page, and admin pages (with their charts)
// only ever load for platform admins.
const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) => async () => ({ Component: pick(await load()) });

export const routes: RouteObject[] = [
  { path: '/login', Component: LogInPage },
  { path: '/signup', Component: SignUpPage },
  {
    Component: RequireViewer,
    // Shown while the first page's chunk loads.
    HydrateFallback: LoadingState,
    children: [
      {
        Component: AppLayout,
        children: [
          { index: true, Component: HomeRedirect },
          { path: 'no-organization', Component: NoOrganizationPage },
          { path: 'billing/checkout/return', lazy: page(() => import('./features/checkout/CheckoutReturnPage'), (m) => m.CheckoutReturnPage) },
          // Stripe's cancel and portal-return URLs name no organization: they lead to the one last worked in.
          { path: 'pricing', element: <OrganizationPageRedirect page="pricing" /> },
          { path: 'billing', element: <OrganizationPageRedirect page="" /> },
          { path: 'billing/credits', element: <OrganizationPageRedirect page="credits" /> },
          { path: 'billing/credits/return', lazy: page(() => import('./features/checkout/CreditsReturnPage'), (m) => m.CreditsReturnPage) },
          {
            path: 'orgs/:organizationId',
            Component: OrganizationRoute,
            children: [
              { index: true, lazy: page(() => import('./features/overview/OverviewPage'), (m) => m.OverviewPage) },
              { path: 'pricing', lazy: page(() => import('./features/pricing/PricingPage'), (m) => m.PricingPage) },
              { path: 'usage', lazy: page(() => import('./features/usage/UsagePage'), (m) => m.UsagePage) },
              { path: 'credits', lazy: page(() => import('./features/credits/CreditsPage'), (m) => m.CreditsPage) },
              { path: 'invoices', lazy: page(() => import('./features/invoices/InvoicesPage'), (m) => m.InvoicesPage) },
              { path: 'api-keys', lazy: page(() => import('./features/api-keys/ApiKeysPage'), (m) => m.ApiKeysPage) },
            ],
          },
          {
            path: 'admin',
            Component: RequirePlatformAdmin,
            children: [
              { path: 'organizations', lazy: page(() => import('./features/admin-organizations/OrganizationsPage'), (m) => m.OrganizationsPage) },
              {
                path: 'organizations/:organizationId',
                lazy: page(() => import('./features/admin-organizations/OrganizationPage'), (m) => m.OrganizationPage),
              },
              { path: 'catalog', lazy: page(() => import('./features/admin-catalog/CatalogPage'), (m) => m.CatalogPage) },
              { path: 'revenue', lazy: page(() => import('./features/admin-revenue/RevenuePage'), (m) => m.RevenuePage) },
              { path: 'webhooks', lazy: page(() => import('./features/admin-webhooks/WebhooksPage'), (m) => m.WebhooksPage) },
              { path: 'audit', lazy: page(() => import('./features/admin-audit/AuditLogPage'), (m) => m.AuditLogPage) },
            ],
          },
          { path: '*', Component: NotFoundView },
        ],
      },
    ],
  },
];

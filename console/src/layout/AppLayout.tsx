import { AppShell, Badge, Burger, Group, Menu, NavLink, ScrollArea, Select, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingStore,
  IconChartBar,
  IconChevronDown,
  IconCoins,
  IconFileInvoice,
  IconGauge,
  IconHome,
  IconKey,
  IconListDetails,
  IconLogout,
  IconReceipt2,
  IconTags,
  IconWebhook,
} from '@tabler/icons-react';
import { Suspense, type ReactNode } from 'react';
import { NavLink as RouterNavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { LoadingState } from '../components/QueryStates';
import { lastOrganizationId } from '../features/session/last-organization';
import { useLogOut } from '../features/session/useSessionMutations';
import { useViewer } from '../features/session/useViewer';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  end?: boolean;
}

const tenantNav = (base: string): NavItem[] => [
  { to: base, label: 'Overview', icon: <IconHome size={18} />, end: true },
  { to: `${base}/pricing`, label: 'Plans', icon: <IconTags size={18} /> },
  { to: `${base}/usage`, label: 'Usage', icon: <IconGauge size={18} /> },
  { to: `${base}/credits`, label: 'Credits', icon: <IconCoins size={18} /> },
  { to: `${base}/invoices`, label: 'Invoices', icon: <IconFileInvoice size={18} /> },
  { to: `${base}/api-keys`, label: 'API keys', icon: <IconKey size={18} /> },
];

const adminNav: NavItem[] = [
  { to: '/admin/organizations', label: 'Organizations', icon: <IconBuildingStore size={18} /> },
  { to: '/admin/catalog', label: 'Catalog', icon: <IconReceipt2 size={18} /> },
  { to: '/admin/revenue', label: 'Revenue & health', icon: <IconChartBar size={18} /> },
  { to: '/admin/webhooks', label: 'Webhooks', icon: <IconWebhook size={18} /> },
  { to: '/admin/audit', label: 'Audit log', icon: <IconListDetails size={18} /> },
];

function NavSection({ title, items, onNavigate }: { title: string; items: NavItem[]; onNavigate: () => void }) {
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="md" mb={4}>
        {title}
      </Text>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={RouterNavLink}
          to={item.to}
          end={item.end}
          label={item.label}
          leftSection={item.icon}
          onClick={onNavigate}
        />
      ))}
    </>
  );
}

/** The signed-in frame: organization switcher, tenant navigation, admin navigation for platform admins, user menu. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { viewer } = useViewer();
  const { logOut } = useLogOut();
  const navigate = useNavigate();
  const orgMatch = useMatch('/orgs/:organizationId/*');
  if (!viewer) return null;

  const memberships = viewer.memberships;
  const isMemberOf = (id: string | null | undefined) => memberships.some((m) => m.organization.id === id);
  const urlOrgId = orgMatch?.params.organizationId;
  // On another organization's URL (the 403 view) the navigation still leads back to the viewer's own.
  const currentOrgId = isMemberOf(urlOrgId) ? urlOrgId : isMemberOf(lastOrganizationId()) ? lastOrganizationId() : memberships[0]?.organization.id;
  const isMember = isMemberOf(currentOrgId);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={800} c="indigo" size="lg">
              Tollgate
            </Text>
            {viewer.user.isPlatformAdmin && (
              <Badge variant="light" color="grape" visibleFrom="xs">
                Platform admin
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {memberships.length > 0 && (
              <Select
                aria-label="Organization"
                size="xs"
                w={{ base: 140, sm: 220 }}
                allowDeselect={false}
                data={memberships.map((m) => ({ value: m.organization.id, label: m.organization.name }))}
                value={urlOrgId ? (isMemberOf(urlOrgId) ? urlOrgId : null) : (currentOrgId ?? null)}
                placeholder="Organization"
                onChange={(id) => id && navigate(`/orgs/${id}`)}
              />
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu">
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" visibleFrom="sm" maw={200} truncate>
                      {viewer.user.displayName ?? viewer.user.email}
                    </Text>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{viewer.user.email}</Menu.Label>
                <Menu.Item
                  leftSection={<IconLogout size={16} />}
                  onClick={async () => {
                    await logOut();
                    navigate('/login', { replace: true });
                  }}
                >
                  Log out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {currentOrgId && isMember && <NavSection title="Organization" items={tenantNav(`/orgs/${currentOrgId}`)} onNavigate={close} />}
          {viewer.user.isPlatformAdmin && <NavSection title="Platform" items={adminNav} onNavigate={close} />}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

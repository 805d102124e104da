import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { CopyableSecret } from '../../components/CopyableSecret';
import { useLoadMore } from '../../apollo/load-more';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatDate, formatDateTime } from '../../format/dates';
import type { ApiKeyFieldsFragment } from '../../gql/graphql';
import { notifyFailure, notifySuccess } from '../overview/notify';
import { useCurrentOrganization } from '../session/organization-context';
import { scopeLabel } from './api-key-form';
import { ApiKeyRevokeDocument, ApiKeysListDocument } from './api-keys.graphql';
import { CreateApiKeyModal } from './CreateApiKeyModal';

const PAGE_SIZE = 20;
const MEMBERS_CANNOT = 'Only owners and admins can create or revoke API keys.';

export function ApiKeysPage() {
  const organization = useCurrentOrganization();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  // The server lists keys to owners and admins only (a key's name and scopes say how the organization's apps work).
  const { data, loading, error, refetch, fetchMore } = useQuery(ApiKeysListDocument, {
    variables: { organizationId: organization.id, first: PAGE_SIZE },
    skip: !organization.canAct,
  });
  const { loadMore, loadingMore } = useLoadMore(data, 'apiKeys', fetchMore);

  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      Create API key
    </Button>
  );
  const description = 'Your apps use these keys to check entitlements, record usage and consume credits.';

  if (!organization.canAct) {
    return (
      <Stack gap="lg">
        <PageHeader
          title="API keys"
          description={description}
          actions={
            <Tooltip label={MEMBERS_CANNOT}>
              <Button leftSection={<IconPlus size={16} />} data-disabled aria-disabled onClick={(event) => event.preventDefault()}>
                Create API key
              </Button>
            </Tooltip>
          }
        />
        <Alert color="blue" icon={<IconLock size={18} />} title="Owners and admins manage API keys">
          Only owners and admins of {organization.name} can see, create and revoke its API keys. Ask one of them for a key for your app.
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title="API keys" description={description} actions={createButton} />
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {(loaded) =>
          loaded.apiKeys.nodes.length === 0 ? (
            <EmptyState title="No API keys yet" action={createButton}>
              Create a key for each app that talks to Tollgate, so you can revoke one without touching the others.
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="sm" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Key</Table.Th>
                      <Table.Th>Scopes</Table.Th>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Last used</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {loaded.apiKeys.nodes.map((apiKey) => (
                      <ApiKeyRow key={apiKey.id} apiKey={apiKey} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMoreButton hasNextPage={loaded.apiKeys.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
            </>
          )
        }
      </QueryBoundary>
      <CreateApiKeyModal
        organizationId={organization.id}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={created ? `API key “${created.name}” created` : ''}
        closeOnClickOutside={false}
        size="lg"
      >
        {created && (
          <Stack>
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              Copy the key now and keep it somewhere safe: Tollgate stores only a hash and will never show it again.
            </Alert>
            <CopyableSecret value={created.secret} label="Copy API key" />
            <Text size="sm" c="dimmed">
              Send it as <Code>Authorization: Bearer &lt;key&gt;</Code> with your GraphQL requests.
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>I have copied the key</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function ApiKeyRow({ apiKey }: { apiKey: ApiKeyFieldsFragment }) {
  const organization = useCurrentOrganization();
  const [revoke, { loading }] = useMutation(ApiKeyRevokeDocument);
  const revoked = apiKey.revokedAt !== null;
  const confirmRevoke = () =>
    modals.openConfirmModal({
      title: `Revoke “${apiKey.name}”?`,
      children: (
        <Text size="sm">
          Apps using the key <Code>{apiKey.prefix}…</Code> are refused from their next request. This cannot be undone; create a new key to
          replace it.
        </Text>
      ),
      labels: { confirm: 'Revoke key', cancel: 'Keep key' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void revoke({ variables: { organizationId: organization.id, apiKeyId: apiKey.id } })
          .then(() => notifySuccess(`“${apiKey.name}” was revoked`))
          .catch((error: unknown) => notifyFailure(`“${apiKey.name}” could not be revoked`, error)),
    });
  return (
    <Table.Tr style={revoked ? { opacity: 0.6 } : undefined}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {apiKey.name}
        </Text>
        {revoked && (
          <Badge size="sm" color="gray" variant="light">
            Revoked {formatDate(apiKey.revokedAt)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Code>{apiKey.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {apiKey.scopes.map((scope) => (
            <Badge key={scope} variant="outline" size="sm">
              {scopeLabel(scope)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(apiKey.createdAt)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</Table.Td>
      <Table.Td ta="right">
        {organization.canAct && !revoked && (
          <Button size="xs" variant="subtle" color="red" loading={loading} onClick={confirmRevoke} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

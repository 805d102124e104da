import { Alert, Badge, Button, Code, Collapse, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { groupSyncResult, syncHeadline, type StripeSyncGroup, type StripeSyncResult } from './stripe-sync';

function Items({ title, color, items }: { title: string; color: string; items: StripeSyncGroup['created'] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Badge color={color} variant="light" size="sm">
          {title}
        </Badge>
      </Group>
      <List size="sm" spacing={2} listStyleType="none">
        {items.map((item) => (
          <List.Item key={`${item.key}-${item.stripeId}`}>
            <Text size="sm" span style={{ wordBreak: 'break-all' }}>
              {item.key} <Code>{item.stripeId}</Code>
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** What "Sync to Stripe" did, per kind: created and updated items listed, unchanged ones counted (and listed on demand). */
export function StripeSyncPanel({ result, onClose }: { result: StripeSyncResult; onClose: () => void }) {
  const [showUnchanged, { toggle }] = useDisclosure(false);
  const groups = groupSyncResult(result);
  return (
    <Alert
      color={result.changedCount > 0 ? 'teal' : 'gray'}
      icon={<IconCircleCheck size={18} />}
      title={syncHeadline(result)}
      withCloseButton
      closeButtonLabel="Dismiss the sync result"
      onClose={onClose}
      data-testid="stripe-sync-result"
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: groups.length || 1 }}>
          {groups.map((group) => (
            <Stack key={group.kind} gap="xs">
              <div>
                <Text fw={600} size="sm">
                  {group.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {group.created.length} created · {group.updated.length} updated · {group.unchanged.length} unchanged
                </Text>
              </div>
              <Items title="created" color="teal" items={group.created} />
              <Items title="updated" color="blue" items={group.updated} />
              <Collapse expanded={showUnchanged}>
                <Items title="unchanged" color="gray" items={group.unchanged} />
              </Collapse>
            </Stack>
          ))}
        </SimpleGrid>
        {result.unchanged.length > 0 && (
          <Button variant="subtle" size="compact-sm" px={0} onClick={toggle} w="fit-content" aria-expanded={showUnchanged}>
            {showUnchanged ? 'Hide unchanged items' : `Show ${result.unchanged.length} unchanged items`}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

import { ActionIcon, Code, Group, Menu, Stack, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface RowAction {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  danger?: boolean;
  /** Why the action is not available, shown under it; the item is disabled when set. */
  unavailable?: string;
  /** A line above this item (separates reversible edits from archiving). */
  dividerBefore?: boolean;
}

/** A catalog row's actions behind one "…" button, named for the row so a screen reader knows whose they are. */
export function RowActionsMenu({ name, actions }: { name: string; actions: RowAction[] }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => [
          action.dividerBefore ? <Menu.Divider key={`${action.label}-divider`} /> : null,
          <Menu.Item
            key={action.label}
            leftSection={action.icon}
            color={action.danger ? 'red' : undefined}
            disabled={Boolean(action.unavailable)}
            onClick={action.onClick}
          >
            {action.label}
            {action.unavailable && (
              <Text size="xs" c="dimmed" maw={240}>
                {action.unavailable}
              </Text>
            )}
          </Menu.Item>,
        ])}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * The first cell of a catalog row: name, key and the row's actions, so the actions stay in reach when a phone
 * shows only the start of the table.
 */
export function CatalogItemCell({ name, itemKey, actions }: { name: string; itemKey: string; actions: RowAction[] }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
      <Stack gap={2}>
        <Text fw={600}>{name}</Text>
        <Code w="fit-content">{itemKey}</Code>
      </Stack>
      <RowActionsMenu name={name} actions={actions} />
    </Group>
  );
}

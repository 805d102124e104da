import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { FeatureKind } from '../../gql/enums';
import type { AdminCatalogFeatureFieldsFragment } from '../../gql/graphql';
import {
  AdminCatalogFeatureArchiveDocument,
  AdminCatalogFeatureCreateDocument,
  AdminCatalogFeaturesDocument,
  AdminCatalogFeatureUnarchiveDocument,
  AdminCatalogFeatureUpdateDocument,
  AdminCatalogPlansDocument,
} from './catalog.graphql';
import { featureFormValues, toCreateFeatureInput, toUpdateFeatureInput, validateFeature, type FeatureFormValues } from './catalog-forms';
import { confirmAction, FormActions, FormAlert, FormModal, notifySaved, useFocusFirstError } from './CatalogForm';
import { CatalogItemCell, type RowAction } from './RowActionsMenu';
import { placeServerErrors, samePathIn } from './server-errors';

type Feature = AdminCatalogFeatureFieldsFragment;

// Features have no id for Apollo's cache to match on: lists that show them are fetched again after a change.
const REFETCH = [AdminCatalogFeaturesDocument, AdminCatalogPlansDocument];

function FeatureForm({ feature, onDone }: { feature: Feature | null; onDone: () => void }) {
  const creating = feature === null;
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [createFeature, created] = useMutation(AdminCatalogFeatureCreateDocument, { refetchQueries: REFETCH });
  const [updateFeature, updated] = useMutation(AdminCatalogFeatureUpdateDocument, { refetchQueries: REFETCH });
  const form = useForm<FeatureFormValues>({ initialValues: featureFormValues(feature), validate: (values) => validateFeature(values, { creating }) });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  const metered = form.getValues().kind === FeatureKind.Metered;
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={creating ? 'New feature' : `Edit ${feature.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        try {
          if (creating) await createFeature({ variables: { input: toCreateFeatureInput(values) } });
          else await updateFeature({ variables: { key: feature.key, input: toUpdateFeatureInput(values) } });
          notifySaved(creating ? 'Feature created' : 'Feature saved', creating ? 'Plans can grant it from their next terms change.' : undefined);
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, samePathIn(['key', 'name', 'description', 'kind', 'unit']));
          form.setErrors(placed.fields);
          focusFirstError();
          setFormAlert(placed.other);
        }
      }, focusFirstError)}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Key"
            description={creating ? 'Used by the API; it never changes' : 'Keys never change'}
            placeholder="messages"
            required={creating}
            disabled={!creating}
            autoComplete="off"
            {...form.getInputProps('key')}
          />
          <TextInput label="Name" description="Shown with plans and usage" placeholder="Messages" required {...form.getInputProps('name')} />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="feature-kind-label">
            Kind
          </Text>
          <SegmentedControl
            aria-labelledby="feature-kind-label"
            disabled={!creating}
            data={[
              { value: FeatureKind.Metered, label: 'Metered (counted against a limit)' },
              { value: FeatureKind.Boolean, label: 'On/off' },
            ]}
            {...form.getInputProps('kind')}
          />
          {!creating && (
            <Text size="xs" c="dimmed">
              A feature’s kind never changes.
            </Text>
          )}
        </Stack>
        {metered && <TextInput label="Unit" description="What is counted, e.g. messages, GB" placeholder="messages" {...form.getInputProps('unit')} />}
        <Textarea label="Description" autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel={creating ? 'Create feature' : 'Save feature'} loading={created.loading || updated.loading} />
      </Stack>
    </form>
  );
}

function useFeatureActions(onEdit: (feature: Feature) => void) {
  const [archive] = useMutation(AdminCatalogFeatureArchiveDocument, { refetchQueries: REFETCH });
  const [unarchive] = useMutation(AdminCatalogFeatureUnarchiveDocument, { refetchQueries: REFETCH });
  return (feature: Feature): RowAction[] => [
    { label: 'Edit', icon: <IconPencil size={16} />, onClick: () => onEdit(feature) },
    feature.archivedAt
      ? {
          label: 'Unarchive',
          icon: <IconArchiveOff size={16} />,
          dividerBefore: true,
          onClick: () =>
            confirmAction({
              title: `Unarchive ${feature.name}?`,
              body: <Text size="sm">Plans can grant {feature.name} again from their next terms change.</Text>,
              confirmLabel: 'Unarchive feature',
              run: () => unarchive({ variables: { key: feature.key } }),
              done: `${feature.name} is available again`,
              failed: `${feature.name} could not be unarchived`,
            }),
        }
      : {
          label: 'Archive',
          icon: <IconArchive size={16} />,
          danger: true,
          dividerBefore: true,
          onClick: () =>
            confirmAction({
              title: `Archive ${feature.name}?`,
              body: <Text size="sm">Archived features cannot be added to plans. Plans that already grant {feature.name} keep it.</Text>,
              confirmLabel: 'Archive feature',
              danger: true,
              run: () => archive({ variables: { key: feature.key } }),
              done: `${feature.name} is archived`,
              failed: `${feature.name} could not be archived`,
            }),
        },
  ];
}

export function FeaturesTab() {
  const { data, loading, error, refetch } = useQuery(AdminCatalogFeaturesDocument);
  const [editing, setEditing] = useState<Feature | 'new' | null>(null);
  const close = () => setEditing(null);
  const actionsOf = useFeatureActions(setEditing);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          What plans can grant: metered quantities with limits, or on/off features.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New feature
        </Button>
      </Group>
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ platformFeatures }) =>
          platformFeatures.length === 0 ? (
            <EmptyState title="No features yet">Create a feature, then grant it in a plan’s terms.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={200}>Feature</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Description</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {platformFeatures.map((feature) => (
                    <Table.Tr key={feature.key} c={feature.archivedAt ? 'dimmed' : undefined}>
                      <Table.Td>
                        <CatalogItemCell name={feature.name} itemKey={feature.key} actions={actionsOf(feature)} />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={feature.kind === FeatureKind.Metered ? 'blue' : 'gray'}>
                          {feature.kind === FeatureKind.Metered ? `metered${feature.unit ? ` · ${feature.unit}` : ''}` : 'on/off'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {feature.description || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={feature.archivedAt ? 'gray' : 'teal'}>
                          {feature.archivedAt ? 'archived' : 'active'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryBoundary>
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? 'New feature' : `Edit ${editing?.name ?? 'feature'}`}>
        {editing !== null && <FeatureForm feature={editing === 'new' ? null : editing} onDone={close} />}
      </FormModal>
    </Stack>
  );
}

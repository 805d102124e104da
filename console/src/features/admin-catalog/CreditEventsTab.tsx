import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, NumberInput, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatCount } from '../../format/numbers';
import type { AdminCatalogCreditEventFieldsFragment } from '../../gql/graphql';
import { AdminCatalogCreditEventCreateDocument, AdminCatalogCreditEventsDocument, AdminCatalogCreditEventUpdateDocument } from './catalog.graphql';
import { creditEventFormValues, toCreateCreditEventInput, toUpdateCreditEventInput, validateCreditEvent, type CreditEventFormValues } from './catalog-forms';
import { FormActions, FormAlert, FormModal, notifySaved, useFocusFirstError } from './CatalogForm';
import { CatalogItemCell } from './RowActionsMenu';
import { placeServerErrors, samePathIn } from './server-errors';

type CreditEvent = AdminCatalogCreditEventFieldsFragment;

function CreditEventForm({ event, onDone }: { event: CreditEvent | null; onDone: () => void }) {
  const creating = event === null;
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [createEvent, created] = useMutation(AdminCatalogCreditEventCreateDocument, { refetchQueries: [AdminCatalogCreditEventsDocument] });
  const [updateEvent, updated] = useMutation(AdminCatalogCreditEventUpdateDocument);
  const form = useForm<CreditEventFormValues>({
    initialValues: creditEventFormValues(event),
    validate: (values) => validateCreditEvent(values, { creating }),
  });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={creating ? 'New credit event' : `Edit ${event.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        try {
          if (creating) await createEvent({ variables: { input: toCreateCreditEventInput(values) } });
          else await updateEvent({ variables: { creditEventId: event.id, input: toUpdateCreditEventInput(values) } });
          notifySaved(creating ? 'Credit event created' : 'Credit event saved', creating ? undefined : 'A new cost applies to consumptions from now on.');
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, samePathIn(['key', 'name', 'description', 'category', 'creditCost', 'active']));
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
            description={creating ? 'What client apps send to consumeCredits' : 'Keys never change'}
            placeholder="api_call_basic"
            required={creating}
            disabled={!creating}
            autoComplete="off"
            {...form.getInputProps('key')}
          />
          <TextInput label="Name" description="Shown in credit histories" placeholder="Basic API call" required {...form.getInputProps('name')} />
          <NumberInput
            label="Cost in credits"
            description="Per unit; applies to consumptions from now on"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            required
            {...form.getInputProps('creditCost')}
          />
          <TextInput label="Category" description="Groups events in reports" placeholder="general" required {...form.getInputProps('category')} />
        </SimpleGrid>
        <Textarea label="Description" autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <Switch
          label="Active"
          description="Inactive events cannot be consumed: client apps get an error instead of a charge"
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel={creating ? 'Create credit event' : 'Save credit event'} loading={created.loading || updated.loading} />
      </Stack>
    </form>
  );
}

export function CreditEventsTab() {
  const { data, loading, error, refetch } = useQuery(AdminCatalogCreditEventsDocument);
  const [editing, setEditing] = useState<CreditEvent | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          What costs credits each time it happens, inactive ones included.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New credit event
        </Button>
      </Group>
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ platformCreditEvents }) =>
          platformCreditEvents.length === 0 ? (
            <EmptyState title="No credit events yet">Create one for each thing client apps pay credits for.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={200}>Event</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th ta="right">Cost</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {platformCreditEvents.map((event) => (
                    <Table.Tr key={event.id} c={event.active ? undefined : 'dimmed'}>
                      <Table.Td>
                        <CatalogItemCell
                          name={event.name}
                          itemKey={event.key}
                          actions={[{ label: 'Edit', icon: <IconPencil size={16} />, onClick: () => setEditing(event) }]}
                        />
                      </Table.Td>
                      <Table.Td>{event.category}</Table.Td>
                      <Table.Td ta="right">
                        {formatCount(event.creditCost)} {event.creditCost === 1 ? 'credit' : 'credits'}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={event.active ? 'teal' : 'gray'}>
                          {event.active ? 'active' : 'inactive'}
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
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? 'New credit event' : `Edit ${editing?.name ?? 'credit event'}`}>
        {editing !== null && <CreditEventForm event={editing === 'new' ? null : editing} onDone={close} />}
      </FormModal>
    </Stack>
  );
}

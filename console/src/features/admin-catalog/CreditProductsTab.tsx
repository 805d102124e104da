import { useMutation, useQuery } from '@apollo/client/react';
import { Autocomplete, Badge, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Money } from '../../components/Money';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatCount } from '../../format/numbers';
import type { AdminCatalogCreditProductFieldsFragment } from '../../gql/graphql';
import {
  AdminCatalogCreditProductArchiveDocument,
  AdminCatalogCreditProductCreateDocument,
  AdminCatalogCreditProductsDocument,
  AdminCatalogCreditProductUnarchiveDocument,
  AdminCatalogCreditProductUpdateDocument,
} from './catalog.graphql';
import { creditProductFormValues, toCreateCreditProductInput, toUpdateCreditProductInput, validateCreditProduct, type CreditProductFormValues } from './catalog-forms';
import { confirmAction, FormActions, FormAlert, FormModal, notifySaved, useFocusFirstError } from './CatalogForm';
import { MoneyInput } from './MoneyInput';
import { CatalogItemCell, type RowAction } from './RowActionsMenu';
import { placeServerErrors, samePathIn } from './server-errors';

type CreditProduct = AdminCatalogCreditProductFieldsFragment;

function CreditProductForm({ product, onDone }: { product: CreditProduct | null; onDone: () => void }) {
  const creating = product === null;
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [createProduct, created] = useMutation(AdminCatalogCreditProductCreateDocument, { refetchQueries: [AdminCatalogCreditProductsDocument] });
  const [updateProduct, updated] = useMutation(AdminCatalogCreditProductUpdateDocument);
  const form = useForm<CreditProductFormValues>({
    initialValues: creditProductFormValues(product),
    validate: (values) => validateCreditProduct(values, { creating }),
  });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={creating ? 'New credit pack' : `Edit ${product.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        try {
          if (creating) await createProduct({ variables: { input: toCreateCreditProductInput(values) } });
          else await updateProduct({ variables: { creditProductId: product.id, input: toUpdateCreditProductInput(values) } });
          notifySaved(creating ? 'Credit pack created' : 'Credit pack saved', creating ? 'It is on sale now.' : 'Past purchases keep what they paid.');
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, samePathIn(['key', 'name', 'description', 'credits', 'currency', 'priceMinor']));
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
            description={creating ? 'Used by the API and Stripe; it never changes' : 'Keys never change'}
            placeholder="credits_1000"
            required={creating}
            disabled={!creating}
            autoComplete="off"
            {...form.getInputProps('key')}
          />
          <TextInput label="Name" description="Shown where credits are bought" placeholder="1,000 credits" required {...form.getInputProps('name')} />
          <NumberInput
            label="Credits"
            description="Purchased credits never expire"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            required
            {...form.getInputProps('credits')}
          />
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <Autocomplete label="Currency" description="ISO code" data={['usd', 'eur', 'gbp', 'jpy']} required w={96} {...form.getInputProps('currency')} />
            <MoneyInput
              label="Price"
              description="What the pack costs"
              currency={form.getValues().currency}
              required
              style={{ flex: 1 }}
              {...form.getInputProps('priceMinor')}
            />
          </Group>
        </SimpleGrid>
        <Textarea label="Description" autosize minRows={2} maxRows={5} {...form.getInputProps('description')} />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel={creating ? 'Create credit pack' : 'Save credit pack'} loading={created.loading || updated.loading} />
      </Stack>
    </form>
  );
}

function useCreditProductActions(onEdit: (product: CreditProduct) => void) {
  const [archive] = useMutation(AdminCatalogCreditProductArchiveDocument);
  const [unarchive] = useMutation(AdminCatalogCreditProductUnarchiveDocument);
  return (product: CreditProduct): RowAction[] => [
    { label: 'Edit', icon: <IconPencil size={16} />, onClick: () => onEdit(product) },
    product.archivedAt
      ? {
          label: 'Unarchive',
          icon: <IconArchiveOff size={16} />,
          dividerBefore: true,
          onClick: () =>
            confirmAction({
              title: `Put ${product.name} back on sale?`,
              body: <Text size="sm">Organizations can buy {product.name} again.</Text>,
              confirmLabel: 'Unarchive pack',
              run: () => unarchive({ variables: { creditProductId: product.id } }),
              done: `${product.name} is on sale again`,
              failed: `${product.name} could not be unarchived`,
            }),
        }
      : {
          label: 'Archive',
          icon: <IconArchive size={16} />,
          danger: true,
          dividerBefore: true,
          onClick: () =>
            confirmAction({
              title: `Stop selling ${product.name}?`,
              body: <Text size="sm">It is no longer sold. Purchases already made are unaffected, and their credits stay.</Text>,
              confirmLabel: 'Archive pack',
              danger: true,
              run: () => archive({ variables: { creditProductId: product.id } }),
              done: `${product.name} is archived`,
              failed: `${product.name} could not be archived`,
            }),
        },
  ];
}

export function CreditProductsTab() {
  const { data, loading, error, refetch } = useQuery(AdminCatalogCreditProductsDocument);
  const [editing, setEditing] = useState<CreditProduct | 'new' | null>(null);
  const close = () => setEditing(null);
  const actionsOf = useCreditProductActions(setEditing);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          Credit packs organizations buy once; archived packs are no longer sold.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New credit pack
        </Button>
      </Group>
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ platformCreditProducts }) =>
          platformCreditProducts.length === 0 ? (
            <EmptyState title="No credit packs yet">Create a pack so organizations can buy credits.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={200}>Pack</Table.Th>
                    <Table.Th ta="right">Credits</Table.Th>
                    <Table.Th ta="right">Price</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {platformCreditProducts.map((product) => (
                    <Table.Tr key={product.id} c={product.archivedAt ? 'dimmed' : undefined}>
                      <Table.Td>
                        <CatalogItemCell name={product.name} itemKey={product.key} actions={actionsOf(product)} />
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(product.credits)}</Table.Td>
                      <Table.Td ta="right">
                        <Money value={product.price} />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={product.archivedAt ? 'gray' : 'teal'}>
                          {product.archivedAt ? 'archived' : 'on sale'}
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
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? 'New credit pack' : `Edit ${editing?.name ?? 'credit pack'}`}>
        {editing !== null && <CreditProductForm product={editing === 'new' ? null : editing} onDone={close} />}
      </FormModal>
    </Stack>
  );
}

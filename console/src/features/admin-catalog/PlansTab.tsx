import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconHistory, IconPencil, IconPlus, IconVersions } from '@tabler/icons-react';
import { useState } from 'react';
import { Money } from '../../components/Money';
import { EmptyState, QueryBoundary } from '../../components/QueryStates';
import { formatCount } from '../../format/numbers';
import type { AdminCatalogFeatureFieldsFragment, AdminCatalogPlanFieldsFragment } from '../../gql/graphql';
import { AdminCatalogPlanArchiveDocument, AdminCatalogPlansDocument, AdminCatalogPlanUnarchiveDocument } from './catalog.graphql';
import { confirmAction, FormModal } from './CatalogForm';
import { PlanCreateForm, PlanDetailsForm, PlanTermsForm } from './PlanForms';
import { PlanVersionHistory } from './PlanVersions';
import { CatalogItemCell, type RowAction } from './RowActionsMenu';

type Plan = AdminCatalogPlanFieldsFragment;

/** The free plan is every organization's fallback: the server refuses to archive it. */
const FREE_PLAN_KEY = 'free';

type Dialog = { kind: 'create' } | { kind: 'details' | 'terms' | 'versions'; plan: Plan } | null;

function PlanStatus({ plan }: { plan: Plan }) {
  return (
    <Group gap={4} wrap="wrap">
      {plan.archivedAt ? (
        <Badge color="gray" variant="light">
          archived
        </Badge>
      ) : (
        <Badge color="teal" variant="light">
          on sale
        </Badge>
      )}
      {!plan.isPublic && (
        <Badge color="violet" variant="light">
          private
        </Badge>
      )}
    </Group>
  );
}

function usePlanActions(onOpen: (dialog: Dialog) => void) {
  const [archive] = useMutation(AdminCatalogPlanArchiveDocument);
  const [unarchive] = useMutation(AdminCatalogPlanUnarchiveDocument);
  return (plan: Plan): RowAction[] => [
    { label: 'Edit details', icon: <IconPencil size={16} />, onClick: () => onOpen({ kind: 'details', plan }) },
    { label: 'Change terms', icon: <IconVersions size={16} />, onClick: () => onOpen({ kind: 'terms', plan }) },
    { label: 'Version history', icon: <IconHistory size={16} />, onClick: () => onOpen({ kind: 'versions', plan }) },
    plan.archivedAt
      ? {
          label: 'Unarchive',
          icon: <IconArchiveOff size={16} />,
          dividerBefore: true,
          onClick: () =>
            confirmAction({
              title: `Put ${plan.name} back on sale?`,
              body: <Text size="sm">New organizations can subscribe to {plan.name} again{plan.isPublic ? ' from the pricing table' : ''}.</Text>,
              confirmLabel: 'Unarchive plan',
              run: () => unarchive({ variables: { planId: plan.id } }),
              done: `${plan.name} is on sale again`,
              failed: `${plan.name} could not be unarchived`,
            }),
        }
      : {
          label: 'Archive',
          icon: <IconArchive size={16} />,
          danger: true,
          dividerBefore: true,
          unavailable: plan.key === FREE_PLAN_KEY ? 'The free plan is every organization’s fallback; it cannot be archived.' : undefined,
          onClick: () =>
            confirmAction({
              title: `Archive ${plan.name}?`,
              body: (
                <Text size="sm">
                  {plan.name} leaves the pricing table and takes no new subscribers. Organizations already on it keep it, with their terms, until they
                  change plan.
                </Text>
              ),
              confirmLabel: 'Archive plan',
              danger: true,
              run: () => archive({ variables: { planId: plan.id } }),
              done: `${plan.name} is archived`,
              failed: `${plan.name} could not be archived`,
            }),
        },
  ];
}

function PlansTable({ plans, onOpen }: { plans: readonly Plan[]; onOpen: (dialog: Dialog) => void }) {
  const actionsOf = usePlanActions(onOpen);
  const sorted = [...plans].sort((a, b) => Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)) || a.sortOrder - b.sortOrder);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={200}>Plan</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th ta="right">Monthly</Table.Th>
            <Table.Th ta="right">Yearly</Table.Th>
            <Table.Th ta="right">Trial</Table.Th>
            <Table.Th ta="right">Credits / period</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((plan) => {
            const version = plan.currentVersion;
            return (
              <Table.Tr key={plan.id} c={plan.archivedAt ? 'dimmed' : undefined}>
                <Table.Td>
                  <CatalogItemCell name={plan.name} itemKey={plan.key} actions={actionsOf(plan)} />
                </Table.Td>
                <Table.Td>
                  <PlanStatus plan={plan} />
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onOpen({ kind: 'versions', plan })} aria-label={`Version history of ${plan.name}`}>
                    v{version.version}
                    {plan.versions.length > 1 ? ` of ${plan.versions.length}` : ''}
                  </Button>
                </Table.Td>
                <Table.Td ta="right">{version.monthlyPrice ? <Money value={version.monthlyPrice} /> : 'Custom'}</Table.Td>
                <Table.Td ta="right">
                  {version.yearlyPrice ? <Money value={version.yearlyPrice} /> : 'Custom'}
                  {version.yearlyDiscountPercent ? (
                    <Text span size="xs" c="teal" ml={4}>
                      −{version.yearlyDiscountPercent}%
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{version.trialDays ? `${version.trialDays} d` : '—'}</Table.Td>
                <Table.Td ta="right">{formatCount(version.creditsPerPeriod)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function PlansTab() {
  const { data, loading, error, refetch } = useQuery(AdminCatalogPlansDocument);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const features: readonly AdminCatalogFeatureFieldsFragment[] = data?.platformFeatures ?? [];
  // The open dialog shows the plan as the cache has it now (after an edit, the new version).
  const dialogPlan = dialog && dialog.kind !== 'create' ? (data?.platformPlans.find((p) => p.id === dialog.plan.id) ?? dialog.plan) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          Every plan, archived and private ones included. Terms (prices, trial, credits, entitlements) are versioned: a change makes a new version for
          new subscribers.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })} disabled={!data}>
          New plan
        </Button>
      </Group>
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {({ platformPlans }) =>
          platformPlans.length === 0 ? (
            <EmptyState title="No plans yet">Create the first plan; organizations without a subscription need one with the key “free”.</EmptyState>
          ) : (
            <PlansTable plans={platformPlans} onOpen={setDialog} />
          )
        }
      </QueryBoundary>

      <FormModal opened={dialog?.kind === 'create'} onClose={close} title="New plan" size="xl">
        <PlanCreateForm features={features} onDone={close} />
      </FormModal>
      <FormModal opened={dialog?.kind === 'details'} onClose={close} title={`Edit ${dialogPlan?.name ?? 'plan'}`}>
        {dialogPlan && <PlanDetailsForm plan={dialogPlan} onDone={close} />}
      </FormModal>
      <FormModal opened={dialog?.kind === 'terms'} onClose={close} title={`Change the terms of ${dialogPlan?.name ?? 'plan'}`} size="xl">
        {dialogPlan && <PlanTermsForm plan={dialogPlan} features={features} onDone={close} />}
      </FormModal>
      <FormModal opened={dialog?.kind === 'versions'} onClose={close} title={`${dialogPlan?.name ?? 'Plan'}: versions`} size="xl">
        {dialogPlan && <PlanVersionHistory plan={dialogPlan} />}
      </FormModal>
    </Stack>
  );
}

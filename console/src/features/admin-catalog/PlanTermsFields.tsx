import { Autocomplete, Badge, Checkbox, Code, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { FeatureKind, OverageBehavior, ResetPeriod } from '../../gql/enums';
import type { AdminCatalogFeatureFieldsFragment } from '../../gql/graphql';
import { MAX_TRIAL_DAYS } from './catalog-rules';
import { MoneyInput } from './MoneyInput';
import type { GrantState, PlanTermsFormValues } from './plan-terms';

const COMMON_CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'jpy', 'sek', 'nok', 'dkk', 'inr', 'brl'];

export const RESET_PERIOD_OPTIONS = [
  { value: ResetPeriod.Day, label: 'Every day (UTC)' },
  { value: ResetPeriod.Month, label: 'Every calendar month (UTC)' },
  { value: ResetPeriod.BillingPeriod, label: 'Every billing period' },
  { value: ResetPeriod.Never, label: 'Never (a standing total)' },
];

const GRANT_OPTIONS: { value: GrantState; label: string }[] = [
  { value: 'omitted', label: 'Left out' },
  { value: 'off', label: 'Off' },
  { value: 'on', label: 'On' },
];

/** Yearly saving against twelve monthly payments, as the server computes it (catalog-rules.ts). */
function yearlySaving(values: PlanTermsFormValues): number | null {
  const { monthlyCustom, yearlyCustom, monthlyPriceMinor: monthly, yearlyPriceMinor: yearly } = values;
  if (monthlyCustom || yearlyCustom || monthly === null || yearly === null || monthly <= 0) return null;
  return Math.round(((monthly * 12 - yearly) * 100) / (monthly * 12));
}

type Feature = Pick<AdminCatalogFeatureFieldsFragment, 'key' | 'name' | 'kind' | 'unit' | 'archivedAt'>;

/**
 * The fields of a plan version's terms: prices, trial, credits, request limit and one row per feature. Used by the
 * create form and the change-terms form.
 */
export function PlanTermsFields<V extends PlanTermsFormValues>({ form, features }: { form: UseFormReturnType<V>; features: readonly Feature[] }) {
  // The fields below only read and write the terms part of the values.
  const terms = form as unknown as UseFormReturnType<PlanTermsFormValues>;
  const values = terms.getValues();
  const byKey = new Map(features.map((f) => [f.key, f]));
  const saving = yearlySaving(values);

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={4}>Prices</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Autocomplete
            label="Currency"
            description="ISO 4217 code, lower case"
            data={COMMON_CURRENCIES}
            {...terms.getInputProps('currency')}
          />
          <Stack gap={6}>
            <MoneyInput
              label="Monthly price"
              description="Charged every month"
              currency={values.currency}
              disabled={values.monthlyCustom}
              {...terms.getInputProps('monthlyPriceMinor')}
            />
            <Checkbox label="Custom (contact sales)" {...terms.getInputProps('monthlyCustom', { type: 'checkbox' })} />
          </Stack>
          <Stack gap={6}>
            <MoneyInput
              label="Yearly price"
              currency={values.currency}
              disabled={values.yearlyCustom}
              description={
                saving === null
                  ? 'Charged every year'
                  : saving > 0
                    ? `Saves ${saving}% against monthly`
                    : saving < 0
                      ? `${-saving}% more than monthly`
                      : 'The same as monthly'
              }
              {...terms.getInputProps('yearlyPriceMinor')}
            />
            <Checkbox label="Custom (contact sales)" {...terms.getInputProps('yearlyCustom', { type: 'checkbox' })} />
          </Stack>
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Title order={4}>Trial and allowances</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Trial days"
            description={`0 for none, at most ${MAX_TRIAL_DAYS}`}
            min={0}
            max={MAX_TRIAL_DAYS}
            allowDecimal={false}
            allowNegative={false}
            {...terms.getInputProps('trialDays')}
          />
          <NumberInput
            label="Credits per period"
            description="They expire at the period’s end"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...terms.getInputProps('creditsPerPeriod')}
          />
          <Stack gap={6}>
            <NumberInput
              label="API requests per hour"
              description="Client-app requests, per organization"
              min={1}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              disabled={values.hourlyUnlimited}
              {...terms.getInputProps('hourlyRequestLimit')}
            />
            <Checkbox label="Unlimited" {...terms.getInputProps('hourlyUnlimited', { type: 'checkbox' })} />
          </Stack>
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <div>
          <Title order={4}>Entitlements</Title>
          <Text size="sm" c="dimmed">
            Left out: not part of the plan. Off: listed as not included. On: granted — metered features with a limit per reset period.
          </Text>
        </div>
        {values.entitlements.map((row, index) => {
          const feature = byKey.get(row.featureKey);
          const path = `entitlements.${index}` as const;
          const grantError = terms.errors[`${path}.grant`];
          const metered = row.kind === FeatureKind.Metered;
          return (
            <Paper key={row.featureKey} withBorder p="sm" radius="md">
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600} id={`grant-${row.featureKey}`}>
                      {feature?.name ?? row.featureKey}
                    </Text>
                    <Code>{row.featureKey}</Code>
                    <Badge variant="light" color={metered ? 'blue' : 'gray'} size="sm">
                      {metered ? `metered${feature?.unit ? ` · ${feature.unit}` : ''}` : 'on/off'}
                    </Badge>
                    {feature?.archivedAt && (
                      <Badge variant="light" color="orange" size="sm">
                        archived
                      </Badge>
                    )}
                  </Group>
                  <SegmentedControl
                    size="xs"
                    aria-labelledby={`grant-${row.featureKey}`}
                    data={GRANT_OPTIONS}
                    value={row.grant}
                    onChange={(value) => terms.setFieldValue(`${path}.grant`, value as GrantState)}
                  />
                </Group>
                {grantError && (
                  <Text size="sm" c="red" role="alert" data-field-error>
                    {grantError}
                  </Text>
                )}
                {metered && row.grant !== 'omitted' && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Stack gap={6}>
                      <NumberInput
                        label={`Limit${feature?.unit ? ` (${feature.unit})` : ''}`}
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        thousandSeparator=","
                        disabled={row.unlimited}
                        {...terms.getInputProps(`${path}.limit`)}
                      />
                      <Checkbox label="Unlimited" {...terms.getInputProps(`${path}.unlimited`, { type: 'checkbox' })} />
                    </Stack>
                    <Select
                      label="Usage resets"
                      data={RESET_PERIOD_OPTIONS}
                      allowDeselect={false}
                      {...terms.getInputProps(`${path}.resetPeriod`)}
                    />
                    <Stack gap={4}>
                      <Text size="sm" fw={500} id={`overage-${row.featureKey}`}>
                        Past the limit
                      </Text>
                      <SegmentedControl
                        aria-labelledby={`overage-${row.featureKey}`}
                        data={[
                          { value: OverageBehavior.Block, label: 'Block' },
                          { value: OverageBehavior.Overage, label: 'Allow, bill overage' },
                        ]}
                        value={row.overage}
                        onChange={(value) => terms.setFieldValue(`${path}.overage`, value as OverageBehavior)}
                      />
                    </Stack>
                    {row.overage === OverageBehavior.Overage && (
                      <Group grow align="flex-start" gap="xs">
                        <MoneyInput
                          label="Overage price"
                          description="Empty: counted, not billed"
                          currency={values.currency}
                          {...terms.getInputProps(`${path}.overagePriceMinor`)}
                        />
                        <NumberInput
                          label="Per units"
                          description={`How many ${feature?.unit ?? 'units'} it buys`}
                          min={1}
                          allowDecimal={false}
                          allowNegative={false}
                          thousandSeparator=","
                          {...terms.getInputProps(`${path}.overagePriceUnits`)}
                        />
                      </Group>
                    )}
                  </SimpleGrid>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}

import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Alert, Button, NumberInput, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { errorMessage, fieldError, fieldErrors } from '../../apollo/errors';
import { formatCount } from '../../format/numbers';
import { AdminCreditsAdjustDocument } from './admin-organization.graphql';
import { adjustmentInput, adjustmentKeys, creditAdjustmentRules, type CreditAdjustmentForm as FormValues } from './credit-adjustment';

/** Grant or deduct purchased credits with a reason (recorded in the ledger and the audit log). */
export function CreditAdjustmentForm({ organizationId, newIdempotencyKey }: { organizationId: string; newIdempotencyKey?: () => string }) {
  const [keys] = useState(() => adjustmentKeys(newIdempotencyKey));
  // The balance, the ledger and the audit trail on the page all change with an adjustment.
  const [adjust, { loading, error }] = useMutation(AdminCreditsAdjustDocument, {
    refetchQueries: ['AdminOrganizationDetail', 'AdminOrganizationCreditHistory', 'AdminOrganizationAuditTrail'],
    awaitRefetchQueries: true,
  });
  const form = useForm<FormValues>({ initialValues: { direction: 'grant', amount: '', reason: '' }, validate: creditAdjustmentRules });
  const serverFields = fieldErrors(error);
  return (
    <form
      noValidate
      aria-label="Adjust credits"
      onSubmit={form.onSubmit(async (values) => {
        const input = adjustmentInput(values);
        const result = await adjust({ variables: { organizationId, input: { ...input, idempotencyKey: keys.keyFor(input) } } }).catch(() => null);
        if (!result?.data) return;
        keys.done();
        notifications.show({
          color: 'green',
          title: input.amount > 0 ? 'Credits granted' : 'Credits deducted',
          message: `${formatCount(Math.abs(input.amount))} credits; the balance is now ${formatCount(result.data.adminAdjustCredits.balanceAfter)}.`,
        });
        form.reset();
      })}
    >
      <Stack gap="sm">
        {error && Object.keys(serverFields).length === 0 && (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <SegmentedControl
          aria-label="Grant or deduct"
          data={[
            { value: 'grant', label: 'Grant' },
            { value: 'deduct', label: 'Deduct' },
          ]}
          {...form.getInputProps('direction')}
        />
        <NumberInput
          label="Credits"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          required
          {...form.getInputProps('amount')}
          error={form.errors.amount ?? fieldError(serverFields, 'amount')}
        />
        <Textarea
          label="Reason"
          description="Recorded with the transaction and in the audit log."
          autosize
          minRows={2}
          required
          {...form.getInputProps('reason')}
          error={form.errors.reason ?? fieldError(serverFields, 'reason')}
        />
        <Button type="submit" loading={loading} color={form.values.direction === 'deduct' ? 'red' : undefined}>
          {form.values.direction === 'deduct' ? 'Deduct credits' : 'Grant credits'}
        </Button>
      </Stack>
    </form>
  );
}

import { useMutation } from '@apollo/client/react';
import { Alert, Checkbox, NumberInput, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconVersions } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdminCatalogFeatureFieldsFragment, AdminCatalogPlanFieldsFragment } from '../../gql/graphql';
import { AdminCatalogPlanCreateDocument, AdminCatalogPlansDocument, AdminCatalogPlanTermsChangeDocument, AdminCatalogPlanUpdateDocument } from './catalog.graphql';
import { FormActions, FormAlert, notifySaved, useFocusFirstError } from './CatalogForm';
import {
  emptyPlanDetails,
  planFormPath,
  planTermsFormValues,
  toCreatePlanInput,
  toPlanTermsInput,
  toUpdatePlanInput,
  validatePlanCreate,
  validatePlanDetails,
  validatePlanTerms,
  type PlanCreateFormValues,
  type PlanDetailsFormValues,
  type PlanTermsFormValues,
} from './plan-terms';
import { PlanTermsFields } from './PlanTermsFields';
import { placeServerErrors } from './server-errors';

type Plan = AdminCatalogPlanFieldsFragment;
type Feature = AdminCatalogFeatureFieldsFragment;

function PlanDetailsFields<V extends PlanDetailsFormValues>({ form, withKey }: { form: UseFormReturnType<V>; withKey: boolean }) {
  const details = form as unknown as UseFormReturnType<PlanDetailsFormValues>;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {withKey && (
          <TextInput
            label="Key"
            description="Used by the API and Stripe; it never changes"
            placeholder="team"
            required
            autoComplete="off"
            {...details.getInputProps('key')}
          />
        )}
        <TextInput label="Name" description="Shown on the pricing table" placeholder="Team" required {...details.getInputProps('name')} />
      </SimpleGrid>
      <Textarea label="Description" autosize minRows={2} maxRows={5} {...details.getInputProps('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label="Position in the pricing table"
          description="Lower numbers come first"
          allowDecimal={false}
          {...details.getInputProps('sortOrder')}
        />
        <Checkbox
          mt={{ base: 0, sm: 'xl' }}
          label="Public"
          description="Private plans are not on the pricing table; admins can still put organizations on them"
          {...details.getInputProps('isPublic', { type: 'checkbox' })}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function PlanCreateForm({ features, onDone }: { features: readonly Feature[]; onDone: () => void }) {
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [createPlan, { loading }] = useMutation(AdminCatalogPlanCreateDocument, { refetchQueries: [AdminCatalogPlansDocument] });
  const form = useForm<PlanCreateFormValues>({
    initialValues: { ...emptyPlanDetails(), ...planTermsFormValues(null, features) },
    validate: validatePlanCreate,
  });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label="New plan"
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        const { input, rowOfEntitlement } = toCreatePlanInput(values);
        try {
          await createPlan({ variables: { input } });
          notifySaved('Plan created', `${input.name} is on sale at version 1.`);
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, planFormPath(rowOfEntitlement, { withDetails: true }));
          form.setErrors(placed.fields);
          focusFirstError();
          setFormAlert(placed.other);
        }
      }, focusFirstError)}
    >
      <Stack gap="lg">
        <PlanDetailsFields form={form} withKey />
        <PlanTermsFields form={form} features={features} />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel="Create plan" loading={loading} />
      </Stack>
    </form>
  );
}

export function PlanDetailsForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [updatePlan, { loading }] = useMutation(AdminCatalogPlanUpdateDocument);
  const form = useForm<PlanDetailsFormValues>({
    initialValues: { key: plan.key, name: plan.name, description: plan.description, isPublic: plan.isPublic, sortOrder: plan.sortOrder },
    validate: (values) => validatePlanDetails(values, { withKey: false }),
  });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={`Details of ${plan.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        try {
          await updatePlan({ variables: { planId: plan.id, input: toUpdatePlanInput(values) } });
          notifySaved('Plan saved', 'Name, description, visibility and position changed; the terms did not.');
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, planFormPath([], { withDetails: true }));
          form.setErrors(placed.fields);
          focusFirstError();
          setFormAlert(placed.other);
        }
      }, focusFirstError)}
    >
      <Stack gap="lg">
        <PlanDetailsFields form={form} withKey={false} />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel="Save details" loading={loading} />
      </Stack>
    </form>
  );
}

export function PlanTermsForm({ plan, features, onDone }: { plan: Plan; features: readonly Feature[]; onDone: () => void }) {
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [changeTerms, { loading }] = useMutation(AdminCatalogPlanTermsChangeDocument);
  const current = plan.currentVersion;
  const form = useForm<PlanTermsFormValues>({ initialValues: planTermsFormValues(current, features), validate: validatePlanTerms });
  const { formRef, focusFirstError } = useFocusFirstError(form.errors);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={`Terms of ${plan.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setFormAlert(null);
        const { input, rowOfEntitlement } = toPlanTermsInput(values);
        try {
          const result = await changeTerms({ variables: { planId: plan.id, input } });
          const version = result.data?.changePlanTerms.currentVersion.version ?? current.version;
          notifySaved(
            version === current.version ? 'Nothing changed' : `${plan.name} is now at version ${version}`,
            version === current.version
              ? 'The terms were identical to the current version.'
              : `New subscribers get version ${version}; existing subscribers keep their version.`,
          );
          onDone();
        } catch (error) {
          const placed = placeServerErrors(error, planFormPath(rowOfEntitlement, { withDetails: false }));
          form.setErrors(placed.fields);
          focusFirstError();
          setFormAlert(placed.other);
        }
      }, focusFirstError)}
    >
      <Stack gap="lg">
        <Alert color="blue" role="note" icon={<IconVersions size={18} />} title={`New terms become version ${current.version + 1}`}>
          Terms are never edited in place. Saving makes version {current.version + 1}, which new subscribers get; organizations already on{' '}
          {plan.name} keep version {current.version} (or the one they bought) until they change plan. Saving identical terms changes nothing.
        </Alert>
        <Title order={3} size="h5" c="dimmed">
          Starting from version {current.version}
        </Title>
        <PlanTermsFields form={form} features={features} />
        <FormAlert message={formAlert} />
        <FormActions onCancel={onDone} submitLabel={`Save as version ${current.version + 1}`} loading={loading} />
      </Stack>
    </form>
  );
}

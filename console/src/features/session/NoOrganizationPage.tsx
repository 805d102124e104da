import { useMutation } from '@apollo/client/react';
import { Alert, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { errorMessage, fieldError, fieldErrors } from '../../apollo/errors';
import { PageHeader } from '../../components/PageHeader';
import { graphql } from '../../gql';
import { ViewerDocument } from './session.graphql';

const OrganizationCreateDocument = graphql(`
  mutation OrganizationCreate($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

/** A signed-in user who belongs to no organization (e.g. removed from their last one) starts a new one here. */
export function NoOrganizationPage() {
  const navigate = useNavigate();
  const [create, { loading, error }] = useMutation(OrganizationCreateDocument, { refetchQueries: [ViewerDocument], awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : 'Name your organization.') },
  });
  const serverFields = fieldErrors(error);
  return (
    <Stack maw={480}>
      <PageHeader title="Create an organization" description="You do not belong to any organization yet." />
      <Paper withBorder p="lg">
        <form
          noValidate
          onSubmit={form.onSubmit(async ({ name }) => {
            const result = await create({ variables: { input: { name: name.trim() } } }).catch(() => null);
            if (result?.data) navigate(`/orgs/${result.data.createOrganization.id}`);
          })}
        >
          <Stack>
            {error && Object.keys(serverFields).length === 0 && <Alert color="red">{errorMessage(error)}</Alert>}
            <TextInput label="Organization name" required {...form.getInputProps('name')} error={form.errors.name ?? fieldError(serverFields, 'name')} />
            <Text size="sm" c="dimmed">
              It starts on the free plan; you can subscribe to another one afterwards.
            </Text>
            <Button type="submit" loading={loading}>
              Create organization
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

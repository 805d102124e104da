import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { errorMessage, fieldError, fieldErrors } from '../../apollo/errors';
import { ApiKeyCreateDocument, ApiKeysListDocument } from './api-keys.graphql';
import { API_KEY_SCOPES, apiKeyFormValidation, type ApiKeyFormValues } from './api-key-form';

interface CreateApiKeyModalProps {
  organizationId: string;
  opened: boolean;
  onClose: () => void;
  /** Called with the whole key, which is never shown again. */
  onCreated: (created: { name: string; secret: string }) => void;
}

export function CreateApiKeyModal({ organizationId, opened, onClose, onCreated }: CreateApiKeyModalProps) {
  const [create, { loading, error, reset }] = useMutation(ApiKeyCreateDocument, { refetchQueries: [ApiKeysListDocument] });
  const form = useForm<ApiKeyFormValues>({
    initialValues: { name: '', scopes: ['USAGE_WRITE', 'ENTITLEMENTS_READ'] },
    validate: apiKeyFormValidation,
  });
  const serverFields = fieldErrors(error);
  const close = () => {
    form.reset();
    reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Create an API key">
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          const result = await create({ variables: { organizationId, input: { name: values.name.trim(), scopes: values.scopes } } }).catch(() => null);
          if (!result?.data) return;
          form.reset();
          onCreated({ name: result.data.createApiKey.apiKey.name, secret: result.data.createApiKey.secret });
        })}
      >
        <Stack>
          {error && Object.keys(serverFields).length === 0 && (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="Say which app or server uses it."
            placeholder="Production backend"
            required
            data-autofocus
            {...form.getInputProps('name')}
            error={form.errors.name ?? fieldError(serverFields, 'name')}
          />
          <Checkbox.Group
            label="What the key may do"
            required
            {...form.getInputProps('scopes')}
            error={form.errors.scopes ?? fieldError(serverFields, 'scopes')}
          >
            <Stack gap="xs" mt="xs">
              {API_KEY_SCOPES.map((scope) => (
                <Checkbox key={scope.value} value={scope.value} label={scope.label} description={scope.description} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

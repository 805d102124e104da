import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, fieldError, fieldErrors } from '../../apollo/errors';
import { LoadingState } from '../../components/QueryStates';
import { AuthCard } from './AuthCard';
import { homePath, safeNextPath } from './home-path';
import { useSignUp } from './useSessionMutations';
import { useViewer } from './useViewer';

/** The server's own rules, checked here first so a person sees them before submitting. */
export const signUpRules = {
  displayName: () => null,
  email: (value: string) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email address.'),
  password: (value: string) => (value.length >= 10 ? null : 'Use at least 10 characters.'),
  organizationName: (value: string) => (value.trim() ? null : 'Name your organization (you can rename it later).'),
};

export function SignUpPage() {
  const { viewer, loading } = useViewer();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signUp, loading: submitting, error } = useSignUp();
  const form = useForm({
    initialValues: { displayName: '', email: '', password: '', organizationName: '' },
    validate: signUpRules,
  });
  const next = safeNextPath(params.get('next'));

  if (viewer) return <Navigate to={next ?? homePath(viewer)} replace />;
  if (loading) return <LoadingState />;
  const serverFields = fieldErrors(error);

  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{' '}
          <Anchor component={Link} to="/login">
            Log in
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          const ok = await signUp({
            email: values.email.trim(),
            password: values.password,
            displayName: values.displayName.trim() || null,
            organizationName: values.organizationName.trim(),
          });
          if (ok) navigate(next ?? '/', { replace: true });
        })}
      >
        <Stack>
          {error && Object.keys(serverFields).length === 0 && (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput label="Your name" autoComplete="name" {...form.getInputProps('displayName')} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
            error={form.errors.email ?? fieldError(serverFields, 'email')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
            error={form.errors.password ?? fieldError(serverFields, 'password')}
          />
          <TextInput
            label="Organization"
            placeholder="Acme Inc."
            required
            {...form.getInputProps('organizationName')}
            error={form.errors.organizationName ?? fieldError(serverFields, 'organizationName')}
          />
          <Button type="submit" loading={submitting} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

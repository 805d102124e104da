import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, fieldError, fieldErrors } from '../../apollo/errors';
import { LoadingState } from '../../components/QueryStates';
import { AuthCard } from './AuthCard';
import { homePath, safeNextPath } from './home-path';
import { useLogIn } from './useSessionMutations';
import { useViewer } from './useViewer';

export function LogInPage() {
  const { viewer, loading } = useViewer();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { logIn, loading: submitting, error } = useLogIn();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your email address.'),
      password: (value) => (value ? null : 'Enter your password.'),
    },
  });
  const next = safeNextPath(params.get('next'));

  if (viewer) return <Navigate to={next ?? homePath(viewer)} replace />;
  if (loading) return <LoadingState />;
  const serverFields = fieldErrors(error);

  return (
    <AuthCard
      title="Log in"
      subtitle={
        <>
          New to Tollgate?{' '}
          <Anchor component={Link} to={next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          if (await logIn({ email: values.email.trim(), password: values.password })) navigate(next ?? '/', { replace: true });
        })}
      >
        <Stack>
          {error && Object.keys(serverFields).length === 0 && (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          )}
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
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
            error={form.errors.password ?? fieldError(serverFields, 'password')}
          />
          <Button type="submit" loading={submitting} fullWidth>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

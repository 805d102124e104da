import { useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../apollo/errors';
import { FormError } from '../../components/FormError';
import { FormField } from '../../components/FormField';
import { useSignUp } from './useSignUp';

const FIELDS = ['email', 'password', 'displayName', 'organizationName'];
const PASSWORD_MIN_LENGTH = 10;

export function SignUpForm() {
  const { signUp, loading, error } = useSignUp();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organizationName, setOrganizationName] = useState('');
  const messagesByField = fieldErrors(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void signUp({
      email: email.trim(),
      password,
      displayName: displayName.trim() || null,
      organizationName: organizationName.trim(),
    });
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Create an account</h2>
      {error && <FormError message={errorMessage(error)} fieldErrors={messagesByField} placedFields={FIELDS} />}
      <FormField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        messages={messagesByField.email}
      />
      <FormField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        messages={messagesByField.password}
      />
      <FormField
        label="Your name (optional)"
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        messages={messagesByField.displayName}
      />
      <FormField
        label="Organization name"
        name="organizationName"
        autoComplete="organization"
        required
        hint="Your first organization; you will be its owner."
        value={organizationName}
        onChange={(e) => setOrganizationName(e.target.value)}
        messages={messagesByField.organizationName}
      />
      <button type="submit" className="button button--primary" disabled={loading}>
        {loading ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}

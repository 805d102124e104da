import { useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../apollo/errors';
import { FormError } from '../../components/FormError';
import { FormField } from '../../components/FormField';
import { useLogIn } from './useLogIn';

const FIELDS = ['email', 'password'];

export function LogInForm() {
  const { logIn, loading, error } = useLogIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const messagesByField = fieldErrors(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void logIn({ email: email.trim(), password });
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Sign in</h2>
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
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        messages={messagesByField.password}
      />
      <button type="submit" className="button button--primary" disabled={loading}>
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

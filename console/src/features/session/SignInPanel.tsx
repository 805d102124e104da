import { useState } from 'react';
import { LogInForm } from './LogInForm';
import { SignUpForm } from './SignUpForm';

/** Shown while nobody is signed in: the sign-in form, or the sign-up form behind a toggle. */
export function SignInPanel() {
  const [creatingAccount, setCreatingAccount] = useState(false);
  return (
    <section className="card auth-panel">
      {creatingAccount ? <SignUpForm /> : <LogInForm />}
      <p className="auth-panel__switch">
        {creatingAccount ? 'Already have an account?' : 'New to Tollgate?'}{' '}
        <button type="button" className="button button--link" onClick={() => setCreatingAccount(!creatingAccount)}>
          {creatingAccount ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </section>
  );
}

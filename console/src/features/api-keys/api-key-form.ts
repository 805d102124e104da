import type { ApiKeyScope } from '../../gql/graphql';

export const API_KEY_SCOPES: ReadonlyArray<{ value: ApiKeyScope; label: string; description: string }> = [
  { value: 'USAGE_WRITE', label: 'Record usage', description: 'Track usage and consume credits.' },
  { value: 'ENTITLEMENTS_READ', label: 'Read entitlements', description: 'Check limits, usage and credit balances.' },
];

export function scopeLabel(scope: ApiKeyScope): string {
  return API_KEY_SCOPES.find((s) => s.value === scope)?.label ?? scope;
}

/** The server's rule (IsName): something besides spaces, at most 100 characters once trimmed. */
export const API_KEY_NAME_MAX = 100;

export interface ApiKeyFormValues {
  name: string;
  scopes: ApiKeyScope[];
}

export const apiKeyFormValidation = {
  name: (value: string): string | null => {
    const name = value.trim();
    if (!name) return 'Name the key, e.g. after the app that will use it.';
    if (name.length > API_KEY_NAME_MAX) return `At most ${API_KEY_NAME_MAX} characters (this is ${name.length}).`;
    return null;
  },
  scopes: (value: readonly ApiKeyScope[]): string | null => (value.length === 0 ? 'Choose at least one thing the key may do.' : null),
};

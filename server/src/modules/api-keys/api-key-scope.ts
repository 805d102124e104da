import { registerEnumType } from 'type-graphql';

export enum ApiKeyScope {
  /** Read entitlements, usage and credit balances. */
  ENTITLEMENTS_READ = 'ENTITLEMENTS_READ',
  /** Record usage and consume credits. */
  USAGE_WRITE = 'USAGE_WRITE',
}

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What a client app may do with an API key.',
  valuesConfig: {
    ENTITLEMENTS_READ: { description: 'Read entitlements, usage and credit balances.' },
    USAGE_WRITE: { description: 'Record usage and consume credits.' },
  },
});

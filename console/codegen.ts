import type { CodegenConfig } from '@graphql-codegen/cli';

// The console's types come from the committed schema, never from a running server: a schema change that breaks
// an operation fails `npm run typecheck` (which regenerates first), not a user's page.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
    // Every schema enum as a value (ErrorCode is in no operation's result, yet the console compares codes against it).
    'src/gql/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsConst: true },
    },
  },
};

export default config;

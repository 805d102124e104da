import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { graphqlDocumentImports } from './build/graphql-document-imports';

// In development the console is served by Vite and GraphQL is proxied, so the session cookie stays same-origin.
export default defineConfig({
  plugins: [graphqlDocumentImports('src/gql'), react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/graphql': 'http://localhost:4000' },
  },
  // The manifest lets scripts/report-bundle-size.mjs name what the first view downloads.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 700 },
});

import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import type { Plugin } from 'vite';

const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const GQL_BARREL_IMPORT = /^import\s*\{\s*graphql\s*\}\s*from\s*['"][./]*gql['"];?\s*$/m;
/** One generated document per line of src/gql/graphql.ts: `export const ViewerDocument = {…} as unknown as DocumentNode<…>;` */
const GENERATED_DOCUMENT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;

/** The generated documents by name (ViewerDocument → its JSON), re-read when codegen rewrites the file. */
function documentReader(generatedFile: string): () => Map<string, string> {
  let cache: { mtimeMs: number; documents: Map<string, string> } | undefined;
  return () => {
    const { mtimeMs } = fs.statSync(generatedFile);
    if (cache?.mtimeMs !== mtimeMs) {
      const documents = new Map<string, string>();
      for (const [, name, json] of fs.readFileSync(generatedFile, 'utf8').matchAll(GENERATED_DOCUMENT)) documents.set(name!, json!);
      cache = { mtimeMs, documents };
    }
    return cache.documents;
  };
}

/**
 * Replaces each `graphql(\`…\`)` call with the document GraphQL Code Generator emitted for it (the JSON of
 * `ViewerDocument` in src/gql/graphql.ts), as the client preset's Babel plugin does with imports. Inlined rather than
 * imported: src/gql/graphql.ts is one module, and a bundler keeps a shared module whole in one chunk, so importing
 * from it would put every page's operations in the first view.
 */
export function graphqlDocumentImports(generatedDir: string): Plugin {
  const generated = path.resolve(generatedDir);
  const documents = documentReader(path.join(generated, 'graphql.ts'));
  return {
    name: 'tollgate:graphql-document-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(generated) || !code.includes('graphql(`')) return null;
      const replaced = code.replace(GRAPHQL_CALL, (_call, source: string) => {
        const [definition] = parse(source).definitions;
        const name =
          definition?.kind === Kind.OPERATION_DEFINITION && definition.name
            ? `${definition.name.value}Document`
            : definition?.kind === Kind.FRAGMENT_DEFINITION
              ? `${definition.name.value}FragmentDoc`
              : undefined;
        if (!name) throw new Error(`${id}: every graphql() document needs a named operation or fragment`);
        const json = documents().get(name);
        if (!json) throw new Error(`${id}: ${name} is not in src/gql/graphql.ts; run npm run codegen -w console`);
        return `(${json})`;
      });
      return { code: replaced.replace(GQL_BARREL_IMPORT, ''), map: null };
    },
  };
}

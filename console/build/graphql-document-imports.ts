import path from 'node:path';
import { Kind, parse } from 'graphql';
import type { Plugin } from 'vite';

const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const ALIAS_PREFIX = '__generated_';
const GQL_BARREL_IMPORT = /^import\s*\{\s*graphql\s*\}\s*from\s*['"][./]*gql['"];?\s*$/m;

/**
 * Replaces each `graphql(\`…\`)` call with an import of the document GraphQL Code Generator already emitted
 * (`ViewerDocument` from src/gql/graphql.ts), as the client preset's Babel plugin does. Without it, `graphql()`
 * looks documents up in one map of every operation, so the first view would download every page's queries.
 */
export function graphqlDocumentImports(generatedDir: string): Plugin {
  const generated = path.resolve(generatedDir);
  return {
    name: 'tollgate:graphql-document-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(generated) || !code.includes('graphql(`')) return null;
      const names = new Set<string>();
      const replaced = code.replace(GRAPHQL_CALL, (_call, source: string) => {
        const [definition] = parse(source).definitions;
        if (definition?.kind === Kind.OPERATION_DEFINITION && definition.name) return add(names, `${definition.name.value}Document`);
        if (definition?.kind === Kind.FRAGMENT_DEFINITION) return add(names, `${definition.name.value}FragmentDoc`);
        throw new Error(`${id}: every graphql() document needs a named operation or fragment`);
      });
      let importPath = path.relative(path.dirname(id), path.join(generated, 'graphql')).split(path.sep).join('/');
      if (!importPath.startsWith('.')) importPath = `./${importPath}`;
      // Aliased: a file usually exports its document under the very same name (`export const ViewerDocument = graphql(…)`).
      const imports = [...names].map((name) => `${name} as ${ALIAS_PREFIX}${name}`).join(', ');
      return { code: `import { ${imports} } from '${importPath}';\n${replaced.replace(GQL_BARREL_IMPORT, '')}`, map: null };
    },
  };
}

function add(names: Set<string>, name: string): string {
  names.add(name);
  return `${ALIAS_PREFIX}${name}`;
}

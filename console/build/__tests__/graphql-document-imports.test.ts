import path from 'node:path';
import { graphqlDocumentImports } from '../graphql-document-imports';

type Transform = (code: string, id: string) => { code: string } | null;
const generatedDir = path.join(__dirname, 'fixtures', 'gql');
const transform = graphqlDocumentImports(generatedDir).transform as unknown as Transform;
const VIEWER = '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"}}]}';
const LOG_OUT = '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SessionLogOut"}}]}';

describe('graphqlDocumentImports', () => {
  it('replaces each graphql() call with its generated document and drops the barrel import', () => {
    const source = [
      "import { graphql } from '../../gql';",
      'export const ViewerDocument = graphql(`',
      '  query Viewer { me { user { id } } }',
      '`);',
      'export const LogOut = graphql(`mutation SessionLogOut { logOut }`);',
    ].join('\n');
    const result = transform(source, '/app/src/features/session/session.graphql.ts');
    expect(result?.code).toBe(['', `export const ViewerDocument = (${VIEWER});`, `export const LogOut = (${LOG_OUT});`].join('\n'));
  });

  it('leaves files without documents, and the generated files themselves, alone', () => {
    expect(transform('export const x = 1;', '/app/src/format/money.ts')).toBeNull();
    expect(transform('graphql(`query Viewer { a }`)', path.join(generatedDir, 'gql.ts'))).toBeNull();
  });

  it('refuses an anonymous operation and one codegen has not generated yet', () => {
    expect(() => transform('graphql(`{ me { user { id } } }`)', '/app/src/x.ts')).toThrow(/named operation/);
    expect(() => transform('graphql(`query Missing { a }`)', '/app/src/x.ts')).toThrow(/MissingDocument is not in src\/gql\/graphql.ts/);
  });
});

import { graphqlDocumentImports } from '../graphql-document-imports';

type Transform = (code: string, id: string) => { code: string } | null;
const transform = graphqlDocumentImports('/app/src/gql').transform as unknown as Transform;

describe('graphqlDocumentImports', () => {
  it('replaces each graphql() call with an aliased import of its generated document, and drops the barrel import', () => {
    const source = [
      "import { graphql } from '../../gql';",
      'export const ViewerDocument = graphql(`',
      '  query Viewer { me { user { id } } }',
      '`);',
      'export const LogOut = graphql(`mutation SessionLogOut { logOut }`);',
    ].join('\n');
    const result = transform(source, '/app/src/features/session/session.graphql.ts');
    expect(result?.code).toBe(
      [
        "import { ViewerDocument as __generated_ViewerDocument, SessionLogOutDocument as __generated_SessionLogOutDocument } from '../../gql/graphql';",
        '',
        'export const ViewerDocument = __generated_ViewerDocument;',
        'export const LogOut = __generated_SessionLogOutDocument;',
      ].join('\n'),
    );
  });

  it('leaves files without documents, and the generated files themselves, alone', () => {
    expect(transform('export const x = 1;', '/app/src/format/money.ts')).toBeNull();
    expect(transform('graphql(`query A { a }`)', '/app/src/gql/gql.ts')).toBeNull();
  });

  it('refuses an anonymous operation (it would have no generated document)', () => {
    expect(() => transform('graphql(`{ me { user { id } } }`)', '/app/src/x.ts')).toThrow(/named operation/);
  });
});

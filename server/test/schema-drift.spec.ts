import fs from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from '../src/graphql/build-schema';

describe('schema.graphql', () => {
  it('is exactly what the code produces (run `npm run schema:emit` after changing the API)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(await printSortedSchema()).toBe(committed);
  });

  it('lists every error code clients may receive', async () => {
    const sdl = await printSortedSchema();
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED']) {
      expect(sdl).toMatch(new RegExp(`enum ErrorCode \\{[^}]*\\b${code}\\b`));
    }
  });
});

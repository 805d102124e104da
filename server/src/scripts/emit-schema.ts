import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from '../graphql/build-schema';

/** Writes schema.graphql at the repository root from the code; a test fails when the committed file differs. */
export const schemaFile = path.resolve(__dirname, '../../../schema.graphql');

printSortedSchema().then((sdl) => {
  fs.writeFileSync(schemaFile, sdl);
  process.stdout.write(`wrote ${schemaFile}\n`);
});

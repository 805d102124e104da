import fc from 'fast-check';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { arrayLiteral, withArrayLiterals } from './prepared-statements';

/**
 * The hot paths write their arrays of plain values as literals themselves (arrayLiteral); PostgreSQL must read
 * each one exactly as it reads the array pg would have written. Checked on the server, as text[] and as the
 * element types the statements use.
 */
describe('array literals', () => {
  let database: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  const readBack = async (type: string, ours: string, pgs: unknown[]) => {
    const { rows } = await client.query(`SELECT $1::${type} AS ours, $2::${type} AS pgs, $1::${type} IS NOT DISTINCT FROM $2::${type} AS same`, [ours, pgs]);
    return rows[0] as { ours: unknown; pgs: unknown; same: boolean };
  };

  it('is read as pg’s own array for any strings without quotes or backslashes', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !/["\\\u0000]/.test(s));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 6 }), async (values) => {
        const literal = arrayLiteral(values);
        expect(literal).not.toBeNull();
        const read = await readBack('text[]', literal!, values);
        expect(read.same).toBe(true);
        expect(read.ours).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('is read as pg’s own array for integers, numbers and booleans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { maxLength: 6 }), async (values) => {
        const read = await readBack('bigint[]', arrayLiteral(values)!, values);
        expect(read.same).toBe(true);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 6 }), async (values) => {
        const read = await readBack('float8[]', arrayLiteral(values)!, values);
        expect(read.same).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect((await readBack('boolean[]', arrayLiteral([true, false, true])!, [true, false, true])).ours).toEqual([true, false, true]);
  });

  it('leaves to pg what it does not write itself, and keeps the other parameters as they are', () => {
    const when = new Date('2026-12-02T00:00:00.000Z');
    for (const values of [['a', null], [null, 'a'], ['say "hi"'], ['back\\slash'], [when], [1, 'x'], [Number.NaN], [{ a: 1 }], [[1]]]) {
      expect(arrayLiteral(values)).toBeNull();
    }
    expect(arrayLiteral([])).toBe('{}');
    const parameters = [1, 'x', ['a', 'b'], [1, 2], ['a', null], null, when];
    expect(withArrayLiterals(parameters)).toEqual([1, 'x', '{"a","b"}', '{1,2}', ['a', null], null, when]);
    const untouched = [1, ['a', null]];
    expect(withArrayLiterals(untouched)).toBe(untouched);
  });
});

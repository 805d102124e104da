import 'reflect-metadata';
import fc from 'fast-check';
import { validate } from 'class-validator';
import { TrackUsageInput, UsageEventInput } from '../modules/usage/usage.input';
import { ConsumeCreditsInput, CreditTransactionFilterInput } from '../modules/credits/credit.input';
import { passesValidationPlan } from './validation-plan';

/** class-validator itself, with the options type-graphql (and validate-arguments.ts) use. */
const classValidatorAccepts = async (object: object) => (await validate(object, { forbidUnknownValues: true, skipMissingProperties: true })).length === 0;

/** Values around every constraint of the hot inputs: valid ones, edges and wrong types. */
const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, '', 'messages', 'Messages', 'api_call_basic', 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(200), 'x'.repeat(201)),
  fc.constantFrom(0, 1, -1, 1.5, 1_000_000_000, 1_000_000_001, Number.NaN),
  fc.string(),
  fc.integer(),
  fc.constantFrom({}, { a: 1 }, [], [1], new Date(0), new Date(Number.NaN), true),
);

function instanceOf<T extends object>(cls: new () => T, fields: Record<string, unknown>): T {
  const object = new cls();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (object as Record<string, unknown>)[key] = value;
  return object;
}

describe('passesValidationPlan', () => {
  it.each([
    ['TrackUsageInput', TrackUsageInput, ['featureKey', 'quantity', 'idempotencyKey', 'metadata']],
    ['UsageEventInput', UsageEventInput, ['featureKey', 'quantity', 'idempotencyKey', 'metadata', 'occurredAt']],
    ['ConsumeCreditsInput', ConsumeCreditsInput, ['eventKey', 'quantity', 'idempotencyKey', 'metadata']],
  ] as const)('agrees with class-validator on %s, whatever the field values', async (_name, cls, fields) => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...fields.map(() => anyValue)), async (values) => {
        const object = instanceOf(cls as new () => object, Object.fromEntries(fields.map((field, i) => [field, values[i]])));
        expect(passesValidationPlan(object)).toBe(await classValidatorAccepts(object));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts a valid hot input (so the plan is what runs), and leaves what it does not cover to class-validator', async () => {
    const valid = instanceOf(TrackUsageInput, { featureKey: 'messages', quantity: 3, idempotencyKey: 'k-1', metadata: { source: 'test' } });
    expect(passesValidationPlan(valid)).toBe(true);
    // `each: true` (IsEnum over a list) is not in the plan: never "valid" here, even when it is.
    const filter = instanceOf(CreditTransactionFilterInput, { kinds: ['consumption'] });
    expect(await classValidatorAccepts(filter)).toBe(true);
    expect(passesValidationPlan(filter)).toBe(false);
    // A class class-validator knows nothing of: it refuses it (forbidUnknownValues), so the plan must not pass it.
    expect(passesValidationPlan(new (class Unknown {})())).toBe(false);
  });
});

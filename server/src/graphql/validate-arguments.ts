import { type ValidatorOptions, validateOrReject } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { passesValidationPlan } from './validation-plan';

/** type-graphql's own defaults for class-validator, with unknown objects refused (as `validate: { forbidUnknownValues: true }`). */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: true, skipMissingProperties: true };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Arguments checked by class-validator exactly as type-graphql's built-in `validate` does, without its cost:
 * type-graphql require()s class-validator on every argument it checks, and because class-validator was first
 * loaded from another module, Node resolves that path again each time (Module._resolveFilename, path.resolve):
 * about 8 % of everything the server allocated on the checkAndTrack bench.
 */
export const validateArguments: ValidatorFn = async (value) => {
  if (!isObject(value)) return;
  const objects = Array.isArray(value) ? value.filter(isObject) : [value];
  // Valid by class-validator's own checks, run from a plan built once per class (graphql/validation-plan.ts).
  if (objects.every(passesValidationPlan)) return;
  try {
    await Promise.all(objects.map((item) => validateOrReject(item, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
};

/** For an argument the service checks itself (per-argument `validate: false` does not apply next to a global validateFn). */
export const serviceValidatesArgument: ValidatorFn = () => undefined;

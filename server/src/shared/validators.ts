import { ValidateBy, isEmail, type ValidationOptions } from 'class-validator';

/** An email address, ignoring surrounding spaces (services trim and lower-case it before use). */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length <= 254 && isEmail(value.trim()),
        defaultMessage: () => '$property must be an email address',
      },
    },
    options,
  );
}

/** A name with something besides spaces in it, at most `max` characters once trimmed. */
export function IsName(max = 100, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= max,
        defaultMessage: () => `$property must be between 1 and ${max} characters and not blank`,
      },
    },
    options,
  );
}

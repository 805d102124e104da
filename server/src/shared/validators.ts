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

import { CombinedGraphQLErrors } from '@apollo/client';
import { ErrorCode, errorCode, errorMessage, fieldError, fieldErrors } from '../errors';

const graphQLError = (code: string, message: string, details?: unknown) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...(details ? { details } : {}) } }] });

describe('error mapping', () => {
  it('reads the code and keeps the server’s specific messages', () => {
    const error = graphQLError('INSUFFICIENT_CREDITS', 'Needs 25 credits; the balance is 10.');
    expect(errorCode(error)).toBe(ErrorCode.InsufficientCredits);
    expect(errorMessage(error)).toBe('Needs 25 credits; the balance is 10.');
  });

  it('replaces internal or technical messages with a plain one', () => {
    expect(errorMessage(graphQLError('INTERNAL_SERVER_ERROR', 'TypeError: x is undefined'))).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
    expect(errorMessage(graphQLError('FORBIDDEN', 'role check failed: MEMBER < ADMIN'))).toBe('You do not have access to this.');
    expect(errorMessage(graphQLError('SOMETHING_NEW', 'x'))).toBe('The request failed. Try again in a moment.');
  });

  it('explains network failures', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });

  it('collects field messages and finds them by their last path segment', () => {
    const error = graphQLError('BAD_USER_INPUT', 'Invalid input', {
      fields: [{ field: 'input.creditCost', messages: ['creditCost must be at least 1'] }],
    });
    const fields = fieldErrors(error);
    expect(fields).toEqual({ 'input.creditCost': ['creditCost must be at least 1'] });
    expect(fieldError(fields, 'creditCost')).toBe('creditCost must be at least 1');
    expect(fieldError(fields, 'name')).toBeUndefined();
  });
});

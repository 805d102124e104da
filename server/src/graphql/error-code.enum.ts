import { GraphQLEnumType } from 'graphql';
import { ErrorCode } from '../shared/error-code';

export const errorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'Every value `extensions.code` of a Tollgate GraphQL error can take.',
  values: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, { value: code }])),
});

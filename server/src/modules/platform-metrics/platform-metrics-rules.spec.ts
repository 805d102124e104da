import { randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/domain-error';
import { checkRevenueRange, decodeOverviewCursor, encodeOverviewCursor } from './platform-metrics-rules';
import { OrganizationOverviewSortField, OrganizationOverviewSortInput, SortDirection } from './platform-metrics.input';

const sort = (field: OrganizationOverviewSortField, direction = SortDirection.DESC) => Object.assign(new OrganizationOverviewSortInput(), { field, direction });

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).details?.fields as Array<{ field: string }>;
    return fields[0]!.field;
  }
  return undefined;
}

describe('checkRevenueRange', () => {
  const at = (iso: string) => new Date(iso);

  it('accepts a forward range of up to two calendar years', () => {
    expect(fieldOf(() => checkRevenueRange(at('2024-02-29T00:00:00Z'), at('2026-03-01T00:00:00Z')))).toBeUndefined();
    expect(fieldOf(() => checkRevenueRange(at('2024-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')))).toBeUndefined();
    expect(fieldOf(() => checkRevenueRange(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00.001Z')))).toBeUndefined();
  });

  it.each([
    ['an empty range', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'to'],
    ['a backward range', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', 'to'],
    ['two years and a millisecond', '2024-01-01T00:00:00Z', '2026-01-01T00:00:00.001Z', 'to'],
    ['an invalid from', 'not a date', '2026-01-01T00:00:00Z', 'from'],
  ])('refuses %s, naming the field', (_label, from, to, field) => {
    expect(fieldOf(() => checkRevenueRange(new Date(from), new Date(to)))).toBe(field);
  });
});

describe('organization overview cursors', () => {
  const id = randomUUID();

  it.each([
    [OrganizationOverviewSortField.NAME, 'acme, inc. "quoted"'],
    [OrganizationOverviewSortField.CREATED_AT, '2026-11-23T12:00:00.123+00:00'],
    [OrganizationOverviewSortField.MRR, '4083'],
    [OrganizationOverviewSortField.CREDIT_BALANCE, '0'],
    [OrganizationOverviewSortField.USAGE, '-1'],
    [OrganizationOverviewSortField.USAGE, '33.3333333333333333'],
  ])('round-trips a %s position', (field, value) => {
    expect(decodeOverviewCursor(encodeOverviewCursor(sort(field), { value, id }), sort(field))).toEqual({ value, id });
  });

  it('refuses a cursor of another field or direction', () => {
    const cursor = encodeOverviewCursor(sort(OrganizationOverviewSortField.MRR), { value: '1500', id });
    expect(fieldOf(() => decodeOverviewCursor(cursor, sort(OrganizationOverviewSortField.CREDIT_BALANCE)))).toBe('after');
    expect(fieldOf(() => decodeOverviewCursor(cursor, sort(OrganizationOverviewSortField.MRR, SortDirection.ASC)))).toBe('after');
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['a value that is not a number', encodeOverviewCursor(sort(OrganizationOverviewSortField.MRR), { value: '1; DROP TABLE organizations', id })],
    ['an id that is not a uuid', encodeOverviewCursor(sort(OrganizationOverviewSortField.MRR), { value: '1', id: 'x' })],
    ['another list’s cursor', Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', id])).toString('base64url')],
  ])('refuses %s', (_label, cursor) => {
    expect(fieldOf(() => decodeOverviewCursor(cursor, sort(OrganizationOverviewSortField.MRR)))).toBe('after');
  });

  it('refuses a timestamp position that is not a date', () => {
    const cursor = encodeOverviewCursor(sort(OrganizationOverviewSortField.CREATED_AT), { value: 'yesterday', id });
    expect(fieldOf(() => decodeOverviewCursor(cursor, sort(OrganizationOverviewSortField.CREATED_AT)))).toBe('after');
  });
});

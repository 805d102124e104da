import { initialListState, listVariables, nextPage, previousPage, searchFor, sortBy } from '../organization-list-state';

describe('organization list state', () => {
  it('flips the direction on the same column and starts another column in its natural order', () => {
    const byMrr = sortBy(initialListState, 'MRR');
    expect([byMrr.field, byMrr.direction]).toEqual(['MRR', 'DESC']);
    expect(sortBy(byMrr, 'MRR').direction).toBe('ASC');
    expect(sortBy(byMrr, 'NAME').direction).toBe('ASC');
  });

  it('walks pages by cursor and goes back to the first page when the sort or search changes', () => {
    const second = nextPage(nextPage(initialListState, 'c1'), 'c2');
    expect(listVariables(second, 25).after).toBe('c2');
    expect(listVariables(previousPage(second), 25).after).toBe('c1');
    expect(listVariables(previousPage(previousPage(previousPage(second))), 25).after).toBeNull();
    expect(sortBy(second, 'USAGE').cursors).toEqual([null]);
    expect(searchFor(second, 'acme').cursors).toEqual([null]);
    expect(nextPage(initialListState, null)).toBe(initialListState);
  });

  it('sends a blank search as no search', () => {
    expect(listVariables(searchFor(initialListState, '   '), 10)).toEqual({ search: null, sort: { field: 'CREATED_AT', direction: 'DESC' }, first: 10, after: null });
  });
});

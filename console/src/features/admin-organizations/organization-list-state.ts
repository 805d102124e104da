import type { AdminOrganizationSortField, SortDirection } from '../../gql/graphql';

export interface OrganizationListState {
  search: string;
  field: AdminOrganizationSortField;
  direction: SortDirection;
  /** Cursors of the pages before the current one (cursor pagination has no "page 3"; Previous pops this). */
  cursors: Array<string | null>;
}

export const initialListState: OrganizationListState = { search: '', field: 'CREATED_AT', direction: 'DESC', cursors: [null] };

/** Clicking a column header: the same column flips direction, another column starts with its natural order. */
export function sortBy(state: OrganizationListState, field: AdminOrganizationSortField): OrganizationListState {
  const direction: SortDirection =
    state.field === field ? (state.direction === 'ASC' ? 'DESC' : 'ASC') : field === 'NAME' ? 'ASC' : 'DESC';
  return { ...state, field, direction, cursors: [null] };
}

export function searchFor(state: OrganizationListState, search: string): OrganizationListState {
  return { ...state, search, cursors: [null] };
}

export function nextPage(state: OrganizationListState, endCursor: string | null): OrganizationListState {
  return endCursor ? { ...state, cursors: [...state.cursors, endCursor] } : state;
}

export function previousPage(state: OrganizationListState): OrganizationListState {
  return state.cursors.length > 1 ? { ...state, cursors: state.cursors.slice(0, -1) } : state;
}

/** The query's variables for the current state. */
export function listVariables(state: OrganizationListState, pageSize: number) {
  return {
    search: state.search.trim() || null,
    sort: { field: state.field, direction: state.direction },
    first: pageSize,
    after: state.cursors[state.cursors.length - 1] ?? null,
  };
}

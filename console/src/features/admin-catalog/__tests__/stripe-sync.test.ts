import { groupSyncResult, syncHeadline } from '../stripe-sync';

const item = (kind: 'PRODUCT' | 'PRICE' | 'METER', key: string) => ({ kind, key, stripeId: `${kind.toLowerCase()}_${key}` });

describe('Stripe sync result', () => {
  it('groups items by kind, each split into created, updated and unchanged', () => {
    const result = {
      changedCount: 3,
      created: [item('PRICE', 'plan:team:v1:month'), item('PRODUCT', 'plan:team')],
      updated: [item('PRODUCT', 'plan:pro')],
      unchanged: [item('PRICE', 'plan:pro:v1:year'), item('PRICE', 'plan:pro:v1:month')],
    };
    const groups = groupSyncResult(result);
    expect(groups.map((g) => [g.label, g.created.length, g.updated.length, g.unchanged.length])).toEqual([
      ['Products', 1, 1, 0],
      ['Prices', 1, 0, 2],
    ]);
    expect(groups[1]!.unchanged.map((i) => i.key)).toEqual(['plan:pro:v1:month', 'plan:pro:v1:year']);
    expect(syncHeadline(result)).toBe('Stripe updated: 2 created, 1 updated, 2 unchanged');
  });

  it('says so when nothing needed changing', () => {
    expect(syncHeadline({ changedCount: 0, created: [], updated: [], unchanged: [item('METER', 'meter:api_calls')] })).toBe(
      'Stripe was already up to date (1 unchanged)',
    );
  });
});

import { CreditConsumptionOrder } from '../catalog/catalog.enums';
import { checkMetadata, consumptionOrderOf, requestHashOf, splitCost } from './credit-rules';

describe('credit rules', () => {
  it('splits a cost across the buckets in the configured order, or not at all', () => {
    const buckets = { purchased: 10, subscription: 100 };
    expect(splitCost(15, buckets, CreditConsumptionOrder.PURCHASED_FIRST)).toEqual({ fromPurchased: 10, fromSubscription: 5 });
    expect(splitCost(15, buckets, CreditConsumptionOrder.SUBSCRIPTION_FIRST)).toEqual({ fromPurchased: 0, fromSubscription: 15 });
    expect(splitCost(105, buckets, CreditConsumptionOrder.SUBSCRIPTION_FIRST)).toEqual({ fromPurchased: 5, fromSubscription: 100 });
    expect(splitCost(110, buckets, CreditConsumptionOrder.PURCHASED_FIRST)).toEqual({ fromPurchased: 10, fromSubscription: 100 });
    expect(splitCost(111, buckets, CreditConsumptionOrder.PURCHASED_FIRST)).toBeNull();
  });

  it('hashes equal requests equally, whatever their key order, and different ones differently', () => {
    const a = requestHashOf('consumption', { eventKey: 'x', quantity: 1, metadata: { b: [1, { d: 2, c: 3 }], a: null } });
    const b = requestHashOf('consumption', { metadata: { a: null, b: [1, { c: 3, d: 2 }] }, quantity: 1, eventKey: 'x' });
    expect(a).toBe(b);
    expect(requestHashOf('consumption', { eventKey: 'x', quantity: 2, metadata: {} })).not.toBe(requestHashOf('consumption', { eventKey: 'x', quantity: 1, metadata: {} }));
    expect(requestHashOf('purchase', { credits: 1 })).not.toBe(requestHashOf('consumption', { credits: 1 }));
    expect(requestHashOf('consumption', { metadata: { a: [1, 2] } })).not.toBe(requestHashOf('consumption', { metadata: { a: [2, 1] } }));
  });

  it('reads an unknown consumption order setting as purchased first, and bounds metadata', () => {
    expect(consumptionOrderOf('subscription_first')).toBe(CreditConsumptionOrder.SUBSCRIPTION_FIRST);
    expect(consumptionOrderOf(null)).toBe(CreditConsumptionOrder.PURCHASED_FIRST);
    expect(consumptionOrderOf('bogus')).toBe(CreditConsumptionOrder.PURCHASED_FIRST);
    expect(checkMetadata(undefined)).toEqual({});
    expect(() => checkMetadata({ blob: 'x'.repeat(5000) })).toThrow(/at most/);
    expect(() => checkMetadata([] as unknown as Record<string, unknown>)).toThrow(/JSON object/);
  });
});

import { randomUUID } from 'node:crypto';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from '../../../test/support/test-app';
import { createApiKey, signUpOwner, type SignedUpUser } from '../../../test/support/factories';
import { auditEntries, signInPlatformAdmin } from '../../../test/support/catalog';

const FEATURE = 'key name description kind unit archivedAt';
const CREATE_FEATURE = `mutation($input: CreateFeatureInput!) { createFeature(input: $input) { ${FEATURE} } }`;
const UPDATE_FEATURE = `mutation($key: String!, $input: UpdateFeatureInput!) { updateFeature(key: $key, input: $input) { ${FEATURE} } }`;
const ARCHIVE_FEATURE = `mutation($key: String!) { archiveFeature(key: $key) { ${FEATURE} } }`;
const UNARCHIVE_FEATURE = `mutation($key: String!) { unarchiveFeature(key: $key) { ${FEATURE} } }`;
const PLATFORM_FEATURES = `{ platformFeatures { ${FEATURE} } }`;
const CREATE_PLAN = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { key } }`;

const EVENT = 'id key name description category creditCost active';
const CREATE_EVENT = `mutation($input: CreateCreditEventInput!) { createCreditEvent(input: $input) { ${EVENT} } }`;
const UPDATE_EVENT = `mutation($id: ID!, $input: UpdateCreditEventInput!) { updateCreditEvent(creditEventId: $id, input: $input) { ${EVENT} } }`;

const PRODUCT = 'id key name description credits price { amountMinor currency } archivedAt';
const CREATE_PRODUCT = `mutation($input: CreateCreditProductInput!) { createCreditProduct(input: $input) { ${PRODUCT} } }`;
const UPDATE_PRODUCT = `mutation($id: ID!, $input: UpdateCreditProductInput!) { updateCreditProduct(creditProductId: $id, input: $input) { ${PRODUCT} } }`;
const ARCHIVE_PRODUCT = `mutation($id: ID!) { archiveCreditProduct(creditProductId: $id) { ${PRODUCT} } }`;
const UNARCHIVE_PRODUCT = `mutation($id: ID!) { unarchiveCreditProduct(creditProductId: $id) { ${PRODUCT} } }`;

const SET_ORDER = `mutation($order: CreditConsumptionOrder!) { setCreditConsumptionOrder(order: $order) }`;

function fields(response: GraphQLResponse): string[] {
  return (response.errors?.[0]?.extensions?.details?.fields ?? []).map((f: { field: string }) => f.field);
}

describe('catalog: platform admin editing of features, credit events, credit products and settings', () => {
  let app: TestApp;
  let admin: { cookie: string; userId: string };
  let owner: SignedUpUser;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signInPlatformAdmin(app);
    owner = await signUpOwner(app, 'Customer');
  });
  afterAll(() => app.close());

  describe('features', () => {
    it('creates metered and boolean features and audits them', async () => {
      const metered = await app.gql(
        CREATE_FEATURE,
        { input: { key: 'seats', name: ' Seats ', description: 'People in the workspace.', kind: 'METERED', unit: 'seats' } },
        { cookie: admin.cookie },
      );
      expect(metered.errors).toBeUndefined();
      expect(metered.data!.createFeature).toEqual({ key: 'seats', name: 'Seats', description: 'People in the workspace.', kind: 'METERED', unit: 'seats', archivedAt: null });
      const flag = await app.gql(CREATE_FEATURE, { input: { key: 'sso', name: 'Single sign-on', kind: 'BOOLEAN' } }, { cookie: admin.cookie });
      expect(flag.data!.createFeature).toMatchObject({ key: 'sso', kind: 'BOOLEAN', unit: null, description: '' });

      const stored = await app.dataSource.query(`SELECT key, name, kind, unit FROM features WHERE key IN ('seats', 'sso') ORDER BY key`);
      expect(stored).toEqual([
        { key: 'seats', name: 'Seats', kind: 'metered', unit: 'seats' },
        { key: 'sso', name: 'Single sign-on', kind: 'boolean', unit: null },
      ]);
      const audits = await auditEntries(app, 'feature.created');
      // Same clock instant: compare regardless of order.
      expect(audits.map((a) => [a.target_id, a.actor_type, a.actor_id, a.organization_id]).sort()).toEqual([
        ['seats', 'user', admin.userId, null],
        ['sso', 'user', admin.userId, null],
      ]);
    });

    it('refuses a bad key, a unit on a boolean feature, and a duplicate key', async () => {
      const badKey = await app.gql(CREATE_FEATURE, { input: { key: 'Seats!', name: 'X', kind: 'METERED' } }, { cookie: admin.cookie });
      expect([errorCode(badKey), fields(badKey)]).toEqual(['BAD_USER_INPUT', ['key']]);
      const unit = await app.gql(CREATE_FEATURE, { input: { key: 'flag', name: 'Flag', kind: 'BOOLEAN', unit: 'flags' } }, { cookie: admin.cookie });
      expect([errorCode(unit), fields(unit)]).toEqual(['BAD_USER_INPUT', ['unit']]);
      const duplicate = await app.gql(CREATE_FEATURE, { input: { key: 'messages', name: 'Again', kind: 'METERED' } }, { cookie: admin.cookie });
      expect([errorCode(duplicate), fields(duplicate)]).toEqual(['CONFLICT', ['key']]);
      const [messages] = await app.dataSource.query(`SELECT name FROM features WHERE key = 'messages'`);
      expect(messages.name).toBe('Messages');
      expect((await app.dataSource.query(`SELECT key FROM features WHERE key = 'flag'`))).toEqual([]);
    });

    it('updates name, description and unit, never the kind, and audits before and after', async () => {
      const response = await app.gql(UPDATE_FEATURE, { key: 'seats', input: { name: 'Team seats', unit: 'people' } }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateFeature).toMatchObject({ name: 'Team seats', unit: 'people', description: 'People in the workspace.', kind: 'METERED' });
      const [audit] = await auditEntries(app, 'feature.updated');
      expect(audit.before).toMatchObject({ name: 'Seats', unit: 'seats' });
      expect(audit.after).toMatchObject({ name: 'Team seats', unit: 'people' });

      const missing = await app.gql(UPDATE_FEATURE, { key: 'nope', input: { name: 'X' } }, { cookie: admin.cookie });
      expect(errorCode(missing)).toBe('NOT_FOUND');
    });

    it('archives a feature: new plans cannot grant it, it stays listed for admins, unarchive restores it', async () => {
      const archived = await app.gql(ARCHIVE_FEATURE, { key: 'seats' }, { cookie: admin.cookie });
      expect(archived.data!.archiveFeature.archivedAt).toBe(app.clock.now().toISOString());
      expect(await auditEntries(app, 'feature.archived')).toHaveLength(1);

      const plan = await app.gql(
        CREATE_PLAN,
        { input: { key: 'team', name: 'Team', monthlyPriceMinor: 100, entitlements: [{ featureKey: 'seats', limit: 5, resetPeriod: 'NEVER' }] } },
        { cookie: admin.cookie },
      );
      expect([errorCode(plan), fields(plan)]).toEqual(['BAD_USER_INPUT', ['entitlements.0.featureKey']]);

      const listed = await app.gql(PLATFORM_FEATURES, {}, { cookie: admin.cookie });
      expect(listed.data!.platformFeatures.find((f: { key: string }) => f.key === 'seats').archivedAt).not.toBeNull();

      const restored = await app.gql(UNARCHIVE_FEATURE, { key: 'seats' }, { cookie: admin.cookie });
      expect(restored.data!.unarchiveFeature.archivedAt).toBeNull();
      const retry = await app.gql(
        CREATE_PLAN,
        { input: { key: 'team', name: 'Team', monthlyPriceMinor: 100, entitlements: [{ featureKey: 'seats', limit: 5, resetPeriod: 'NEVER' }] } },
        { cookie: admin.cookie },
      );
      expect(retry.errors).toBeUndefined();
    });
  });

  describe('credit events', () => {
    let eventId: string;

    it('creates an event and audits it', async () => {
      const response = await app.gql(
        CREATE_EVENT,
        { input: { key: 'image_generation', name: 'Image generation', description: 'One image.', category: 'ai', creditCost: 40 } },
        { cookie: admin.cookie },
      );
      expect(response.errors).toBeUndefined();
      eventId = response.data!.createCreditEvent.id;
      expect(response.data!.createCreditEvent).toMatchObject({ key: 'image_generation', category: 'ai', creditCost: 40, active: true });
      const [stored] = await app.dataSource.query(`SELECT credit_cost, active FROM credit_events WHERE id = $1`, [eventId]);
      expect(stored).toEqual({ credit_cost: 40, active: true });
      const [audit] = await auditEntries(app, 'credit_event.created');
      expect(audit).toMatchObject({ target_id: eventId, actor_id: admin.userId, organization_id: null });
      const listed = await app.gql(`{ creditEvents { key } }`, {}, { cookie: owner.cookie });
      expect(listed.data!.creditEvents.map((e: { key: string }) => e.key)).toContain('image_generation');
    });

    it('refuses a zero cost, a bad key and a duplicate key', async () => {
      const zero = await app.gql(CREATE_EVENT, { input: { key: 'free_lunch', name: 'Free', creditCost: 0 } }, { cookie: admin.cookie });
      expect([errorCode(zero), fields(zero)]).toEqual(['BAD_USER_INPUT', ['creditCost']]);
      const badKey = await app.gql(CREATE_EVENT, { input: { key: 'has-dash', name: 'X', creditCost: 1 } }, { cookie: admin.cookie });
      expect([errorCode(badKey), fields(badKey)]).toEqual(['BAD_USER_INPUT', ['key']]);
      const duplicate = await app.gql(CREATE_EVENT, { input: { key: 'ai_inference', name: 'Again', creditCost: 1 } }, { cookie: admin.cookie });
      expect([errorCode(duplicate), fields(duplicate)]).toEqual(['CONFLICT', ['key']]);
      const [inference] = await app.dataSource.query(`SELECT credit_cost FROM credit_events WHERE key = 'ai_inference'`);
      expect(inference.credit_cost).toBe(25);
    });

    it('updates cost, category and active; inactive events leave `creditEvents`', async () => {
      const response = await app.gql(UPDATE_EVENT, { id: eventId, input: { creditCost: 50, category: 'media', active: false } }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateCreditEvent).toMatchObject({ creditCost: 50, category: 'media', active: false, name: 'Image generation' });
      expect(await app.services.catalog.creditEventByKey('image_generation')).toMatchObject({ creditCost: 50, active: false });
      const listed = await app.gql(`{ creditEvents { key } }`, {}, { cookie: owner.cookie });
      expect(listed.data!.creditEvents.map((e: { key: string }) => e.key)).not.toContain('image_generation');
      const all = await app.gql(`{ platformCreditEvents { key active } }`, {}, { cookie: admin.cookie });
      expect(all.data!.platformCreditEvents).toContainEqual({ key: 'image_generation', active: false });
      const [audit] = await auditEntries(app, 'credit_event.updated');
      expect(audit.before).toMatchObject({ creditCost: 40, active: true });
      expect(audit.after).toMatchObject({ creditCost: 50, active: false });
    });

    it('refuses a zero cost on update and answers NOT_FOUND for unknown ids', async () => {
      const zero = await app.gql(UPDATE_EVENT, { id: eventId, input: { creditCost: 0 } }, { cookie: admin.cookie });
      expect([errorCode(zero), fields(zero)]).toEqual(['BAD_USER_INPUT', ['creditCost']]);
      for (const id of [randomUUID(), 'nope']) {
        expect(errorCode(await app.gql(UPDATE_EVENT, { id, input: { creditCost: 2 } }, { cookie: admin.cookie }))).toBe('NOT_FOUND');
      }
    });

    it('writes nothing for an update that changes nothing', async () => {
      const before = (await auditEntries(app, 'credit_event.updated')).length;
      const response = await app.gql(UPDATE_EVENT, { id: eventId, input: { creditCost: 50 } }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(await auditEntries(app, 'credit_event.updated')).toHaveLength(before);
    });
  });

  describe('credit products', () => {
    let productId: string;

    it('creates a product with its price as Money and audits it', async () => {
      const response = await app.gql(
        CREATE_PRODUCT,
        { input: { key: 'credits_100000', name: '100,000 credits', credits: 100000, priceMinor: 70000 } },
        { cookie: admin.cookie },
      );
      expect(response.errors).toBeUndefined();
      productId = response.data!.createCreditProduct.id;
      expect(response.data!.createCreditProduct).toMatchObject({ credits: 100000, price: { amountMinor: 70000, currency: 'usd' }, archivedAt: null });
      const [stored] = await app.dataSource.query(`SELECT credits, price_minor::int AS price, currency FROM credit_products WHERE id = $1`, [productId]);
      expect(stored).toEqual({ credits: 100000, price: 70000, currency: 'usd' });
      expect(await auditEntries(app, 'credit_product.created')).toHaveLength(1);
    });

    it('refuses a negative price, zero credits and a duplicate key', async () => {
      const negative = await app.gql(CREATE_PRODUCT, { input: { key: 'neg', name: 'Neg', credits: 10, priceMinor: -1 } }, { cookie: admin.cookie });
      expect([errorCode(negative), fields(negative)]).toEqual(['BAD_USER_INPUT', ['priceMinor']]);
      const zero = await app.gql(CREATE_PRODUCT, { input: { key: 'zero', name: 'Zero', credits: 0, priceMinor: 1 } }, { cookie: admin.cookie });
      expect([errorCode(zero), fields(zero)]).toEqual(['BAD_USER_INPUT', ['credits']]);
      const duplicate = await app.gql(CREATE_PRODUCT, { input: { key: 'credits_1000', name: 'Again', credits: 1, priceMinor: 1 } }, { cookie: admin.cookie });
      expect([errorCode(duplicate), fields(duplicate)]).toEqual(['CONFLICT', ['key']]);
      const negativeUpdate = await app.gql(UPDATE_PRODUCT, { id: productId, input: { priceMinor: -5 } }, { cookie: admin.cookie });
      expect([errorCode(negativeUpdate), fields(negativeUpdate)]).toEqual(['BAD_USER_INPUT', ['priceMinor']]);
    });

    it('updates the price and archives: archived products leave `creditProducts` but keep their row', async () => {
      const updated = await app.gql(UPDATE_PRODUCT, { id: productId, input: { priceMinor: 65000, name: 'Big pack' } }, { cookie: admin.cookie });
      expect(updated.data!.updateCreditProduct).toMatchObject({ name: 'Big pack', price: { amountMinor: 65000, currency: 'usd' } });
      const [audit] = await auditEntries(app, 'credit_product.updated');
      expect(audit.before).toMatchObject({ priceMinor: 70000 });
      expect(audit.after).toMatchObject({ priceMinor: 65000 });

      const archived = await app.gql(ARCHIVE_PRODUCT, { id: productId }, { cookie: admin.cookie });
      expect(archived.data!.archiveCreditProduct.archivedAt).toBe(app.clock.now().toISOString());
      const listed = await app.gql(`{ creditProducts { key } }`, {}, { cookie: owner.cookie });
      expect(listed.data!.creditProducts.map((p: { key: string }) => p.key)).toEqual(['credits_1000', 'credits_5000', 'credits_20000']);
      const all = await app.gql(`{ platformCreditProducts { key archivedAt } }`, {}, { cookie: admin.cookie });
      expect(all.data!.platformCreditProducts.map((p: { key: string }) => p.key)).toContain('credits_100000');
      expect(await auditEntries(app, 'credit_product.archived')).toHaveLength(1);

      const restored = await app.gql(UNARCHIVE_PRODUCT, { id: productId }, { cookie: admin.cookie });
      expect(restored.data!.unarchiveCreditProduct.archivedAt).toBeNull();
      expect(errorCode(await app.gql(ARCHIVE_PRODUCT, { id: randomUUID() }, { cookie: admin.cookie }))).toBe('NOT_FOUND');
    });
  });

  describe('credit consumption order', () => {
    it('switches platform-wide, is read back by the catalog, and audits the change', async () => {
      const response = await app.gql(SET_ORDER, { order: 'SUBSCRIPTION_FIRST' }, { cookie: admin.cookie });
      expect(response.errors).toBeUndefined();
      expect(response.data!.setCreditConsumptionOrder).toBe('SUBSCRIPTION_FIRST');
      const [stored] = await app.dataSource.query(`SELECT value FROM platform_settings WHERE key = 'credit_consumption_order'`);
      expect(stored.value).toBe('subscription_first');
      expect(await app.services.catalog.consumptionOrder()).toBe('subscription_first');
      const read = await app.gql(`{ creditConsumptionOrder }`, {}, { cookie: admin.cookie });
      expect(read.data!.creditConsumptionOrder).toBe('SUBSCRIPTION_FIRST');
      const [audit] = await auditEntries(app, 'platform_setting.updated');
      expect(audit).toMatchObject({ target_id: 'credit_consumption_order', actor_id: admin.userId, before: { value: 'purchased_first' }, after: { value: 'subscription_first' } });

      // Setting the same order again writes nothing.
      await app.gql(SET_ORDER, { order: 'SUBSCRIPTION_FIRST' }, { cookie: admin.cookie });
      expect(await auditEntries(app, 'platform_setting.updated')).toHaveLength(1);
    });

    it('refuses an unknown order', async () => {
      const response = await app.gql(SET_ORDER, { order: 'NEWEST_FIRST' }, { cookie: admin.cookie });
      expect(response.errors).toBeDefined();
      expect(await app.services.catalog.consumptionOrder()).toBe('subscription_first');
    });
  });

  describe('who may edit', () => {
    it('refuses organization owners and API keys with FORBIDDEN on every admin field, changing nothing', async () => {
      const key = await createApiKey(app, owner);
      const [event] = await app.dataSource.query(`SELECT id FROM credit_events WHERE key = 'ai_inference'`);
      const [product] = await app.dataSource.query(`SELECT id FROM credit_products WHERE key = 'credits_1000'`);
      const attempts: Array<[string, Record<string, unknown>]> = [
        [CREATE_FEATURE, { input: { key: 'mine', name: 'Mine', kind: 'BOOLEAN' } }],
        [UPDATE_FEATURE, { key: 'messages', input: { name: 'Mine' } }],
        [ARCHIVE_FEATURE, { key: 'messages' }],
        [UNARCHIVE_FEATURE, { key: 'messages' }],
        [CREATE_EVENT, { input: { key: 'mine', name: 'Mine', creditCost: 1 } }],
        [UPDATE_EVENT, { id: event.id, input: { creditCost: 1 } }],
        [CREATE_PRODUCT, { input: { key: 'mine', name: 'Mine', credits: 1, priceMinor: 0 } }],
        [UPDATE_PRODUCT, { id: product.id, input: { priceMinor: 0 } }],
        [ARCHIVE_PRODUCT, { id: product.id }],
        [UNARCHIVE_PRODUCT, { id: product.id }],
        [SET_ORDER, { order: 'PURCHASED_FIRST' }],
        [PLATFORM_FEATURES, {}],
        [`{ platformCreditEvents { key } }`, {}],
        [`{ platformCreditProducts { key } }`, {}],
        [`{ creditConsumptionOrder }`, {}],
      ];
      const auditsBefore = (await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`))[0].n;
      for (const [query, variables] of attempts) {
        for (const caller of [{ cookie: owner.cookie }, { apiKey: key.secret }]) {
          const response = await app.gql(query, variables, caller);
          expect([query, errorCode(response)]).toEqual([query, 'FORBIDDEN']);
        }
      }
      expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`))[0].n).toBe(auditsBefore);
      expect(await app.services.catalog.creditEventByKey('ai_inference')).toMatchObject({ creditCost: 25 });
    });
  });
});

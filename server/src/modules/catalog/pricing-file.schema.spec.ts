import { readFileSync } from 'node:fs';
import { DEFAULT_PRICING_FILE } from './catalog-loader';
import { PricingFileError, formatIssuePath, parsePricingFile } from './pricing-file.schema';

const defaultText = readFileSync(DEFAULT_PRICING_FILE, 'utf8');
const fresh = () => JSON.parse(defaultText);

/** The problems the parser reports for `file`, as "path: message" lines. */
function problems(file: unknown): string[] {
  try {
    parsePricingFile(typeof file === 'string' ? file : JSON.stringify(file), 'pricing.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PricingFileError);
    return (error as PricingFileError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('pricing file schema', () => {
  it('accepts the shipped server/catalog/pricing.json and fills defaults', () => {
    const pricing = parsePricingFile(defaultText, 'pricing.json');
    expect(pricing.plans.map((p) => p.key)).toEqual(['free', 'pro', 'business', 'enterprise']);
    expect(pricing.features.filter((f) => f.kind === 'boolean').map((f) => f.key)).toEqual(['priority_support', 'custom_integrations', 'analytics_advanced']);
    expect(pricing.creditEvents.map((e) => [e.key, e.creditCost])).toEqual([
      ['api_call_basic', 1],
      ['api_call_premium', 5],
      ['storage_gb_month', 10],
      ['ai_inference', 25],
    ]);
    expect(pricing.settings.credit_consumption_order).toBe('purchased_first');
  });

  it('names the file and every bad path in its message', () => {
    const file = fresh();
    file.plans[1].monthlyPriceMinor = -1;
    file.creditEvents[3].creditCost = 0;
    expect(() => parsePricingFile(JSON.stringify(file), '/srv/pricing.json')).toThrow(
      /^\/srv\/pricing\.json is not a valid pricing file:\n {2}plans\[1\]\.monthlyPriceMinor: .*\n {2}creditEvents\[3\]\.creditCost: /,
    );
  });

  it.each<[string, (file: any) => void, string]>([
    ['a negative price', (f) => (f.plans[2].yearlyPriceMinor = -5), 'plans[2].yearlyPriceMinor'],
    ['a fractional price', (f) => (f.plans[1].monthlyPriceMinor = 15.5), 'plans[1].monthlyPriceMinor'],
    ['an upper-case currency', (f) => (f.plans[0].currency = 'USD'), 'plans[0].currency'],
    ['a plan key the database would refuse', (f) => (f.plans[1].key = 'Pro'), 'plans[1].key'],
    ['a feature key with a dash', (f) => (f.features[0].key = 'chat-messages'), 'features[0].key'],
    ['an unknown kind', (f) => (f.features[0].kind = 'counter'), 'features[0].kind'],
    ['a zero credit cost', (f) => (f.creditEvents[0].creditCost = 0), 'creditEvents[0].creditCost'],
    ['a product without credits', (f) => delete f.creditProducts[1].credits, 'creditProducts[1].credits'],
    ['a trial over a year', (f) => (f.plans[1].trialDays = 366), 'plans[1].trialDays'],
    ['a zero hourly limit', (f) => (f.plans[0].hourlyRequestLimit = 0), 'plans[0].hourlyRequestLimit'],
    ['a misspelt field', (f) => (f.plans[0].monthlyPrice = 0), 'plans[0]'],
    ['an unknown reset period', (f) => (f.plans[0].entitlements.messages.resetPeriod = 'week'), 'plans[0].entitlements.messages.resetPeriod'],
    ['an unknown consumption order', (f) => (f.settings.credit_consumption_order = 'newest_first'), 'settings.credit_consumption_order'],
  ])('rejects %s, naming %s', (_case, breakIt, path) => {
    const file = fresh();
    breakIt(file);
    expect(problems(file).map((p) => p.split(': ')[0])).toContain(path);
  });

  it.each<[string, (file: any) => void, string]>([
    ['an entitlement of an unknown feature', (f) => (f.plans[1].entitlements.teleport = { enabled: true }), 'plans[1].entitlements.teleport: unknown feature'],
    ['a limit on a boolean feature', (f) => (f.plans[2].entitlements.priority_support = { enabled: true, limit: 5 }), 'plans[2].entitlements.priority_support.limit: a boolean feature'],
    ['a boolean feature without enabled', (f) => (f.plans[2].entitlements.priority_support = {}), 'plans[2].entitlements.priority_support.enabled: a boolean feature needs'],
    ['a metered feature without a reset period', (f) => delete f.plans[0].entitlements.messages.resetPeriod, 'plans[0].entitlements.messages.resetPeriod: a metered feature needs'],
    ['a metered feature without a limit', (f) => delete f.plans[3].entitlements.agents.limit, 'plans[3].entitlements.agents.limit: a metered feature needs'],
    ['a duplicate plan key', (f) => (f.plans[2].key = 'pro'), 'plans[2].key: duplicate key "pro"'],
    ['a duplicate credit product key', (f) => (f.creditProducts[2].key = 'credits_1000'), 'creditProducts[2].key: duplicate key'],
    ['no free plan', (f) => (f.plans[0].key = 'starter'), 'plans: a plan with key "free" is required'],
  ])('rejects %s', (_case, breakIt, expected) => {
    const file = fresh();
    breakIt(file);
    expect(problems(file).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('rejects text that is not JSON, at the root', () => {
    expect(problems('{ "features": [')[0]).toMatch(/^\(root\): not JSON/);
  });

  it('accepts null limits (unlimited) and null prices (custom)', () => {
    const file = fresh();
    file.plans[1].monthlyPriceMinor = null;
    file.plans[1].entitlements.messages.limit = null;
    expect(problems(file)).toEqual([]);
  });

  it('formats paths the way a reader looks them up', () => {
    expect(formatIssuePath(['plans', 1, 'entitlements', 'messages', 'limit'])).toBe('plans[1].entitlements.messages.limit');
    expect(formatIssuePath([])).toBe('(root)');
  });
});

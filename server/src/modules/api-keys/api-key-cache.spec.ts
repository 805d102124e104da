import { ApiKeyCache, type CachedApiKey } from './api-key-cache';

const entry = (cachedAt = 0): CachedApiKey => ({
  apiKeyId: 'k',
  organizationId: 'o',
  scopes: [],
  secretHash: 'h',
  lastUsedAt: null,
  cachedAt,
});

describe('ApiKeyCache', () => {
  const started = () => {
    const cache = new ApiKeyCache(60_000);
    cache.resume();
    return cache;
  };

  it('serves nothing until resumed, and nothing again once suspended (which also empties it)', () => {
    const cache = new ApiKeyCache(60_000);
    cache.set('p', entry(), cache.generation);
    expect(cache.get('p', 0)).toBeUndefined();
    cache.resume();
    cache.set('p', entry(), cache.generation);
    expect(cache.get('p', 0)).toBeDefined();
    cache.suspend();
    expect(cache.get('p', 0)).toBeUndefined();
    cache.resume();
    expect(cache.get('p', 0)).toBeUndefined();
  });

  it('does not keep a lookup that overlapped a revocation (of any key) or a suspension', () => {
    const cache = started();
    const beforeForget = cache.generation;
    cache.forget('other');
    cache.set('p', entry(), beforeForget);
    expect(cache.get('p', 0)).toBeUndefined();

    const beforeOutage = cache.generation;
    cache.suspend();
    cache.resume();
    cache.set('p', entry(), beforeOutage);
    expect(cache.get('p', 0)).toBeUndefined();
  });

  it('drops an entry once its time is up', () => {
    const cache = started();
    cache.set('p', entry(1_000), cache.generation);
    expect(cache.get('p', 60_999)).toBeDefined();
    expect(cache.get('p', 61_000)).toBeUndefined();
  });
});

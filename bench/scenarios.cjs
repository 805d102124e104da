'use strict';
/**
 * What is measured: each operation as a client app calls it (GraphQL over HTTP, authenticated with the
 * organization's API key, no organizationId argument, a fresh idempotency key per call), and the pgbench
 * script that runs the same statements directly.
 */
const path = require('node:path');
const { FEATURE, CREDIT_EVENT } = require('./setup.cjs');

const dist = path.join(__dirname, '..', 'server', 'dist');
const usageRequest = require(path.join(dist, 'modules', 'usage', 'usage-request.js'));
const creditRules = require(path.join(dist, 'modules', 'credits', 'credit-rules.js'));
const { MAX_INT, CONSUMPTION_ORDER_SETTING } = require(path.join(dist, 'modules', 'catalog', 'catalog-rules.js'));

const CHECK_AND_TRACK = `mutation CheckAndTrack($input: TrackUsageInput!) { checkAndTrackUsage(input: $input) { allowed remaining } }`;
const CONSUME = `mutation Consume($input: ConsumeCreditsInput!) { consumeCredits(input: $input) { creditsCharged balanceAfter replayed } }`;
const TRACK_BATCH = `mutation TrackBatch($events: [UsageEventInput!]!) { trackUsageBatch(events: $events) { recorded duplicates rejected } }`;

/** The current UTC month: the bench plan's api_calls window (reset period "month"). */
function monthWindow(now) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { ws: start.toISOString(), we: end.toISOString() };
}

/** A different idempotency key for every call of every client of every scenario. */
const keyOf = (tag, client, seq) => `${tag}-${client}-${seq}`;

/** Hot: every call for organization 1. Many: a uniformly random one of all of them per call. */
function organizationPicker(orgs, hot) {
  return hot ? () => orgs[0] : () => orgs[Math.floor(Math.random() * orgs.length)];
}

function singleOperationScenarios(orgs) {
  const hot = orgs[0];
  const now = new Date();
  const common = { org: hot.id, now: now.toISOString(), metadata: '{}' };
  const usageDefines = {
    ...common,
    ...monthWindow(now),
    feature: FEATURE,
    limit: String(MAX_INT),
    overage: 'false',
    hash: usageRequest.requestHashOf(FEATURE, 1, {}),
  };
  const creditDefines = {
    ...common,
    event: CREDIT_EVENT,
    setting: CONSUMPTION_ORDER_SETTING,
    kind: 'consumption',
    chash: creditRules.requestHashOf('consumption', { eventKey: CREDIT_EVENT, quantity: 1, metadata: {} }),
    actor_type: 'api_key',
    actor: hot.apiKeyId,
  };

  const checkAndTrack = (tag, pick) => ({
    operation: 'checkAndTrack',
    script: 'check-and-track',
    defines: usageDefines,
    request: (client, seq) => ({
      apiKey: pick().secret,
      body: JSON.stringify({ query: CHECK_AND_TRACK, variables: { input: { featureKey: FEATURE, quantity: 1, idempotencyKey: keyOf(tag, client, seq) } } }),
    }),
    accept: (data) => (data?.checkAndTrackUsage?.allowed === true ? null : `refused: ${JSON.stringify(data)}`),
  });
  const consume = (tag, pick) => ({
    operation: 'consumeCredits',
    script: 'consume-credits',
    defines: creditDefines,
    request: (client, seq) => ({
      apiKey: pick().secret,
      body: JSON.stringify({ query: CONSUME, variables: { input: { eventKey: CREDIT_EVENT, quantity: 1, idempotencyKey: keyOf(tag, client, seq) } } }),
    }),
    accept: (data) => (data?.consumeCredits?.creditsCharged === 1 && data.consumeCredits.replayed === false ? null : `unexpected: ${JSON.stringify(data)}`),
  });

  return [
    { key: 'checkAndTrack_hot', name: 'checkAndTrack, 1 hot org', hot: true, ...checkAndTrack('ct-hot', organizationPicker(orgs, true)) },
    { key: 'checkAndTrack_many', name: `checkAndTrack, ${orgs.length} orgs`, hot: false, ...checkAndTrack('ct-many', organizationPicker(orgs, false)) },
    { key: 'consumeCredits_hot', name: 'consumeCredits, 1 hot org', hot: true, ...consume('cc-hot', organizationPicker(orgs, true)) },
    { key: 'consumeCredits_many', name: `consumeCredits, ${orgs.length} orgs`, hot: false, ...consume('cc-many', organizationPicker(orgs, false)) },
  ];
}

/** trackUsageBatch: `size` events (api_calls, quantity 1, unique keys) per call, a random organization per call. */
function batchScenario(orgs, size) {
  const pick = organizationPicker(orgs, false);
  return {
    key: 'trackUsageBatch',
    name: `trackUsageBatch, ${size} events/call, ${orgs.length} orgs`,
    request: (client, seq) => {
      const events = new Array(size);
      for (let i = 0; i < size; i += 1) events[i] = { featureKey: FEATURE, quantity: 1, idempotencyKey: `batch-${client}-${seq}-${i}` };
      return { apiKey: pick().secret, body: JSON.stringify({ query: TRACK_BATCH, variables: { events } }) };
    },
    accept: (data) => (data?.trackUsageBatch?.recorded === size ? null : `not all recorded: ${JSON.stringify(data)}`),
  };
}

module.exports = { singleOperationScenarios, batchScenario };

'use strict';

/** Nearest-rank percentiles (no interpolation, so p99 is a latency some request really had). */
function summarise(latenciesMs) {
  if (latenciesMs.length === 0) return { count: 0, p50: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

module.exports = { summarise };

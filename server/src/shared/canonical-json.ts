/**
 * JSON with object keys sorted and undefined values dropped: equal requests give equal text (jsonb keeps no
 * key order either), so an idempotency key can be bound to a hash of it. Written as plain loops: it runs for
 * every event of a 1,000-event batch.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort();
    let text = '{';
    for (const key of keys) {
      const item = object[key];
      if (item === undefined) continue;
      text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

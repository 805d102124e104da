/** A JSON-safe copy of a row for the audit log's before/after (dates become ISO strings). */
export function snapshot(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked before an id reaches SQL, so a malformed id is "not found", not a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

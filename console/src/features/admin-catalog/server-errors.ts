import { errorMessage, fieldErrors } from '../../apollo/errors';

export interface PlacedServerErrors {
  /** Messages keyed by the form's own field paths, for `form.setErrors`. */
  fields: Record<string, string>;
  /** What no field of the form can show (a rule about the whole thing, or a field the form lacks); null when all is placed. */
  other: string | null;
}

/**
 * Puts a failed mutation's field errors (`extensions.details.fields`, BAD_USER_INPUT or a CONFLICT on a key) on the
 * form's fields. `toFormPath` turns the server's path (`entitlements.2.limit`, already without an `input.` prefix)
 * into the form's, or null when the form has no such field.
 */
export function placeServerErrors(error: unknown, toFormPath: (serverPath: string) => string | null): PlacedServerErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [serverPath, messages] of Object.entries(fieldErrors(error))) {
    const formPath = toFormPath(serverPath.replace(/^input\./, ''));
    const message = messages[0];
    if (!message) continue;
    if (formPath && !fields[formPath]) fields[formPath] = message;
    else if (!formPath) unplaced.push(message);
  }
  if (unplaced.length > 0) return { fields, other: unplaced.join(' ') };
  return { fields, other: Object.keys(fields).length > 0 ? null : errorMessage(error) };
}

/** The common case: the form's fields are named like the input's. */
export function samePathIn(formFields: readonly string[]): (serverPath: string) => string | null {
  return (serverPath) => (formFields.includes(serverPath) ? serverPath : null);
}

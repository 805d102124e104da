import type { SandboxStore, StripeObject } from './sandbox-store';

/**
 * Applies one `expand[]` path (e.g. `latest_invoice`, `items.data.price.product`, `data.subscription` on lists) in
 * place: an id met on the path is replaced by a copy of the object it names. Unknown paths are left alone.
 */
export function expandObject(target: unknown, path: string[], store: SandboxStore): void {
  if (!target || typeof target !== 'object' || path.length === 0) return;
  if (Array.isArray(target)) {
    for (const element of target) expandObject(element, path, store);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  const holder = target as StripeObject;
  const value = holder[head];
  if (Array.isArray(value)) {
    holder[head] = value.map((element) => expandValue(element, rest, store));
  } else if (value !== undefined) {
    holder[head] = expandValue(value, rest, store);
  }
}

function expandValue(value: unknown, rest: string[], store: SandboxStore): unknown {
  let resolved = value;
  if (typeof value === 'string') {
    const found = store.lookup(value);
    if (found) resolved = structuredClone(found);
  }
  expandObject(resolved, rest, store);
  return resolved;
}

import { StripeCatalogObjectKind } from '../../gql/enums';
import type { AdminCatalogStripeSyncMutation } from '../../gql/graphql';

export type StripeSyncResult = AdminCatalogStripeSyncMutation['syncCatalogToStripe'];
type Item = StripeSyncResult['created'][number];

export interface StripeSyncGroup {
  kind: StripeCatalogObjectKind;
  label: string;
  created: Item[];
  updated: Item[];
  unchanged: Item[];
}

const KIND_LABELS: [StripeCatalogObjectKind, string][] = [
  [StripeCatalogObjectKind.Product, 'Products'],
  [StripeCatalogObjectKind.Price, 'Prices'],
  [StripeCatalogObjectKind.Meter, 'Meters'],
];

/** A sync's items by kind (products, prices, meters), each split by what happened; kinds with nothing are left out. */
export function groupSyncResult(result: StripeSyncResult): StripeSyncGroup[] {
  const byKey = (a: Item, b: Item) => a.key.localeCompare(b.key);
  return KIND_LABELS.map(([kind, label]) => ({
    kind,
    label,
    created: result.created.filter((i) => i.kind === kind).sort(byKey),
    updated: result.updated.filter((i) => i.kind === kind).sort(byKey),
    unchanged: result.unchanged.filter((i) => i.kind === kind).sort(byKey),
  })).filter((group) => group.created.length + group.updated.length + group.unchanged.length > 0);
}

export function syncHeadline(result: StripeSyncResult): string {
  if (result.changedCount === 0) return `Stripe was already up to date (${result.unchanged.length} unchanged)`;
  return `Stripe updated: ${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged`;
}

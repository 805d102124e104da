import { Foundation1763900000000 } from './1763900000000-foundation';
import { CatalogSubscriptionsAudit1763900000100 } from './1763900000100-catalog-subscriptions-audit';

/** Every migration, oldest first. New ones are appended here. */
export const migrations = [Foundation1763900000000, CatalogSubscriptionsAudit1763900000100];

import { FeatureKind } from '../../gql/enums';
import type {
  AdminCatalogCreditEventFieldsFragment,
  AdminCatalogCreditProductFieldsFragment,
  AdminCatalogFeatureFieldsFragment,
  CreateCreditEventInput,
  CreateCreditProductInput,
  CreateFeatureInput,
  UpdateCreditEventInput,
  UpdateCreditProductInput,
  UpdateFeatureInput,
} from '../../gql/graphql';
import {
  compactErrors,
  CREDIT_EVENT_KEY,
  CREDIT_PRODUCT_KEY,
  currencyError,
  descriptionError,
  FEATURE_KEY,
  integerError,
  keyError,
  MAX_INT,
  nameError,
  toInteger,
  type NumberField,
} from './catalog-rules';

/* Features ------------------------------------------------------------------------------------------------------ */

export interface FeatureFormValues {
  key: string;
  name: string;
  description: string;
  kind: FeatureKind;
  unit: string;
}

export function featureFormValues(feature: AdminCatalogFeatureFieldsFragment | null): FeatureFormValues {
  if (!feature) return { key: '', name: '', description: '', kind: FeatureKind.Metered, unit: '' };
  return { key: feature.key, name: feature.name, description: feature.description, kind: feature.kind, unit: feature.unit ?? '' };
}

export function validateFeature(values: FeatureFormValues, { creating }: { creating: boolean }): Record<string, string> {
  const metered = values.kind === FeatureKind.Metered;
  return compactErrors({
    key: creating ? keyError(values.key, FEATURE_KEY, false) : null,
    name: nameError(values.name),
    description: descriptionError(values.description),
    // A boolean feature has no unit; a metered one may go without ("3 of 10").
    unit: metered && values.unit.trim() ? nameError(values.unit, 50) : null,
  });
}

export function toCreateFeatureInput(values: FeatureFormValues): CreateFeatureInput {
  const unit = values.kind === FeatureKind.Metered ? values.unit.trim() : '';
  return { key: values.key.trim(), name: values.name.trim(), description: values.description.trim(), kind: values.kind, unit: unit || null };
}

/** Omitted fields stay as they are: an emptied unit is left alone (the API cannot clear it). */
export function toUpdateFeatureInput(values: FeatureFormValues): UpdateFeatureInput {
  const unit = values.kind === FeatureKind.Metered ? values.unit.trim() : '';
  return { name: values.name.trim(), description: values.description.trim(), ...(unit ? { unit } : {}) };
}

/* Credit events ------------------------------------------------------------------------------------------------- */

export interface CreditEventFormValues {
  key: string;
  name: string;
  description: string;
  category: string;
  creditCost: NumberField;
  active: boolean;
}

export function creditEventFormValues(event: AdminCatalogCreditEventFieldsFragment | null): CreditEventFormValues {
  if (!event) return { key: '', name: '', description: '', category: 'general', creditCost: 1, active: true };
  return { key: event.key, name: event.name, description: event.description, category: event.category, creditCost: event.creditCost, active: event.active };
}

export function validateCreditEvent(values: CreditEventFormValues, { creating }: { creating: boolean }): Record<string, string> {
  return compactErrors({
    key: creating ? keyError(values.key, CREDIT_EVENT_KEY, false) : null,
    name: nameError(values.name),
    description: descriptionError(values.description),
    category: nameError(values.category, 50),
    creditCost: integerError(values.creditCost, { min: 1, max: MAX_INT, label: 'a cost in credits' }),
  });
}

export function toUpdateCreditEventInput(values: CreditEventFormValues): UpdateCreditEventInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    category: values.category.trim(),
    creditCost: toInteger(values.creditCost),
    active: values.active,
  };
}

export function toCreateCreditEventInput(values: CreditEventFormValues): CreateCreditEventInput {
  return {
    key: values.key.trim(),
    name: values.name.trim(),
    description: values.description.trim(),
    category: values.category.trim(),
    creditCost: toInteger(values.creditCost),
    active: values.active,
  };
}

/* Credit products ----------------------------------------------------------------------------------------------- */

export interface CreditProductFormValues {
  key: string;
  name: string;
  description: string;
  credits: NumberField;
  currency: string;
  /** Minor units; null while empty. */
  priceMinor: number | null;
}

export function creditProductFormValues(product: AdminCatalogCreditProductFieldsFragment | null): CreditProductFormValues {
  if (!product) return { key: '', name: '', description: '', credits: '', currency: 'usd', priceMinor: null };
  return {
    key: product.key,
    name: product.name,
    description: product.description,
    credits: product.credits,
    currency: product.price.currency,
    priceMinor: product.price.amountMinor,
  };
}

export function validateCreditProduct(values: CreditProductFormValues, { creating }: { creating: boolean }): Record<string, string> {
  return compactErrors({
    key: creating ? keyError(values.key, CREDIT_PRODUCT_KEY, true) : null,
    name: nameError(values.name),
    description: descriptionError(values.description),
    credits: integerError(values.credits, { min: 1, label: 'how many credits the pack holds' }),
    currency: currencyError(values.currency),
    priceMinor: values.priceMinor === null ? 'Enter a price' : values.priceMinor > MAX_INT ? 'That amount is too large' : null,
  });
}

export function toUpdateCreditProductInput(values: CreditProductFormValues): UpdateCreditProductInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    credits: toInteger(values.credits),
    currency: values.currency.trim().toLowerCase(),
    priceMinor: values.priceMinor ?? 0,
  };
}

export function toCreateCreditProductInput(values: CreditProductFormValues): CreateCreditProductInput {
  return {
    key: values.key.trim(),
    name: values.name.trim(),
    description: values.description.trim(),
    credits: toInteger(values.credits),
    currency: values.currency.trim().toLowerCase(),
    priceMinor: values.priceMinor ?? 0,
  };
}

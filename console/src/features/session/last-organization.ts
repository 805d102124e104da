// Stripe's return URLs carry no organization; the console remembers which one the viewer was working in.
const KEY = 'tollgate.lastOrganizationId';

export function rememberOrganization(organizationId: string): void {
  try {
    window.localStorage.setItem(KEY, organizationId);
  } catch {
    // Private browsing can refuse storage; the first membership is the fallback.
  }
}

export function lastOrganizationId(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

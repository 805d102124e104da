/**
 * Sends the browser to a Stripe-hosted page (Checkout, the customer portal). One function so tests can replace it:
 * jsdom cannot navigate away.
 */
export function goToHostedPage(url: string): void {
  window.location.assign(url);
}

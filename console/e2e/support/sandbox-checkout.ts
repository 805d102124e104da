import type { Page } from 'playwright-core';

/** Pays on the Stripe sandbox's Checkout page (the stand-in for checkout.stripe.com) with a test card. */
export async function payOnSandboxCheckout(page: Page, card = '4242 4242 4242 4242'): Promise<void> {
  await page.getByLabel('Card number').fill(card);
  const email = page.getByLabel('Email');
  if ((await email.count()) > 0 && !(await email.inputValue())) await email.fill('billing@browser.test');
  await page.getByRole('button', { name: /^(Subscribe|Pay)$/ }).click();
}

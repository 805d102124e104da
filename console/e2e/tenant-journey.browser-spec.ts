import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, newPage, PHONE, screenshotter } from './support/browser';
import { newAccount, organizationIdIn, signUp } from './support/console-actions';
import { payOnSandboxCheckout } from './support/sandbox-checkout';
import { useRunningProduct } from './support/product';

const CONSUME = `mutation($input: ConsumeCreditsInput!) { consumeCredits(input: $input) { creditsCharged balanceAfter } }`;

/** The number shown in an element ("3,000" → 3000). */
async function numberIn(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  return Number(text.replace(/[^\d-]/g, ''));
}

describeInBrowser('console: a new customer subscribes, buys credits and uses them from an app', () => {
  const product = useRunningProduct();

  it('signs up, pays for Pro with 4242, buys a credit pack, creates an API key and sees the key’s consumption', async () => {
    const shoot = screenshotter('tenant-journey');
    const account = newAccount('journey');
    const { context, page } = await newPage(product.browser);

    // Sign up: the new organization starts on Free.
    await signUp(page, product.tollgate.url, account);
    const organizationId = organizationIdIn(page);
    await page.getByText('Free', { exact: false }).first().waitFor();
    await shoot(page, 'overview-free');

    // Subscribe to Pro through the sandbox Checkout.
    await page.getByRole('link', { name: 'Plans', exact: true }).first().click();
    await page.getByRole('button', { name: 'Subscribe: Pro' }).waitFor();
    await shoot(page, 'pricing');
    await page.getByRole('button', { name: 'Subscribe: Pro' }).click();
    await page.waitForURL(/\/checkout\//);
    await shoot(page, 'sandbox-checkout');
    await payOnSandboxCheckout(page);
    const paidAt = Date.now();
    await page.waitForURL(/\/billing\/checkout\/return/);
    // The promise: access within 10 seconds of paying.
    await page.getByTestId('checkout-plan').filter({ hasText: 'You are on Pro' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('checkout-limits').waitFor({ timeout: Math.max(1_000, 10_000 - (Date.now() - paidAt)) });
    expect(await page.getByTestId('checkout-limits').innerText()).toMatch(/API calls/);
    await shoot(page, 'checkout-return-pro');

    // Credits: Pro's grant, then a 1,000-credit pack through Checkout.
    await page.goto(`${product.tollgate.url}/orgs/${organizationId}/credits`);
    await page.getByTestId('credit-balance').waitFor();
    const afterGrant = await numberIn(page, 'credit-balance');
    expect(afterGrant).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Buy 1,000 credits' }).click();
    await page.waitForURL(/\/checkout\//);
    await payOnSandboxCheckout(page);
    await page.waitForURL(/\/billing\/credits\/return/);
    await page.getByText('1,000 credits added').waitFor({ timeout: 15_000 });
    expect(await numberIn(page, 'new-credit-balance')).toBe(afterGrant + 1000);
    await shoot(page, 'credits-return');

    // An API key: its secret is shown once.
    await page.goto(`${product.tollgate.url}/orgs/${organizationId}/api-keys`);
    await page.getByRole('button', { name: 'Create API key' }).first().click();
    await page.getByLabel('Name').fill('Browser test backend');
    await page.getByLabel('Record usage').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('copyable-secret').innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    await shoot(page, 'api-key-created');
    await page.getByRole('button', { name: 'I have copied the key' }).click();
    await page.getByRole('cell', { name: 'Browser test backend', exact: true }).waitFor();

    // The app spends 3 AI inferences (25 credits each) with the key; the console shows the lower balance.
    const consumed = await product.tollgate.gql(CONSUME, { input: { eventKey: 'ai_inference', quantity: 3, idempotencyKey: 'browser-journey-1' } }, secret);
    expect(consumed.errors).toBeUndefined();
    expect(consumed.data.consumeCredits).toEqual({ creditsCharged: 75, balanceAfter: afterGrant + 1000 - 75 });
    await page.goto(`${product.tollgate.url}/orgs/${organizationId}/credits`);
    await page.getByTestId('credit-balance').filter({ hasText: (afterGrant + 925).toLocaleString('en-US') }).waitFor();
    await page.getByText('AI inference', { exact: false }).first().waitFor();
    await shoot(page, 'credits-after-consumption');

    // The same views at phone width.
    const phone = await product.browser.newContext({ viewport: PHONE, storageState: await context.storageState() });
    const phonePage = await phone.newPage();
    for (const view of ['', '/usage', '/credits']) {
      await phonePage.goto(`${product.tollgate.url}/orgs/${organizationId}${view}`);
      await phonePage.getByRole('heading', { level: 2 }).first().waitFor();
      await shoot(phonePage, `phone${view.replace('/', '-') || '-overview'}`);
    }
    await phone.close();
    await context.close();
  });
});

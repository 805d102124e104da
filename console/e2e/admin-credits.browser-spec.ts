import { describeInBrowser, newPage, PHONE, screenshotter } from './support/browser';
import { logIn, newAccount, organizationIdIn, signUp } from './support/console-actions';
import { useRunningProduct } from './support/product';
import { ADMIN } from './support/tollgate-process';

describeInBrowser('console: a platform admin grants credits and finds it in the audit log', () => {
  const product = useRunningProduct();

  it('finds the organization, grants 500 credits with a reason, and sees the grant in its audit trail and the audit log', async () => {
    const shoot = screenshotter('admin-credits');
    const customer = newAccount('customer');
    const signup = await newPage(product.browser);
    await signUp(signup.page, product.tollgate.url, customer);
    const organizationId = organizationIdIn(signup.page);
    await signup.context.close();

    const { context, page } = await newPage(product.browser);
    await logIn(page, product.tollgate.url, ADMIN.email, ADMIN.password);
    // A platform admin with no organization of their own lands in the admin view.
    await page.waitForURL(/\/admin\/organizations$/);
    await page.getByLabel('Search organizations').fill(customer.organizationName);
    const link = page.getByRole('link', { name: customer.organizationName, exact: true });
    await link.waitFor();
    await shoot(page, 'organizations');
    await link.click();
    await page.waitForURL(new RegExp(`/admin/organizations/${organizationId}$`));
    await page.getByRole('heading', { name: customer.organizationName, level: 2 }).waitFor();
    const before = Number((await page.getByTestId('admin-credit-balance').innerText()).replace(/\D/g, ''));
    await shoot(page, 'organization');

    const form = page.getByRole('form', { name: 'Adjust credits' });
    await form.getByRole('textbox', { name: /Credits/ }).fill('500');
    await form.getByRole('textbox', { name: /Reason/ }).fill('Browser test goodwill');
    await form.getByRole('button', { name: 'Grant credits' }).click();
    await page.getByTestId('admin-credit-balance').filter({ hasText: (before + 500).toLocaleString('en-US') }).waitFor();
    const trail = page.getByTestId('admin-organization-audit');
    await trail.getByText('credits.adjusted').first().waitFor();
    await shoot(page, 'organization-after-grant');

    await page.goto(`${product.tollgate.url}/admin/audit?action=credits.adjusted&organization=${organizationId}`);
    await page.getByText('credits.adjusted').first().waitFor();
    expect(await page.locator('main').innerText()).toContain(customer.organizationName);
    // The admin who made it, by email (the id is on hover).
    expect(await page.locator('main').innerText()).toContain(ADMIN.email);
    await shoot(page, 'audit-log');

    // The ledger holds exactly that adjustment, made by the admin.
    const stored = await product.tollgate.query<{ purchased_delta: number; reason: string; actor_type: string }>(
      `SELECT purchased_delta, reason, actor_type FROM credit_transactions WHERE organization_id = $1 AND kind = 'adjustment'`,
      [organizationId],
    );
    expect(stored).toEqual([{ purchased_delta: 500, reason: 'Browser test goodwill', actor_type: 'user' }]);

    const phone = await product.browser.newContext({ viewport: PHONE, storageState: await context.storageState() });
    const phonePage = await phone.newPage();
    for (const view of ['/admin/organizations', `/admin/organizations/${organizationId}`, '/admin/revenue', '/admin/catalog', '/admin/webhooks']) {
      await phonePage.goto(`${product.tollgate.url}${view}`);
      await phonePage.getByRole('heading', { level: 2 }).first().waitFor();
      await shoot(phonePage, `phone${view.replaceAll('/', '-').replace(organizationId, 'organization')}`);
    }
    await phone.close();
    await context.close();
  });

  it('shows an organization owner the 403 view on admin pages', async () => {
    const owner = newAccount('not-admin');
    const { context, page } = await newPage(product.browser);
    await signUp(page, product.tollgate.url, owner);
    for (const view of ['/admin/organizations', '/admin/revenue', '/admin/audit']) {
      await page.goto(`${product.tollgate.url}${view}`);
      await page.getByTestId('forbidden-view').waitFor();
    }
    await context.close();
  });
});

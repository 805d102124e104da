import { describeInBrowser, newPage, screenshotter } from './support/browser';
import { logIn, newAccount, organizationIdIn, signUp } from './support/console-actions';
import { useRunningProduct } from './support/product';

describeInBrowser('console: an organization’s pages are its members’ only', () => {
  const product = useRunningProduct();

  it('shows a member of another organization the 403 view and none of the first one’s data', async () => {
    const shoot = screenshotter('tenant-isolation');
    const first = newAccount('first');
    const other = newAccount('other');

    const owner = await newPage(product.browser);
    await signUp(owner.page, product.tollgate.url, first);
    const firstOrganizationId = organizationIdIn(owner.page);
    await owner.page.goto(`${product.tollgate.url}/orgs/${firstOrganizationId}/credits`);
    await owner.page.getByRole('heading', { name: 'Credits', exact: true, level: 2 }).waitFor();
    await shoot(owner.page, 'owner-credits');
    await owner.context.close();

    const intruder = await newPage(product.browser);
    await signUp(intruder.page, product.tollgate.url, other);
    const graphqlCalls: string[] = [];
    intruder.page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphqlCalls.push(request.postData() ?? '');
    });
    for (const view of ['', '/credits', '/usage', '/invoices', '/api-keys', '/pricing']) {
      graphqlCalls.length = 0;
      await intruder.page.goto(`${product.tollgate.url}/orgs/${firstOrganizationId}${view}`);
      await intruder.page.getByTestId('forbidden-view').waitFor();
      await expectNoneOf(intruder.page, [first.organizationName, first.email]);
      // Nothing about the first organization was even asked for.
      expect(graphqlCalls.filter((body) => body.includes(firstOrganizationId))).toEqual([]);
    }
    await shoot(intruder.page, 'intruder-403');

    // Asked directly, the server refuses too.
    const cookies = await intruder.context.cookies();
    const response = await fetch(`${product.tollgate.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
      body: JSON.stringify({ query: 'query($id: ID!) { creditBalance(organizationId: $id) { total } }', variables: { id: firstOrganizationId } }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await intruder.context.close();
  });

  it('sends a signed-out visitor to the login page and back to where they were going, and logs out', async () => {
    const account = newAccount('returning');
    const first = await newPage(product.browser);
    await signUp(first.page, product.tollgate.url, account);
    const organizationId = organizationIdIn(first.page);
    await first.context.close();

    const { context, page } = await newPage(product.browser);
    await page.goto(`${product.tollgate.url}/orgs/${organizationId}/usage`);
    await page.waitForURL(/\/login\?next=/);
    await logIn(page, product.tollgate.url, account.email, account.password, `/orgs/${organizationId}/usage`);
    expect(new URL(page.url()).pathname).toBe(`/orgs/${organizationId}/usage`);

    // Logging out ends the session on the server: the same pages lead back to the login page.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${product.tollgate.url}/orgs/${organizationId}`);
    await page.waitForURL(/\/login\?next=/);
    await context.close();
  });
});

async function expectNoneOf(page: import('playwright-core').Page, texts: string[]): Promise<void> {
  const body = await page.locator('body').innerText();
  for (const text of texts) expect(body).not.toContain(text);
}

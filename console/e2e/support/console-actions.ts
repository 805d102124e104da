import type { Page } from 'playwright-core';

export interface NewAccount {
  email: string;
  password: string;
  organizationName: string;
}

let counter = 0;
/** A unique account per call, so tests on one database never collide. */
export function newAccount(prefix: string): NewAccount {
  counter += 1;
  const id = `${prefix}-${Date.now().toString(36)}-${counter}`;
  return { email: `${id}@browser.test`, password: 'correct-horse-battery', organizationName: `${prefix} org ${counter}` };
}

export async function signUp(page: Page, baseUrl: string, account: NewAccount): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(account.password);
  await page.getByLabel('Organization').fill(account.organizationName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The organization id in the current /orgs/:id URL. */
export function organizationIdIn(page: Page): string {
  const match = /\/orgs\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on an organization page: ${page.url()}`);
  return match[1]!;
}

/*
 * The UI contract the e2e tests are written against, and helpers shared by the specs.
 */
import { expect, type Page, type TestInfo } from '@playwright/test';

export type Persona = {
  /** Shown on the sign-in button as `Sign in as <displayName>`. */
  displayName: string;
  role: string;
};

export const PLATFORM_ENGINEER: Persona = {
  displayName: 'Priya Patel',
  role: 'platform engineer',
};
export const FINANCE_DOMAIN_OWNER: Persona = {
  displayName: 'Fatima Osei',
  role: 'finance domain owner',
};
export const DATA_CITIZEN: Persona = {
  displayName: 'Diego Alvarez',
  role: 'data citizen',
};
export const PERSONAS: Persona[] = [
  PLATFORM_ENGINEER,
  FINANCE_DOMAIN_OWNER,
  DATA_CITIZEN,
];

export const DEMO_DOMAINS = [
  'Finance',
  'Sales',
  'Operations & IoT',
  'Human Resources',
  'Marketing',
];

/** All domains, not only the ones the signed-in user owns (the catalog's default). */
export const DOMAINS_URL = '/catalog?filters[kind]=domain&filters[user]=all';

export function signInButton(page: Page, persona: Persona) {
  return page.getByRole('button', {
    name: `Sign in as ${persona.displayName}`,
  });
}

export function sidebarNav(page: Page) {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/**
 * Waits until the app's sidebar is shown. The `<nav>` element itself has no size (its
 * drawer is `position: fixed`), so Playwright calls it hidden: check its links instead.
 */
export async function expectSidebarVisible(page: Page) {
  await expect(sidebarNav(page).getByRole('link').first()).toBeVisible();
}

/**
 * Opens `path` and signs in there as `persona`: the app shows its sign-in page on any
 * route, and after signing in renders that route.
 */
export async function signInAs(page: Page, persona: Persona, path = '/') {
  await page.goto(path);
  await signInButton(page, persona).click();
  await expectSidebarVisible(page);
}

/**
 * Client-side navigation inside the signed-in app (no page reload, so the session does
 * not depend on how the sign-in is persisted).
 */
export async function navigateInApp(page: Page, path: string) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}

/** A full-page screenshot kept with the test's results (and in the HTML report). */
export async function attachFullPageScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

import { expect, test } from '@playwright/test';
import { PERSONAS, sidebarNav, signInButton } from '../support/portal';

test('the sign-in page lists the demo personas', async ({ page }) => {
  await page.goto('/');
  for (const persona of PERSONAS) {
    await expect(signInButton(page, persona)).toBeVisible();
  }
  // Not signed in yet: the app (and its sidebar) is not rendered.
  await expect(sidebarNav(page)).toHaveCount(0);
});

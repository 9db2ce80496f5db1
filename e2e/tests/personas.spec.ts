import { expect, test } from '@playwright/test';
import {
  DEMO_DOMAINS,
  DOMAINS_URL,
  PERSONAS,
  attachFullPageScreenshot,
  navigateInApp,
  signInAs,
} from '../support/portal';

for (const persona of PERSONAS) {
  test.describe(`${persona.displayName} (${persona.role})`, () => {
    test('signs in, sees the demo domains and their own identity', async ({
      page,
    }, testInfo) => {
      await signInAs(page, persona, DOMAINS_URL);

      // Right after start-up the catalog may still be ingesting the demo entities and
      // the table does not refetch by itself: leave and reopen the list until it is full.
      let attempt = 0;
      await expect(async () => {
        if (attempt++ > 0) {
          await navigateInApp(page, '/settings');
          await navigateInApp(page, DOMAINS_URL);
        }
        const table = page.getByRole('table');
        for (const domain of DEMO_DOMAINS) {
          await expect(
            table.getByRole('link', { name: domain, exact: true }),
          ).toBeVisible({ timeout: 5_000 });
        }
      }).toPass({ timeout: 60_000 });

      const slug = persona.displayName.toLowerCase().replace(/\W+/g, '-');
      await attachFullPageScreenshot(page, testInfo, `catalog-domains-${slug}`);

      await navigateInApp(page, '/settings');
      await expect(
        page.getByText(persona.displayName, { exact: true }).first(),
      ).toBeVisible();
    });
  });
}

import { expect, test, type Page } from '@playwright/test';
import {
  DATA_CITIZEN,
  PLATFORM_ENGINEER,
  attachFullPageScreenshot,
  navigateInApp,
  signInAs,
} from '../support/portal';

/**
 * Right after start-up the catalog may still be ingesting the demo entities;
 * reopen the page until the wanted text shows.
 */
async function openWhenIngested(
  page: Page,
  path: string,
  ready: () => Promise<void>,
) {
  let attempt = 0;
  await expect(async () => {
    if (attempt++ > 0) {
      await navigateInApp(page, '/settings');
    }
    await navigateInApp(page, path);
    await ready();
  }).toPass({ timeout: 90_000 });
}

test.describe('data products and contracts', () => {
  test('a data citizen finds data products by text and filter and sees a missing contract flagged', async ({
    page,
  }, testInfo) => {
    await signInAs(page, DATA_CITIZEN, '/data-products');
    await openWhenIngested(page, '/data-products', async () => {
      await expect(page.getByText('15 data products')).toBeVisible({
        timeout: 5_000,
      });
      await expect(
        page
          .getByRole('article', { name: 'Deal Fraud Scores' })
          .getByText('Contract valid'),
      ).toBeVisible({ timeout: 5_000 });
    });
    await expect(
      page
        .getByRole('article', { name: 'Campaign Performance' })
        .getByText('2 contract errors'),
    ).toBeVisible();
    await attachFullPageScreenshot(page, testInfo, 'data-product-explorer');

    await page.getByLabel('Search data products').fill('telemetry');
    await expect(page.getByText('Showing 2 of 15 data products')).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(page).toHaveURL(/q=telemetry/);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: /^Bronze \(\d+\)$/ }).click();
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(
      page.getByRole('article', { name: 'Web Clickstream' }),
    ).toBeVisible();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: 'Customer 360' }).click();
    const ports = page.getByRole('table', { name: 'Ports and contracts' });
    await expect(
      ports.getByText(
        'Contract api:default/loyalty-members is not in the catalog.',
      ),
    ).toBeVisible();
    await expect(ports.getByText('Missing', { exact: true })).toHaveCount(1);
    await expect(ports.getByText('Valid', { exact: true })).toHaveCount(4);
    await attachFullPageScreenshot(page, testInfo, 'data-product-customer-360');
  });

  test('an invalid contract shows its errors with their paths on its entity page', async ({
    page,
  }, testInfo) => {
    await signInAs(page, PLATFORM_ENGINEER);
    await openWhenIngested(
      page,
      '/catalog/default/api/campaign-performance',
      async () => {
        await expect(page.getByText('2 errors').first()).toBeVisible({
          timeout: 5_000,
        });
      },
    );
    // The overview reads as a summary: the raw YAML is on the contract's tabs.
    await expect(page.getByText('# INVALID ON PURPOSE')).toHaveCount(0);
    await attachFullPageScreenshot(page, testInfo, 'contract-invalid-overview');
    await navigateInApp(
      page,
      '/catalog/default/api/campaign-performance/contract',
    );
    await expect(
      page.getByText('This contract does not follow ODCS v3.1.0: 2 errors'),
    ).toBeVisible();
    await expect(
      page.getByText('/schema/0/properties/3/logicalTyp').first(),
    ).toBeVisible();
    await expect(
      page.getByText(/did you mean "logicalType"/).first(),
    ).toBeVisible();
    await expect(
      page.getByText('/schema/0/quality/1/dimension').first(),
    ).toBeVisible();
    await attachFullPageScreenshot(page, testInfo, 'contract-invalid');
  });

  test('the contract viewer reads a contract as a person does', async ({
    page,
  }, testInfo) => {
    await signInAs(page, DATA_CITIZEN);
    await openWhenIngested(
      page,
      '/catalog/default/api/deal-fraud-scores/contract',
      async () => {
        await expect(page.getByText('Valid ODCS v3.1.0 contract')).toBeVisible({
          timeout: 5_000,
        });
      },
    );
    await page.getByRole('tab', { name: 'Schema' }).click();
    await expect(page.getByText('fraud_score', { exact: true })).toBeVisible();
    await expect(page.getByText('confidential').first()).toBeVisible();
    await attachFullPageScreenshot(page, testInfo, 'contract-schema');
    await page.getByRole('tab', { name: 'SLA' }).click();
    await expect(
      page.getByRole('rowheader', { name: 'Retention' }),
    ).toBeVisible();
    await page.getByRole('tab', { name: /Raw/ }).click();
    await expect(page.getByText('apiVersion: v3.1.0').first()).toBeVisible();
  });

  test('the "Check a data contract" template reports errors before anything is registered', async ({
    page,
  }, testInfo) => {
    await signInAs(page, PLATFORM_ENGINEER);
    await openWhenIngested(page, '/create', async () => {
      await expect(page.getByText('Check a data contract')).toBeVisible({
        timeout: 5_000,
      });
    });
    // The card of this template: the innermost element holding both its
    // title and a Choose button (the template group holds every card).
    await page
      .locator('div')
      .filter({
        has: page.getByRole('heading', {
          name: 'Check a data contract',
          exact: true,
        }),
      })
      .filter({ has: page.getByRole('button', { name: 'Choose' }) })
      .last()
      .getByRole('button', { name: 'Choose' })
      .click();
    await page
      .getByRole('textbox', { name: /ODCS contract/ })
      .fill(
        [
          'apiVersion: v3.1.0',
          'kind: DataContract',
          'id: orders',
          'version: 1.0.0',
          'status: active',
          'schema:',
          '  - name: orders',
          '    properties:',
          '      - name: placed_at',
          '        logicalType: datetime',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByText(/Not valid\.\s*1 error/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page.getByText('/schema/0/properties/0/logicalType').first(),
    ).toBeVisible();
    await attachFullPageScreenshot(
      page,
      testInfo,
      'template-check-data-contract',
    );
  });
});

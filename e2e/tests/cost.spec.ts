import {
  expect,
  request as playwrightRequest,
  test,
  type Page,
} from '@playwright/test';
import {
  DATA_CITIZEN,
  FINANCE_DOMAIN_OWNER,
  PLATFORM_ENGINEER,
  attachFullPageScreenshot,
  navigateInApp,
  signInAs,
} from '../support/portal';

/**
 * Cost in Chromium, against the demo tenant of the local Azure endpoint:
 * sales is forecast over its budget, finance had a runaway job six days
 * ago (an anomaly), and the genai-pilot sandbox reaches its 500 USD cap
 * before the month ends. The platform team ranks the domains; a domain
 * owner sees their own domain's burn; a data citizen sees neither.
 */

const AZURE_ADMIN = `https://127.0.0.1:${
  process.env.LOCAL_AZURE_PORT ?? '7443'
}`;

function ranking(page: Page) {
  return page.getByRole('table', { name: 'Domains ranked by risk' });
}

/** The first refresh runs seconds after start; the page polls until it has figures. */
async function waitForFigures(page: Page) {
  await expect(ranking(page)).toContainText('Sales', { timeout: 90_000 });
  await expect(ranking(page)).toContainText('USD', { timeout: 90_000 });
}

test('the platform team sees domains ranked by risk, a trend and the alert feed', async ({
  page,
}, testInfo) => {
  await signInAs(page, PLATFORM_ENGINEER, '/cost');
  await expect(
    page.getByRole('heading', { name: 'Cost across the estate' }),
  ).toBeVisible();
  await waitForFigures(page);

  // Sales is forecast over its budget: the riskiest domain, first.
  const rows = ranking(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(rows.first()).toContainText('Sales');
  await expect(rows.first()).toContainText('Forecast over budget');
  await expect(page.getByText(/Cost data as of/).first()).toBeVisible();

  // A domain's trend: its daily and monthly cost.
  await page.getByRole('button', { name: 'Show the trend of finance' }).click();
  await expect(
    page.getByRole('img', { name: /finance/i }).first(),
  ).toBeVisible();

  // The feed narrowed to anomalies shows finance's runaway day.
  await page.getByRole('button', { name: /^Anomaly \(\d+\)$/ }).click();
  const feed = page.getByRole('list', { name: 'Cost alerts' });
  await expect(feed).toContainText(/was \d+(\.\d)?× the usual/);
  await expect(feed).toContainText('finance');
  await expect(feed).not.toContainText('budget-dp-domain-sales');
  await attachFullPageScreenshot(page, testInfo, 'cost-estate');
});

test("a domain owner sees their domain's burn against the budget, not the estate", async ({
  page,
}, testInfo) => {
  await signInAs(page, FINANCE_DOMAIN_OWNER, '/catalog/default/domain/finance');
  const gauge = page.getByRole('img', {
    name: /Month to date [\d,]+ USD of a 25,000 USD budget/,
  });
  await expect(gauge).toBeVisible({ timeout: 90_000 });
  await expect(
    page.getByText('Forecast at month end', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText(/Cost on \d{4}-\d{2}-\d{2} was/).first(),
  ).toBeVisible();
  const analysis = page.getByRole('link', {
    name: /Cost analysis in the Azure portal/,
  });
  await expect(analysis).toHaveAttribute(
    'href',
    /Microsoft_Azure_CostManagement\/Menu\/~\/costanalysis\/scope\/%2Fsubscriptions%2F45d320d6-9d7e-43c0-9d51-7ced0a5451d2/,
  );
  await attachFullPageScreenshot(page, testInfo, 'cost-finance-card');

  await navigateInApp(page, '/cost');
  await expect(
    page.getByText(
      'Only the platform team can see the cost of the whole estate',
    ),
  ).toBeVisible();
});

test("a data citizen is told who may see a domain's cost", async ({ page }) => {
  await signInAs(page, DATA_CITIZEN, '/catalog/default/domain/finance');
  await expect(
    page.getByText(
      'The cost of this domain is visible to its owners and the platform team only',
    ),
  ).toBeVisible({ timeout: 60_000 });
});

test('a sandbox shows its spend against the cap and the days until it', async ({
  page,
}) => {
  await signInAs(
    page,
    PLATFORM_ENGINEER,
    '/catalog/default/resource/sandbox-genai-pilot',
  );
  await expect(page.getByText(/^\d[\d,.]* USD of the 500 USD cap/)).toBeVisible(
    {
      timeout: 90_000,
    },
  );
  await expect(
    page.getByText(/days? until the cap|cap is reached/).first(),
  ).toBeVisible();
  await expect(page.getByText('31 Jan 2027')).toBeVisible();
});

test('an Azure fault leaves the last good figures marked stale; the next refresh recovers', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const azure = await playwrightRequest.newContext({
    baseURL: AZURE_ADMIN,
    ignoreHTTPSErrors: true,
  });
  await signInAs(page, PLATFORM_ENGINEER, '/cost');
  await waitForFigures(page);
  const fault = await azure.post('/_admin/faults', {
    data: {
      method: 'POST',
      path: 'Microsoft\\.CostManagement/query',
      kind: 'error',
      status: 500,
    },
  });
  expect(fault.status()).toBe(201);
  const stale = page.getByText(
    'Stale: the last refresh could not read everything from Azure',
  );
  try {
    // The SDK retries a 500 a few times with backoff before the part fails.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect(stale.first()).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
    await expect(
      page.getByRole('list', { name: 'Why the data is stale' }).first(),
    ).toContainText('usage:');
    // The figures stay: the last good snapshot is still served.
    await expect(ranking(page)).toContainText('USD');
    await attachFullPageScreenshot(page, testInfo, 'cost-stale');
  } finally {
    await azure.delete('/_admin/faults');
    await azure.dispose();
  }
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(stale).toHaveCount(0, { timeout: 10_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
});

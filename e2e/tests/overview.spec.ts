import {
  expect,
  request as playwrightRequest,
  test,
  type Page,
  type TestInfo,
} from '@playwright/test';
import {
  DATA_CITIZEN,
  FINANCE_DOMAIN_OWNER,
  PLATFORM_ENGINEER,
  navigateInApp,
  signInAs,
} from '../support/portal';

/**
 * The combined view in Chromium: each persona lands on its own page after
 * signing in at `/`; from the platform home a cell leads to a domain's cost
 * and health details. Screenshots are taken at the 1400×900 viewport and
 * kept with the test's results.
 */

async function viewportScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

const AZURE_ADMIN = `https://127.0.0.1:${
  process.env.LOCAL_AZURE_PORT ?? '7443'
}`;

function domainsTable(page: Page) {
  return page.getByRole('table', { name: 'Domains' });
}

function domainRows(page: Page) {
  return domainsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

function rowOf(page: Page, title: string) {
  return domainRows(page).filter({
    has: page.getByRole('link', { name: title, exact: true }),
  });
}

/** The overview polls the plugins every few seconds after start; wait for its figures. */
async function waitForCost(page: Page, title: string) {
  await expect(
    rowOf(page, title).getByRole('link', { name: /^Cost: (?!Unavailable)/ }),
  ).toBeVisible({ timeout: 90_000 });
}

test('the platform team lands on the platform home and follows a domain to its cost and health', async ({
  page,
}, testInfo) => {
  await signInAs(page, PLATFORM_ENGINEER);
  await expect(page).toHaveURL(/\/platform$/);
  await expect(
    page.getByRole('heading', { name: 'Platform home' }),
  ).toBeVisible();

  // Every demo domain, one column per concern, counts on top.
  await expect(domainRows(page)).toHaveCount(6, { timeout: 60_000 });
  for (const column of [
    'Health',
    'Cost',
    'Retention',
    'Contracts',
    'Sandboxes',
  ]) {
    await expect(
      domainsTable(page).getByRole('columnheader', { name: column }),
    ).toBeVisible();
  }
  await expect(page.getByRole('list', { name: 'Counts' })).toContainText(
    'Domains',
  );
  await waitForCost(page, 'Sales');

  // Worst first: the first row needs attention, the last does not need more.
  const first = domainRows(page).first();
  await expect(first.getByRole('link').first()).toBeVisible();
  await viewportScreenshot(page, testInfo, 'platform-team-platform-home');

  // Sales is forecast over its budget: its Cost cell says so and leads to the Cost tab.
  const salesCost = rowOf(page, 'Sales').getByRole('link', { name: /^Cost:/ });
  await expect(salesCost).toHaveAccessibleName(
    /Forecast 1\d\d(\.\d)?% of budget/,
  );
  await salesCost.click();
  await expect(page).toHaveURL(/\/catalog\/default\/domain\/sales\/cost$/);
  await expect(page.getByRole('heading', { name: 'This month' })).toBeVisible({
    timeout: 60_000,
  });
  await viewportScreenshot(page, testInfo, 'platform-team-sales-cost');

  // Back on the platform home, Human Resources' health leads to its Health tab.
  await page.goBack();
  await expect(domainRows(page)).toHaveCount(6);
  await rowOf(page, 'Human Resources')
    .getByRole('link', { name: /^Health:/ })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/domain\/hr\/health$/);
  await expect(
    page.getByRole('heading', { name: 'Health of Human Resources' }),
  ).toBeVisible({ timeout: 60_000 });
  await viewportScreenshot(page, testInfo, 'platform-team-hr-health');
});

test('a domain owner lands on my domains and sees only their own domain on the platform home', async ({
  page,
}, testInfo) => {
  await signInAs(page, FINANCE_DOMAIN_OWNER);
  await expect(page).toHaveURL(/\/my-domains$/);
  await expect(page.getByRole('heading', { name: 'My domains' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Concerns of Finance' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Sales', { exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: 'Requests in progress' }),
  ).toBeVisible();
  await viewportScreenshot(page, testInfo, 'domain-owner-my-domains');

  // The platform home lists the one domain Fatima's group owns.
  await navigateInApp(page, '/platform');
  await expect(domainRows(page)).toHaveCount(1, { timeout: 60_000 });
  await expect(rowOf(page, 'Finance')).toBeVisible();
  await waitForCost(page, 'Finance');
  await viewportScreenshot(page, testInfo, 'domain-owner-platform-home');

  // Finance's cost detail, then its health detail.
  await rowOf(page, 'Finance')
    .getByRole('link', { name: /^Cost:/ })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/domain\/finance\/cost$/);
  await expect(page.getByRole('heading', { name: 'This month' })).toBeVisible({
    timeout: 60_000,
  });
  await viewportScreenshot(page, testInfo, 'domain-owner-finance-cost');
  await page.goBack();
  await rowOf(page, 'Finance')
    .getByRole('link', { name: /^Health:/ })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/domain\/finance\/health$/);
  await viewportScreenshot(page, testInfo, 'domain-owner-finance-health');

  // The Domain page opens with the domain at a glance.
  await navigateInApp(page, '/catalog/default/domain/finance');
  await expect(page.getByText('At a glance')).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .getByRole('link', { name: /Subscription in the Azure portal/ })
      .first(),
  ).toHaveAttribute(
    'href',
    /portal\.azure\.com\/.*45d320d6-9d7e-43c0-9d51-7ced0a5451d2/,
  );
  await viewportScreenshot(page, testInfo, 'domain-owner-finance-domain-page');
});

test('a data citizen lands on the data product explorer and sees no domain rows', async ({
  page,
}, testInfo) => {
  await signInAs(page, DATA_CITIZEN);
  await expect(page).toHaveURL(/\/data-products$/);
  await viewportScreenshot(page, testInfo, 'data-citizen-data-products');

  await navigateInApp(page, '/platform');
  const empty = page.getByRole('region', { name: 'No domains' });
  await expect(empty).toBeVisible({ timeout: 60_000 });
  await expect(domainsTable(page)).toHaveCount(0);
  await viewportScreenshot(page, testInfo, 'data-citizen-platform-home');

  // A domain's page is open to everyone; its cost is not.
  await navigateInApp(page, '/catalog/default/domain/sales');
  await expect(page.getByText('At a glance')).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(
      'Cost is visible to Sales Domain Owners and the platform team.',
    ),
  ).toBeVisible();
  await viewportScreenshot(page, testInfo, 'data-citizen-sales-domain-page');
});

test('when cost data goes stale its column says so and the rest of the platform home works', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const azure = await playwrightRequest.newContext({
    baseURL: AZURE_ADMIN,
    ignoreHTTPSErrors: true,
  });
  await signInAs(page, PLATFORM_ENGINEER, '/cost');
  await expect(
    page.getByRole('table', { name: 'Domains ranked by risk' }),
  ).toContainText('USD', { timeout: 90_000 });
  const costStale = page.getByText(
    'Stale: the last refresh could not read everything from Azure',
  );
  const fault = await azure.post('/_admin/faults', {
    data: {
      method: 'POST',
      path: 'Microsoft\\.CostManagement/query',
      kind: 'error',
      status: 500,
    },
  });
  expect(fault.status()).toBe(201);
  try {
    // The cost plugin keeps its last good figures and marks them stale.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect(costStale.first()).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });

    // The platform home's next poll carries that into the Cost column only.
    await navigateInApp(page, '/platform');
    const sources = page.getByRole('list', { name: 'Sources' });
    await expect(
      sources.getByRole('listitem').filter({ hasText: /^Cost: stale/ }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      sources.getByRole('listitem').filter({ hasText: /^Health/ }),
    ).toHaveAttribute('data-state', 'ok');
    await expect(domainRows(page)).toHaveCount(6);
    const salesCost = rowOf(page, 'Sales').getByRole('link', {
      name: /^Cost:/,
    });
    await expect(salesCost).toHaveAccessibleName(
      /Forecast 1\d\d(\.\d)?% of budget/,
    );
    await expect(salesCost.getByTestId('stale-marker')).toBeVisible();
    await expect(
      rowOf(page, 'Sales').getByRole('link', { name: /^Health:/ }),
    ).toBeVisible();
    await viewportScreenshot(page, testInfo, 'platform-team-cost-stale');
  } finally {
    await azure.delete('/_admin/faults');
    await azure.dispose();
  }
  // Recovered: a good refresh clears the mark on the next poll.
  await navigateInApp(page, '/cost');
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(costStale).toHaveCount(0, { timeout: 10_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await navigateInApp(page, '/platform');
  await expect(
    page
      .getByRole('list', { name: 'Sources' })
      .getByRole('listitem')
      .filter({ hasText: /^Cost/ }),
  ).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
});

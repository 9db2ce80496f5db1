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
 * Health in Chromium, against the demo scenario of the local Azure endpoint:
 * the platform page ranks every domain worst first, a domain's owner can
 * open a signal down to its KQL query while a data citizen cannot, and a
 * change of what Azure Monitor reports reaches the domain's card.
 */

const SEVERITY = { Unhealthy: 3, Degraded: 2, Unknown: 1, Healthy: 0 } as const;
type StateLabel = keyof typeof SEVERITY;

const AZURE_ADMIN = `https://127.0.0.1:${
  process.env.LOCAL_AZURE_PORT ?? '7443'
}`;
const HR_LAKE =
  '/subscriptions/60e9f4aa-84c0-4103-b35e-39abddbf9406/resourceGroups/rg-hr-data-prod/providers/Microsoft.Storage/storageAccounts/sthrdata';

async function openHealthTab(page: Page, domain: string) {
  await navigateInApp(page, `/catalog/default/domain/${domain}/health`);
  await expect(
    page.getByRole('heading', { name: new RegExp(`^Health of `) }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Expand all' }).click();
}

test('the platform team sees every domain, worst first', async ({
  page,
}, testInfo) => {
  await signInAs(page, PLATFORM_ENGINEER, '/health');
  await expect(
    page.getByRole('heading', { name: 'Platform health' }),
  ).toBeVisible();
  const domains = page.getByRole('table', { name: 'Domains' });
  const rows = domains.getByRole('row').filter({ has: page.getByRole('cell') });
  // The first evaluation runs as soon as the catalog has the demo domains.
  await expect(rows).toHaveCount(6, { timeout: 90_000 });

  // The scenario: marketing's clickstream landing has gone silent, and the
  // CRM sync of sales lags behind its freshness target.
  await expect(rows.filter({ hasText: 'Marketing' })).toContainText('Unknown');
  await expect(rows.filter({ hasText: 'Sales' })).toContainText('Degraded');
  await expect(rows.filter({ hasText: 'Human Resources' })).toContainText(
    'Healthy',
  );

  const states: StateLabel[] = [];
  for (const row of await rows.all()) {
    const text = await row.innerText();
    const label = (Object.keys(SEVERITY) as StateLabel[]).find(s =>
      text.includes(s),
    );
    expect(label, `a state in "${text}"`).toBeDefined();
    states.push(label!);
  }
  const severities = states.map(s => SEVERITY[s]);
  expect(severities).toEqual([...severities].sort((a, b) => b - a));

  await page.getByText(/^Data products \(\d+\)$/).click();
  await expect(
    page.getByRole('table', { name: 'Data products' }).getByRole('row', {
      name: /Web Clickstream/,
    }),
  ).toContainText('Unknown');
  await attachFullPageScreenshot(page, testInfo, 'platform-health');
});

test("a domain owner sees a signal's query; a data citizen sees its state only", async ({
  browser,
}, testInfo) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInAs(owner, FINANCE_DOMAIN_OWNER);
  await openHealthTab(owner, 'finance');
  const tree = owner.getByRole('list', { name: 'Health model' });
  await tree.getByRole('button', { name: 'Failed pipeline runs' }).click();
  const details = owner.getByRole('region', { name: 'Signal details' });
  await expect(details.getByLabel('KQL query')).toContainText('ADFPipelineRun');
  const portal = details.getByRole('link', { name: /Open in Azure portal/ });
  await expect(portal).toHaveAttribute(
    'href',
    /^https:\/\/portal\.azure\.com\/#@.+\/resource\/subscriptions\/45d320d6-9d7e-43c0-9d51-7ced0a5451d2\/.*workspaces\/log-dp-finance\/logs$/,
  );
  await attachFullPageScreenshot(owner, testInfo, 'finance-health-owner');
  await ownerContext.close();

  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  await signInAs(citizen, DATA_CITIZEN);
  await openHealthTab(citizen, 'finance');
  await citizen
    .getByRole('list', { name: 'Health model' })
    .getByRole('button', { name: 'Failed pipeline runs' })
    .click();
  const hidden = citizen.getByRole('region', { name: 'Signal details' });
  await expect(hidden).toContainText(
    'Queries and model definitions are visible to the owners and the platform team',
  );
  await expect(hidden.getByLabel('KQL query')).toHaveCount(0);
  await expect(citizen.locator('body')).not.toContainText('ADFPipelineRun');
  await attachFullPageScreenshot(citizen, testInfo, 'finance-health-citizen');
  await citizenContext.close();
});

test('what Azure Monitor reports reaches the domain card', async ({
  page,
}, testInfo) => {
  // Up to one evaluation interval (60 s) plus the card's next look.
  test.setTimeout(240_000);
  const azure = await playwrightRequest.newContext({
    baseURL: AZURE_ADMIN,
    ignoreHTTPSErrors: true,
  });
  const scenario = await (await azure.get('/_admin/monitor/scenario')).json();
  const original = scenario.metrics.find(
    (m: { resourceId: string; metric: string }) =>
      m.resourceId.toLowerCase() === HR_LAKE.toLowerCase() &&
      m.metric === 'Availability',
  );
  expect(original, 'the demo scenario scripts the HR lake').toBeDefined();
  const { value: _value, ...script } = original;
  try {
    const put = await azure.put('/_admin/monitor/metrics', {
      data: { ...script, script: { baseline: 95 } },
    });
    expect(put.status()).toBe(200);

    await signInAs(page, PLATFORM_ENGINEER);
    await expect(async () => {
      // Leave and come back: the card loads afresh when it mounts.
      await navigateInApp(page, '/health');
      await navigateInApp(page, '/catalog/default/domain/hr');
      const attention = page.getByRole('list', {
        name: 'What needs attention',
      });
      await expect(attention).toContainText('Storage availability', {
        timeout: 5_000,
      });
      await expect(attention).toContainText('95', { timeout: 1_000 });
    }).toPass({ timeout: 200_000, intervals: [5_000] });
    await attachFullPageScreenshot(page, testInfo, 'hr-unhealthy-card');
  } finally {
    await azure.put('/_admin/monitor/metrics', { data: script });
    await azure.dispose();
  }
});

test('a broken model shows its errors on its page; the rest keeps its states', async ({
  page,
}, testInfo) => {
  // catalog/health/sales-bookings-legacy.health.yaml is broken on purpose.
  await signInAs(
    page,
    DATA_CITIZEN,
    '/catalog/default/dataproduct/sales-bookings-legacy',
  );
  const errors = page.getByRole('list', { name: 'Model errors' }).first();
  await expect(errors).toContainText(
    '/spec/components/0/signals/0/aggregation',
    { timeout: 90_000 },
  );
  await expect(errors).toContainText(
    'must be one of average, minimum, maximum, total, count',
  );
  await expect(errors).toContainText(
    '/spec/components/0/signals/0/treshold: unknown key; allowed keys are',
  );
  await attachFullPageScreenshot(page, testInfo, 'broken-model');

  // Its sibling in the same domain is still evaluated from its own model.
  await navigateInApp(page, '/catalog/default/dataproduct/crm-opportunities');
  await expect(
    page.getByRole('list', { name: 'What needs attention' }),
  ).toContainText('Freshness');
});

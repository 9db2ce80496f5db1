import fs from 'node:fs/promises';
import {
  expect,
  request as playwrightRequest,
  test,
  type Page,
} from '@playwright/test';
import {
  DATA_CITIZEN,
  PLATFORM_ENGINEER,
  attachFullPageScreenshot,
  navigateInApp,
  signInAs,
} from '../support/portal';

/**
 * Retention in Chromium, against the demo estate of the local Azure
 * endpoint: HR left its AuditLogs table at the 30-day workspace default,
 * sales deletes bronze after 7 years, operations-iot's audit container
 * has an unlocked immutability policy and marketing keeps its data in one
 * region only. The platform team sees all of it worst first and exports it;
 * a domain page shows the timeline and what to change.
 */

const AZURE_ADMIN = `https://127.0.0.1:${
  process.env.LOCAL_AZURE_PORT ?? '7443'
}`;

function findingsTable(page: Page) {
  return page.getByRole('table', { name: 'Findings' });
}

test('the platform team sees every violation worst first and exports them as CSV', async ({
  page,
}, testInfo) => {
  await signInAs(page, PLATFORM_ENGINEER, '/retention');
  await expect(
    page.getByRole('heading', { name: 'Retention across the estate' }),
  ).toBeVisible();
  const table = findingsTable(page);
  // The first scan runs a few seconds after the catalog has the domains.
  await expect(table).toContainText('log-dp-hr / AuditLogs', {
    timeout: 90_000,
  });
  await expect(table).toContainText('stsalesdata / bronze');
  await expect(table).toContainText('stopsiotaudit / audit');

  // Worst first: the first finding row is a violation, and no violation
  // comes after an at-risk one.
  const verdicts = await table
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .evaluateAll(rows =>
      rows
        .map(r => r.textContent ?? '')
        .map(t =>
          /Violation/.test(t)
            ? 3
            : /At risk/i.test(t)
            ? 2
            : /Unknown/.test(t)
            ? 1
            : /Compliant/.test(t)
            ? 0
            : -1,
        )
        .filter(v => v >= 0),
    );
  expect(verdicts[0]).toBe(3);
  expect(verdicts).toEqual([...verdicts].sort((a, b) => b - a));
  await attachFullPageScreenshot(page, testInfo, 'retention-estate');

  const downloadStarted = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toMatch(
    /^retention-findings-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = await fs.readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe(
    'verdict,domain,entity,area,check,category,resource,resource_id,required,actual,required_days,actual_days,reason,remediation,warning,source,portal_url',
  );
  const hr = lines.find(l => l.includes('log-dp-hr / AuditLogs'));
  expect(hr).toMatch(/^violation,domain:default\/hr,domain:default\/hr,/);
  expect(hr).toContain(',3650,30,');
  expect(lines.some(l => l.startsWith('compliant,'))).toBe(false);
});

test('a domain shows what it keeps, the timeline and what to change', async ({
  page,
}, testInfo) => {
  await signInAs(page, PLATFORM_ENGINEER, '/catalog/default/domain/hr');
  const card = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Retention', exact: true }),
  });
  await expect(card).toContainText('Violation', { timeout: 90_000 });
  await expect(card).toContainText('AuditLogs');

  await navigateInApp(page, '/catalog/default/domain/hr/retention');
  await expect(
    page.getByRole('heading', { name: 'Retention of Human Resources' }),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', {
      name: 'Timeline of Audit trails in Log Analytics on log-dp-hr / AuditLogs',
    }),
  ).toBeVisible();
  const findings = page.getByRole('table', { name: 'Retention findings' });
  const auditLogs = findings
    .getByRole('row')
    .filter({ hasText: 'Total retention' })
    .filter({ hasText: 'log-dp-hr / AuditLogs' });
  await expect(auditLogs).toContainText('30 days (workspace default)');
  await expect(auditLogs).toContainText('3,650 days');
  await expect(findings).toContainText(
    'Set totalRetentionInDays of table AuditLogs in workspace log-dp-hr to 3650',
  );
  await attachFullPageScreenshot(page, testInfo, 'retention-hr-tab');

  // A data product's card compares its contract with Azure.
  await navigateInApp(page, '/catalog/default/dataproduct/audit-trail');
  const contractCard = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Retention vs contract' }),
  });
  await expect(contractCard).toContainText('Contract requires');
  await expect(contractCard).toContainText('3,650 days');
});

test('a data citizen is told who may see the estate', async ({ page }) => {
  await signInAs(page, DATA_CITIZEN, '/retention');
  await expect(
    page.getByText(
      'Only the platform team can see retention across the estate',
    ),
  ).toBeVisible();
});

test('an Azure fault turns findings unknown with what was last known; a rescan recovers', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const azure = await playwrightRequest.newContext({
    baseURL: AZURE_ADMIN,
    ignoreHTTPSErrors: true,
  });
  await signInAs(page, PLATFORM_ENGINEER, '/retention');
  const table = findingsTable(page);
  await expect(table).toContainText('log-dp-hr / AuditLogs', {
    timeout: 90_000,
  });
  const fault = await azure.post('/_admin/faults', {
    data: {
      method: 'GET',
      path: 'log-dp-hr/tables$',
      kind: 'error',
      status: 500,
    },
  });
  expect(fault.status()).toBe(201);
  try {
    await page.getByRole('button', { name: 'Scan now' }).click();
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      const row = table
        .getByRole('row')
        .filter({ hasText: 'log-dp-hr / AuditLogs' })
        .first();
      await expect(row).toContainText('Unknown', { timeout: 3_000 });
    }).toPass({ timeout: 60_000, intervals: [3_000] });
    await expect(table).toContainText('Last known');
    await attachFullPageScreenshot(page, testInfo, 'retention-fault');
  } finally {
    await azure.delete('/_admin/faults');
    await azure.dispose();
  }
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = table
      .getByRole('row')
      .filter({ hasText: 'log-dp-hr / AuditLogs' })
      .first();
    await expect(row).toContainText('Violation', { timeout: 3_000 });
  }).toPass({ timeout: 60_000, intervals: [3_000] });
});

import {
  expect,
  test,
  type Browser,
  type Page,
  type TestInfo,
} from '@playwright/test';
import {
  FINANCE_DOMAIN_OWNER,
  PLATFORM_ENGINEER,
  attachFullPageScreenshot,
  navigateInApp,
  signInAs,
  type Persona,
} from '../support/portal';

/**
 * Self-service provisioning in Chromium: a domain owner requests a domain,
 * a platform engineer approves it and the domain appears with its
 * subscription; a sandbox lease shows its expiry; a data product created
 * from the form shows up in the explorer. Names carry a per-attempt suffix so
 * that a retried test never collides with what an earlier attempt created.
 */

const suffix = () => Date.now().toString(36).slice(-6);

async function personaPage(browser: Browser, persona: Persona, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, persona, path);
  return page;
}

/** Picks an option of an MUI select or autocomplete by its label. */
async function choose(page: Page, label: string | RegExp, option: string) {
  await page.getByLabel(label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Chooses a catalog entity in an Owner/EntityPicker field by typing part of its title. */
async function pickEntity(page: Page, label: string | RegExp, title: string) {
  const field = page.getByRole('textbox', { name: label });
  await field.click();
  await field.fill(title);
  await page
    .getByRole('option', { name: new RegExp(title) })
    .first()
    .click();
}

/** The form's forward button: Next between pages, Review on the last one. */
async function next(page: Page) {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
}

/**
 * Submits the review step and waits for the task to finish: the output's
 * first link appears only when every step has.
 */
async function createAndWait(
  page: Page,
  testInfo: TestInfo,
  outputLink: string,
  shot: string,
) {
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await expect(page.getByRole('link', { name: outputLink })).toBeVisible({
    timeout: 60_000,
  });
  await attachFullPageScreenshot(page, testInfo, shot);
}

test.describe('self-service provisioning', () => {
  test('a domain owner requests a domain; a platform engineer approves it; it appears with its subscription', async ({
    browser,
  }, testInfo) => {
    const name = `e2e-${suffix()}`;
    const owner = await personaPage(
      browser,
      FINANCE_DOMAIN_OWNER,
      '/create/templates/default/request-data-domain',
    );

    // A region outside the residency cannot even be offered: the EU list has
    // only EU regions.
    await owner.getByLabel('Domain name').fill(name);
    await owner.getByLabel('Display title').fill(`E2E ${name}`);
    await owner
      .getByLabel('Description')
      .fill('Treasury positions and FX exposure, requested by the e2e test.');
    await pickEntity(owner, 'Owner group', 'Finance Domain Owners');
    await owner.getByLabel('Cost center').fill('CC-1011');
    await next(owner);
    await choose(owner, 'Data residency', 'European Union');
    await owner.getByLabel('Primary region').click();
    await expect(
      owner.getByRole('option', { name: /^West Europe/ }),
    ).toBeVisible();
    await expect(owner.getByRole('option', { name: /US|Brazil/ })).toHaveCount(
      0,
    );
    await owner
      .getByRole('option', { name: /^North Europe \(Ireland\)/ })
      .click();
    await next(owner);
    await owner.getByLabel('Monthly budget').fill('2500');
    await next(owner);
    await createAndWait(
      owner,
      testInfo,
      'Follow your request',
      'domain-request-submitted',
    );
    await expect(
      owner.getByText('is waiting for approval by the platform team'),
    ).toBeVisible();

    // The platform engineer approves it on the Provisioning page.
    const platform = await personaPage(
      browser,
      PLATFORM_ENGINEER,
      '/provisioning/domain-requests',
    );
    await platform.getByRole('link', { name: `E2E ${name}` }).click();
    await expect(platform.getByText('Pending approval').first()).toBeVisible();
    await expect(platform.getByText(`dp-domain-${name}`).first()).toBeVisible();
    await platform.getByRole('button', { name: 'Approve' }).click();
    await expect(platform.getByText('Provisioned').first()).toBeVisible({
      timeout: 60_000,
    });
    await expect(platform.getByText(/Approved by/).first()).toBeVisible();
    await attachFullPageScreenshot(
      platform,
      testInfo,
      'domain-request-provisioned',
    );
    const provisioned = await platform
      .getByText(/^Subscription [0-9a-f]{8}-/)
      .first()
      .textContent();
    const subscriptionId = provisioned?.match(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    )?.[0];
    expect(subscriptionId).toBeTruthy();

    // The domain is in the catalog with that subscription and who approved it.
    await expect(async () => {
      await navigateInApp(platform, '/settings');
      await navigateInApp(platform, `/catalog/default/domain/${name}`);
      await expect(
        platform.getByRole('heading', { name: `E2E ${name}` }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(platform.getByText(subscriptionId!).first()).toBeVisible();
    await expect(platform.getByText('Priya Patel').first()).toBeVisible();
    await attachFullPageScreenshot(platform, testInfo, 'provisioned-domain');
  });

  test('a domain owner leases a sandbox and sees when it expires', async ({
    browser,
  }, testInfo) => {
    const name = `lab-${suffix()}`;
    const owner = await personaPage(
      browser,
      FINANCE_DOMAIN_OWNER,
      '/create/templates/default/lease-innovation-sandbox',
    );
    await owner.getByLabel('Sandbox name').fill(name);
    await owner
      .getByLabel('Purpose')
      .fill('Try a forecasting model on anonymised treasury data.');
    await pickEntity(owner, 'Owner group', 'Finance Domain Owners');
    await owner.getByLabel('Cost center').fill('CC-1010');
    await choose(owner, 'Data residency', 'European Union');
    await next(owner);
    await owner.getByLabel('Duration (days)').fill('20');
    await owner.getByLabel('Budget cap').fill('400');
    await next(owner);
    await createAndWait(
      owner,
      testInfo,
      'Open the sandbox',
      'sandbox-lease-created',
    );

    const expiry = new Date(Date.now() + 20 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await expect(owner.getByText(expiry).first()).toBeVisible();

    await navigateInApp(owner, '/provisioning/sandbox-leases');
    const row = owner.getByRole('row', { name: new RegExp(name) });
    await expect(row.getByText('Active')).toBeVisible();
    await expect(row.getByText('20 days left')).toBeVisible();
    await attachFullPageScreenshot(owner, testInfo, 'sandbox-leases');
  });

  test('a domain owner creates a data product and finds it in the explorer', async ({
    browser,
  }, testInfo) => {
    const name = `payouts-${suffix()}`;
    const owner = await personaPage(
      browser,
      FINANCE_DOMAIN_OWNER,
      '/create/templates/default/create-data-product',
    );
    await pickEntity(owner, 'Domain', 'Finance');
    await owner.getByRole('textbox', { name: /^Name/ }).fill(name);
    await owner.getByLabel('Display title').fill(`Payouts ${name}`);
    await owner
      .getByLabel('Description')
      .fill('Every supplier payout with its amount and value date.');
    await pickEntity(owner, 'Owner group', 'Finance Domain Owners');
    await choose(owner, 'Data residency', 'European Union');
    await next(owner);
    await owner.getByLabel('Table name').fill('payouts');
    // The list starts with one column (minItems 1).
    await owner.getByLabel('Column').first().fill('payout_id');
    await next(owner);
    await next(owner);
    await createAndWait(
      owner,
      testInfo,
      'Open the data product',
      'data-product-created',
    );

    await expect(async () => {
      await navigateInApp(owner, '/settings');
      await navigateInApp(owner, `/data-products?q=${name}`);
      await expect(
        owner.getByRole('article', { name: `Payouts ${name}` }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(
      owner
        .getByRole('article', { name: `Payouts ${name}` })
        .getByText('Contract valid'),
    ).toBeVisible();
    await attachFullPageScreenshot(owner, testInfo, 'data-product-in-explorer');
  });
});

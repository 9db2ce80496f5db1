import { expect, test } from '@playwright/test';
import { DATA_CITIZEN, PLATFORM_ENGINEER, signInAs } from '../support/portal';

test('a platform engineer sees the Azure estate of the local demo tenant', async ({
  page,
}) => {
  await signInAs(page, PLATFORM_ENGINEER, '/azure-estate');
  await expect(
    page.getByRole('heading', { name: 'Azure estate', exact: true }).first(),
  ).toBeVisible();
  // A subscription of the demo tenant, by display name.
  await expect(page.getByText('dp-domain-finance').first()).toBeVisible();
  await expect(
    page
      .getByText('Local demo tenant')
      .or(page.getByLabel('Local demo tenant'))
      .first(),
  ).toBeVisible();
});

test('a data citizen is told who may see the Azure estate', async ({
  page,
}) => {
  await signInAs(page, DATA_CITIZEN, '/azure-estate');
  await expect(
    page.getByText(
      'You need to be in the platform team or a domain owner group to see the Azure estate.',
    ),
  ).toBeVisible();
  await expect(page.getByText('dp-domain-finance')).toHaveCount(0);
});

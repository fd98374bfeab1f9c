import { expect, test } from '@playwright/test';
import { STAFF } from './helpers';

// This file runs in the project without JavaScript: plain HTML forms must carry the core journey.
test('log in and log out work without JavaScript', async ({ page }) => {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(STAFF.email);
  await page.getByLabel('Passwort', { exact: true }).fill(STAFF.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByText(`Willkommen, ${STAFF.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
});

test('a failed log-in without JavaScript shows the German error once', async ({ page }) => {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(STAFF.email);
  await page.getByLabel('Passwort', { exact: true }).fill('falsches-passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch');
  await page.reload();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

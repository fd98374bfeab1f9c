import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, login, visit } from './helpers';

test('public pages have no serious accessibility violations', async ({ page }) => {
  for (const path of ['/', '/anmelden', '/einladung/unbekannt', '/gibt-es-nicht', '/konto']) {
    await visit(page, path);
    await expectAccessible(page);
  }
});

test('pages of a signed-in coordinator have no serious accessibility violations', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  // /prozesse/1 is the example process of the demo data.
  for (const path of ['/', '/konto', '/admin/benutzer', '/prozesse/1']) {
    await visit(page, path);
    await expectAccessible(page);
  }
  // With an invitation link and an open confirmation on screen.
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill('Axel Axe');
  await page.getByLabel('E-Mail-Adresse').fill(`axe-${Date.now()}@beispiel.de`);
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  await expect(page.getByTestId('invitation-link')).toBeVisible();
  await page.getByRole('row', { name: /Axel Axe/ }).getByText('Deaktivieren', { exact: true }).click();
  await expectAccessible(page);
});

test('the unknown page is a German 404', async ({ page }) => {
  const response = await page.goto('/gibt-es-nicht');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
});

test('the skip link moves keyboard focus to the content', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
});

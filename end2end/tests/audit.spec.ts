import { test, expect } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, login, visit } from './helpers';

// The audit log: the coordinator reads the demo's entries, filters them and verifies the chain;
// staff are refused.

test('the coordinator opens the audit log, filters by action and verifies the chain', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.getByRole('navigation').getByRole('link', { name: 'Audit-Protokoll' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit-Protokoll' })).toBeVisible();
  const rows = page.locator('table.audit-log tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  await expectAccessible(page);

  await page.getByLabel('Aktion', { exact: true }).selectOption({ label: 'Diskursrunde eröffnet' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/aktion=round\.opened/);
  await expect(rows.first()).toContainText('Diskursrunde eröffnet');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i)).toContainText('Diskursrunde eröffnet');
  }
  await expect(page.locator('table.audit-log')).not.toContainText('Version veröffentlicht');

  await page.getByRole('button', { name: 'Kette prüfen' }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('Die Kette ist intakt');
  await expect(result).toContainText('Einträge geprüft');
  await expect(result.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
  // The filter stays while verifying.
  await expect(page).toHaveURL(/aktion=round\.opened/);
  await expectAccessible(page);
});

test('staff get the 403 page for the audit log', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Audit-Protokoll' })).toHaveCount(0);
  const response = await visit(page, '/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
  await expect(page.locator('table.audit-log')).toHaveCount(0);
  await expectAccessible(page);
});

import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, hydrated, login, logout, visit } from './helpers';

test('a coordinator creates a process, appoints the group, and it moves through the steps', async ({ page }) => {
  const title = `KI-Leitlinie ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Kurzbeschreibung (optional)').fill('Unsere gemeinsame Leitlinie für KI im Alltag.');
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole('list', { name: 'Schritte des Prozesses' }).locator('[aria-current="step"]')).toContainText('Sammeln');

  // The empty group warns.
  await expect(page.getByRole('note')).toContainText('noch keine Mitglieder');
  await page.getByLabel('E-Mail-Adresse der Person').fill(STAFF.email);
  await page.getByLabel('Perspektive').selectOption({ label: 'Kritiker:in' });
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: /Sam Mitarbeit/ })).toContainText('Kritiker:in');
  await expect(page.getByRole('note')).toContainText('wenig technikaffin');
  await expectAccessible(page);

  // Forward, after confirming.
  await page.getByText('Weiter zu: 2. Entwurf').click();
  await page.getByRole('button', { name: 'Ja, weiter: Entwurf' }).click();
  await expect(page.locator('[aria-current="step"]')).toContainText('Entwurf');
  await expect(page.getByRole('list').filter({ hasText: 'Sammeln → Entwurf' })).toBeVisible();

  // Back needs a reason; it shows in the timeline.
  await page.getByText('Einen Schritt zurückgehen').click();
  await page.getByLabel('Begründung').fill('Es fehlen noch Erfahrungen aus der Pflege.');
  await page.getByRole('button', { name: 'Zurückgehen' }).click();
  await expect(page.locator('[aria-current="step"]')).toContainText('Sammeln');
  await expect(page.getByText('Begründung: Es fehlen noch Erfahrungen aus der Pflege.')).toBeVisible();
  await logout(page);

  // Staff see the process on the dashboard and its page, without step controls.
  await login(page, STAFF.email, STAFF.password);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Sie gehören zur Projektgruppe.')).toBeVisible();
  await expectAccessible(page);
});

test('staff without a group role see no step or group controls', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const title = `Leitlinie ohne Rolle ${Date.now()}`;
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const url = page.url();
  await logout(page);
  await login(page, STAFF.email, STAFF.password);
  await visit(page, new URL(url).pathname);
  await expect(page.getByRole('heading', { name: 'Schritt wechseln' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'In die Projektgruppe berufen' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Projektgruppe' })).toBeVisible();
  // The working draft belongs to the project group: no tab for others.
  const tabs = page.getByRole('navigation', { name: 'Bereiche des Prozesses' });
  await expect(tabs.getByRole('link', { name: 'Versionen' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Entwurf' })).toHaveCount(0);
});

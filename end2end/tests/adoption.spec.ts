import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, addBody, decide, expectAccessible, hydrated, login, logout, processInDiscourse, visit } from './helpers';

test('the group proposes, management approves, the works council approves with conditions, staff acknowledge', async ({ page }) => {
  const title = `KI-Leitlinie Verabschiedung ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);

  // The coordinator configures the bodies: management (the coordinator) and works council (staff).
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await expect(page.getByRole('heading', { level: 2, name: 'Verabschiedung', exact: true })).toBeVisible();
  await addBody(page, 'Geschäftsführung', COORDINATOR.email);
  await addBody(page, 'Betriebsrat', STAFF.email);
  await expectAccessible(page);

  // The project group proposes version 1; it is frozen with its SHA-256 hash.
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();
  await expect(page.locator('dd code.hash')).toHaveText(/^[0-9a-f]{64}$/);
  await hydrated(page);
  await page.getByLabel('Text der Zusammenfassung').fill('Wir nutzen KI **mit Bedacht** und schützen Daten.');
  await page.getByRole('button', { name: 'Zusammenfassung speichern' }).click();
  await expect(page.getByLabel('Text der Zusammenfassung')).toHaveValue(/mit Bedacht/);

  // Management approves.
  await hydrated(page);
  await decide(page, 'Geschäftsführung', 'Zugestimmt');
  await expect(page.locator('.adoption-status')).toHaveText('Entscheidungen stehen aus');
  await expectAccessible(page);
  await logout(page);

  // The works council approves with conditions; the guideline is adopted.
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await decide(page, 'Betriebsrat', 'Mit Auflagen zugestimmt', 'Schulung aller Teams bis März');
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');

  // The published guideline: summary, contents, decisions; staff acknowledge once.
  await page.getByRole('link', { name: 'Verabschiedete Leitlinie lesen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Das Wichtigste in Kürze' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Inhalt' }).getByRole('link', { name: 'Datenschutz' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Betriebsrat mit Auflagen zugestimmt/ })).toContainText('Schulung aller Teams bis März');
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Zur Kenntnis genommen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben diese Version zur Kenntnis genommen.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Zur Kenntnis genommen' })).toHaveCount(0);
  await logout(page);

  // The coordinator sees the acknowledgement rate.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, `/prozesse/${id}/leitlinie`);
  await expect(page.getByText(/^1 von \d+ Personen hat die Leitlinie zur Kenntnis genommen\.$/)).toBeVisible();
  await expectAccessible(page);
});

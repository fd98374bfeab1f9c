import { expect, test } from '@playwright/test';
import {
  COORDINATOR, GUIDELINE_TEXT, STAFF, addBody, decide, expectAccessible, hydrated, login, logout,
  processInDiscourse, publishVersion, visit,
} from './helpers';

const NEED = 'Kapitel Datenschutz sagt nichts zu Übersetzungsdiensten. Bitte ergänzen.';
const RUDE = 'Wer diese Leitlinie geschrieben hat, hat keine Ahnung.';

test('from version 3 to adoption, trial and an early review with the collected need for change', async ({ page }) => {
  const title = `KI-Leitlinie Überprüfung ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);

  // The project group merges the discourse into versions 2 and 3 and proposes version 3.
  await publishVersion(page, id, `${GUIDELINE_TEXT}\n## Schulung\n\nAlle Teams werden geschult.\n`, 2, 'Schulung ergänzt');
  await publishVersion(page, id, `${GUIDELINE_TEXT}\n## Schulung\n\nAlle Teams werden jährlich geschult.\n`, 3, 'Schulung jährlich');
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await addBody(page, 'Geschäftsführung', COORDINATOR.email);
  await addBody(page, 'Betriebsrat', STAFF.email);
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();
  await expect(page.locator('.adoption-facts dd').first()).toHaveText('3');

  // Management approves.
  await hydrated(page);
  await decide(page, 'Geschäftsführung', 'Zugestimmt');
  await logout(page);

  // The works council approves with conditions: the guideline is adopted, published and in force (step 5).
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await decide(page, 'Betriebsrat', 'Mit Auflagen zugestimmt', 'Schulung aller Teams bis März');
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');
  await expect(page.getByText('Schritt 5 · Überprüfung')).toBeVisible();

  // Staff read and acknowledge the published guideline.
  await page.getByRole('link', { name: 'Verabschiedete Leitlinie lesen' }).click();
  await expect(page.locator('.guideline-validity')).toHaveText('gültig');
  await hydrated(page);
  await page.getByRole('button', { name: 'Zur Kenntnis genommen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben diese Version zur Kenntnis genommen.' })).toBeVisible();

  // Staff post a need for change in the dialogue space.
  await page.getByRole('link', { name: 'Erfahrungen aus der Erprobung' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Erfahrungen', exact: true })).toBeVisible();
  await expect(page.getByText('Noch keine Erfahrungen berichtet.')).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('radio', { name: 'Änderungsbedarf' }).check();
  await page.getByLabel('Ihr Bericht').fill(NEED);
  await page.getByRole('button', { name: 'Erfahrung teilen' }).click();
  const post = page.getByRole('article').filter({ hasText: NEED });
  await expect(post).toBeVisible();
  await expect(post.getByRole('heading', { name: 'Änderungsbedarf' })).toBeVisible();
  await expect(post).toContainText(STAFF.name);
  await page.getByRole('radio', { name: 'Änderungsbedarf' }).check();
  await page.getByLabel('Ihr Bericht').fill(RUDE);
  await page.getByRole('button', { name: 'Erfahrung teilen' }).click();
  await expect(page.getByRole('article').filter({ hasText: RUDE })).toBeVisible();
  await page.getByRole('link', { name: 'Änderungsbedarf', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Berichtete Erfahrungen (2)' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await logout(page);

  // The coordinator hides the insulting post with a reason: it no longer counts for the review.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, `/prozesse/${id}/erfahrungen`);
  const rude = page.getByRole('article').filter({ hasText: RUDE });
  await rude.getByText('Ausblenden', { exact: true }).click();
  await rude.getByLabel('Begründung (für die verfassende Person sichtbar)').fill('Bitte sachlich bleiben.');
  await rude.getByRole('button', { name: 'Beitrag ausblenden' }).click();
  await expect(rude.getByText('Ausgeblendet. Begründung: Bitte sachlich bleiben.')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: NEED }).getByText('Ausblenden', { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The coordinator starts an early review because of a new law, re-entering at step 3.
  await visit(page, `/prozesse/${id}/ueberpruefung`);
  await expect(page.getByRole('heading', { level: 2, name: 'Gültige Leitlinie' })).toBeVisible();
  await expect(page.getByText('Für die nächste Überprüfung gesammelt: 1 Beiträge mit Änderungsbedarf')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('radio', { name: 'Neue Rechtslage (z. B. EU-KI-Verordnung)' }).check();
  await page.getByRole('radio', { name: /Schritt 3: Diskurs/ }).check();
  await page.getByRole('checkbox', { name: 'Ja, ich möchte die Überprüfung jetzt beginnen.' }).check();
  await page.getByRole('button', { name: 'Überprüfung beginnen' }).click();
  await expect(page.getByText('Schritt 3 · Diskurs')).toBeVisible();
  const review = page.getByRole('article', { name: /Überarbeitung 2: Neue Rechtslage/ });
  await expect(review).toBeVisible();
  await expect(review.getByRole('listitem').filter({ hasText: NEED })).toBeVisible();
  await expect(review.getByRole('link', { name: 'Zum Original' })).toHaveAttribute('href', /\/erfahrungen/);
  await hydrated(page);
  await expectAccessible(page);

  // The adopted version 3 stays the valid published guideline while it is under review.
  await visit(page, `/prozesse/${id}/leitlinie`);
  await expect(page.locator('.guideline-validity')).toHaveText('gültig · in Überprüfung');
  await expect(page.getByText(/Version 3, /)).toBeVisible();
  await expectAccessible(page);
});

test('the dashboard lists reviews due soon from the demo data', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const panel = page.getByRole('region', { name: 'Anstehende Überprüfungen' });
  await expect(panel.getByRole('link', { name: 'Leitlinie Videoberatung' })).toBeVisible();
  await expect(panel).toContainText('Überprüfung fällig am');
  await expectAccessible(page);
  await panel.getByRole('link', { name: 'Leitlinie Videoberatung' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Gültige Leitlinie' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Überprüfungstermin ändern' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await visit(page, '/');
  await page.getByRole('link', { name: 'Leitlinie Digitale Dokumentation' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leitlinie Digitale Dokumentation' })).toBeVisible();
  await page.getByRole('link', { name: 'Erfahrungen', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Leitlinie wird gerade überprüft.' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
});

import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, hydrated, login, logout, visit } from './helpers';

const TEXT = `# KI-Leitlinie

Wir nutzen KI verantwortungsvoll und prüfen jedes Ergebnis.

## Datenschutz

Daten von Klientinnen und Klienten gehören nicht in öffentliche KI-Dienste.
`;

/** Creates a process with the coordinator as project group, publishes version 1, moves to step 3. */
async function processInDiscourse(page: Page, title: string): Promise<string> {
  await hydrated(page);
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await hydrated(page);
  const id = new URL(page.url()).pathname.split('/')[2];

  await page.getByLabel('E-Mail-Adresse der Person').fill(COORDINATOR.email);
  await page.getByLabel('Perspektive', { exact: true }).selectOption({ label: 'Kritiker:in' });
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: new RegExp(COORDINATOR.name) })).toBeVisible();
  await page.getByText('Weiter zu: 2. Entwurf').click();
  await page.getByRole('button', { name: 'Ja, weiter: Entwurf' }).click();
  await expect(page.getByText('Schritt 2 · Entwurf')).toBeVisible();

  await visit(page, `/prozesse/${id}/entwurf`);
  await page.getByRole('button', { name: 'Leer beginnen' }).click();
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toBeVisible();
  await hydrated(page);
  await editor.fill(TEXT);
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await page.getByLabel('Was hat sich geändert?').fill('Erste Fassung');
  await page.getByRole('button', { name: 'Version 1 veröffentlichen' }).click();
  await expect(page).toHaveURL(/\/versionen\/1$/);

  await visit(page, `/prozesse/${id}`);
  await page.getByText('Weiter zu: 3. Diskurs').click();
  await page.getByRole('button', { name: 'Ja, weiter: Diskurs' }).click();
  await expect(page.getByText('Schritt 3 · Diskurs')).toBeVisible();
  return id;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Adds a required body and one member by e-mail (as coordinator, on the adoption page). */
async function addBody(page: Page, name: string, email: string) {
  await page.getByLabel('Name des Gremiums').fill(name);
  await page.getByRole('button', { name: 'Gremium hinzufügen' }).click();
  const body = page.getByRole('article', { name });
  await expect(body).toBeVisible();
  await hydrated(page);
  await body.getByLabel(`E-Mail-Adresse des Mitglieds (${name})`).fill(email);
  await body.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
  await expect(body.getByRole('listitem').filter({ hasText: /Koordination|Mitarbeit/ })).toBeVisible();
}

/** Records a decision for `name` as one of its members. */
async function decide(page: Page, name: string, verdict: string, text = '') {
  const body = page.getByRole('article', { name });
  await body.getByRole('radio', { name: verdict, exact: true }).check();
  if (text) await body.getByLabel('Auflagen bzw. Begründung der Ablehnung').fill(text);
  await body.getByLabel('Datum der Sitzung').fill(today());
  await body.getByLabel(/Protokollverweis/).fill('Sitzung 2026/14, TOP 3');
  await body.getByRole('button', { name: 'Entscheidung speichern' }).click();
  await expect(page.getByRole('article', { name }).getByText(/Sitzung vom/)).toBeVisible();
}

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
  await page.getByRole('button', { name: /Fassung zur Verabschiedung vorschlagen/ }).click();
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
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben diese Fassung zur Kenntnis genommen.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Zur Kenntnis genommen' })).toHaveCount(0);
  await logout(page);

  // The coordinator sees the acknowledgement rate.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, `/prozesse/${id}/leitlinie`);
  await expect(page.getByText(/^1 von \d+ Personen haben die Leitlinie zur Kenntnis genommen\.$/)).toBeVisible();
  await expectAccessible(page);
});

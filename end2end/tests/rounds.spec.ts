import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, hydrated, login, logout, visit } from './helpers';

const TEXT = `# KI-Leitlinie

Wir nutzen KI verantwortungsvoll und prüfen jedes Ergebnis.

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

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('the group opens a round, staff comment by keyboard, another person supports and replies', async ({ page }) => {
  const title = `KI-Leitlinie Runde ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);

  // The project group opens the round on version 1.
  await visit(page, `/prozesse/${id}/runden`);
  await expect(page.getByRole('heading', { level: 2, name: 'Diskursrunde öffnen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(inDays(14));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  expect(roundUrl).toMatch(new RegExp(`^/prozesse/${id}/runden/\\d+$`));
  await logout(page);

  // Staff see the banner on the dashboard and comment on paragraph 3 by keyboard only.
  await login(page, STAFF.email, STAFF.password);
  const banner = page.getByRole('link', { name: new RegExp(`Offene Diskursrunde: ${title}, Version 1 — noch \\d+ Tage`) });
  await expect(banner).toBeVisible();
  await banner.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const button = page.getByRole('button', { name: /^Kommentieren: Absatz 3 „Daten von Klientinnen/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const body = page.getByLabel('Kommentar', { exact: true });
  await expect(body).toBeFocused();
  await page.keyboard.type('Gilt das auch für interne Dienste?');
  await expect(page.getByText('34 / 5000 Zeichen')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kommentar senden' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Kommentar wurde gespeichert.' })).toBeVisible();
  await expect(page.getByText('Gilt das auch für interne Dienste?')).toBeVisible();
  await expect(page.getByRole('button', { name: '1 Kommentar zu Absatz 3 anzeigen' })).toBeVisible();
  await expectAccessible(page);

  // The author corrects the comment while the round is open.
  await page.getByRole('button', { name: 'Bearbeiten' }).click();
  await page.getByLabel('Kommentar bearbeiten').fill('Gilt das auch für interne KI-Dienste?');
  await page.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByText('Gilt das auch für interne KI-Dienste?')).toBeVisible();
  await expect(page.getByText('· bearbeitet')).toBeVisible();
  await logout(page);

  // Another person (the coordinator) supports the comment and replies.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, roundUrl);
  await page.getByRole('button', { name: '1 Kommentar zu Absatz 3 anzeigen' }).click();
  await expect(page.getByText('Gilt das auch für interne KI-Dienste?')).toBeVisible();
  await page.getByRole('button', { name: 'Unterstützen (0)' }).click();
  await expect(page.getByRole('button', { name: 'Unterstützung zurückziehen (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Antworten' }).click();
  await page.getByLabel('Ihre Antwort').fill('Nein, interne Dienste sind erlaubt.');
  await page.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(page.getByRole('list', { name: 'Antworten' }).getByText('Nein, interne Dienste sind erlaubt.')).toBeVisible();
  await expect(page.getByRole('button', { name: '2 Kommentare zu Absatz 3 anzeigen' })).toBeVisible();
  await expectAccessible(page);
});

test('a selected passage is stored as the quote of a comment', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, `KI-Leitlinie Zitat ${Date.now()}`);
  await visit(page, `/prozesse/${id}/runden`);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(inDays(7));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  await hydrated(page);

  // Select "öffentliche KI-Dienste" inside paragraph 3, then press its button.
  await page.locator('[data-block="b3"]').evaluate((el) => {
    const node = el.firstChild as Text;
    const start = node.data.indexOf('öffentliche KI-Dienste');
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + 'öffentliche KI-Dienste'.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await page.getByRole('button', { name: /^Kommentieren: Absatz 3/ }).click();
  await expect(page.getByText('Zitierte Textstelle:')).toContainText('öffentliche KI-Dienste');
  await page.getByLabel('Kommentar', { exact: true }).fill('Welche Dienste sind gemeint?');
  await page.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(page.locator('blockquote.comment-quote')).toHaveText('öffentliche KI-Dienste');

  // Without a selection the comment refers to the whole paragraph.
  await page.getByRole('button', { name: /^Kommentieren: Absatz 2/ }).click();
  const form = page.locator('#kommentar-b2');
  await expect(form.getByText('Ohne markierte Textstelle bezieht sich der Kommentar auf den ganzen Absatz.')).toBeVisible();
  await expect(form.getByText('Zitierte Textstelle:')).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF } from './helpers';

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

test('staff comment on a paragraph, and another person supports and replies, without JavaScript', async ({ page }) => {
  const text = `Ohne JavaScript kommentiert ${Date.now()}`;
  const reply = `Ohne JavaScript geantwortet ${Date.now()}`;
  const login = async (email: string, password: string) => {
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  };

  // The demo round on version 2 of "Leitlinie Datenschutz im Alltag" is open.
  await login(STAFF.email, STAFF.password);
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  await page.getByRole('button', { name: /^Kommentieren: Absatz 3 „Grundsätze“/ }).click();
  await page.getByLabel('Kommentar', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Kommentar senden' }).click();
  if (test.info().project.use.javaScriptEnabled === false) {
    // The plain form post returns to the paragraph; with JavaScript the page stays as it is.
    await expect(page).toHaveURL(new RegExp(`${roundUrl}#absatz-b3$`));
  }
  const thread = page.getByRole('list', { name: 'Kommentare zu Absatz 3' }).getByRole('listitem').filter({ hasText: text });
  await expect(thread).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await login(COORDINATOR.email, COORDINATOR.password);
  await page.goto(roundUrl);
  await thread.getByRole('button', { name: 'Unterstützen (0)' }).click();
  await expect(thread.getByRole('button', { name: 'Unterstützung zurückziehen (1)' })).toBeVisible();
  await thread.getByRole('button', { name: 'Antworten', exact: true }).click();
  await page.getByLabel('Ihre Antwort').fill(reply);
  await page.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(thread.getByRole('list', { name: 'Antworten' }).getByText(reply)).toBeVisible();
  await expect(page.locator('#absatz-b3').getByText(/^\d+ Kommentare$/)).toBeVisible();
});

test('a sentence of a paragraph is chosen as the quote without a mouse, also without JavaScript', async ({ page }) => {
  const text = `Satz gewählt ${Date.now()}`;
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(STAFF.email);
  await page.getByLabel('Passwort', { exact: true }).fill(STAFF.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  await page.getByRole('button', { name: /^Kommentieren: Absatz 5 „Daten von Klientinnen/ }).click();
  const form = page.locator('#kommentar-b5');
  await form.locator('summary', { hasText: 'Textstelle wählen' }).click();
  await expect(form.getByRole('radio', { name: 'Den ganzen Absatz' })).toBeChecked();
  await form.getByRole('radio', { name: 'Ausnahmen regelt eine Liste der freigegebenen Dienste.' }).check();
  await form.getByLabel('Kommentar', { exact: true }).fill(text);
  const roundUrl = new URL(page.url()).pathname;
  await form.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(page).toHaveURL(new RegExp(`${roundUrl}(\\?.*)?#absatz-b5$|${roundUrl}$`));
  // The paragraph shows its oldest comments first: find the new one in the list of one's own.
  await page.goto(`${roundUrl}/kommentare?meine=1`);
  const item = page.getByRole('listitem').filter({ hasText: text });
  await expect(item.locator('blockquote.comment-quote')).toHaveText('Ausnahmen regelt eine Liste der freigegebenen Dienste.');
});

test('mail preferences and the inbox work without JavaScript', async ({ page }) => {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(STAFF.email);
  await page.getByLabel('Passwort', { exact: true }).fill(STAFF.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();

  await page.goto('/konto/benachrichtigungen');
  const reviews = page.getByRole('group', { name: 'Überprüfungstermine' });
  await reviews.getByLabel('nie').check();
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page).toHaveURL(/\/konto\/benachrichtigungen\?gespeichert=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Ihre Einstellungen wurden gespeichert.' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Überprüfungstermine' }).getByLabel('nie')).toBeChecked();
  await page.getByRole('group', { name: 'Überprüfungstermine' }).getByLabel('täglich (Zusammenfassung)').check();
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('group', { name: 'Überprüfungstermine' }).getByLabel('täglich (Zusammenfassung)')).toBeChecked();

  // The bell is a plain link; the inbox's button is a plain form.
  await page.getByRole('link', { name: /^Benachrichtigungen/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
  const markAll = page.getByRole('button', { name: 'Alle als gelesen markieren' });
  if (await markAll.count()) {
    await markAll.click();
  }
  await expect(page.getByTestId('inbox-summary')).toHaveText('Alles gelesen.');
});

test('the project group starts a draft from a Word file without JavaScript', async ({ page }) => {
  const title = `Leitlinie aus Word ohne JavaScript ${Date.now()}`;
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(COORDINATOR.email);
  await page.getByLabel('Passwort', { exact: true }).fill(COORDINATOR.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  // The demo's "KI-Leitlinie 2027" is in step 2 with a working draft; the coordinator is not in
  // its group, so this journey uses the draft of a process the coordinator leads.
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/')[2];
  await page.getByLabel('E-Mail-Adresse der Person').fill(COORDINATOR.email);
  await page.getByLabel('Perspektive', { exact: true }).selectOption({ label: 'Kritiker:in' });
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: /Kim Koordination/ })).toBeVisible();
  await page.getByText('Weiter zu: 2. Entwurf').click();
  await page.getByRole('button', { name: 'Ja, weiter: Entwurf' }).click();
  await expect(page.getByText('Schritt 2 · Entwurf')).toBeVisible();

  await page.goto(`/prozesse/${id}/entwurf`);
  await page.getByLabel(/Datei \(\.docx, \.odt oder \.md/).setInputFiles(require('path').join(__dirname, '..', 'fixtures', 'entwurf.docx'));
  await page.getByRole('button', { name: 'Hochladen und Vorschau zeigen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Entwurf aus Datei: Vorschau' })).toBeVisible();
  await page.getByRole('button', { name: 'Als Arbeitsentwurf übernehmen' }).click();
  await expect(page.getByLabel('Text des Entwurfs (Markdown)')).toHaveValue(/^# KI-Leitlinie aus Word/);
});

test('the project group changes the deadline of a round without JavaScript', async ({ page }) => {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(COORDINATOR.email);
  await page.getByLabel('Passwort', { exact: true }).fill(COORDINATOR.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  // Each project (with and without JavaScript) moves the deadline to a day of its own.
  const days = test.info().project.use.javaScriptEnabled === false ? 21 : 20;
  const at = new Date(Date.now() + days * 86_400_000);
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at).split('-');
  const manage = page.getByRole('region', { name: 'Frist und Ende der Runde' });
  await manage.getByText('Frist ändern (verlängern oder verkürzen)').click();
  await manage.getByRole('group', { name: 'Neue Kommentarfrist' }).getByLabel('Datum').fill(`${d}.${m}.${y}`);
  await manage.getByRole('group', { name: 'Neue Kommentarfrist' }).getByLabel('Uhrzeit').fill('18:00');
  await manage.getByLabel('Begründung (für alle sichtbar)').first().fill('Mehr Zeit für die Teams ohne JavaScript.');
  await manage.getByRole('button', { name: 'Frist ändern', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${roundUrl}$`));
  await expect(page.getByRole('region', { name: 'Änderungen der Frist' })).toContainText(`auf den ${d}.${m}.${y}, 18:00 Uhr.`);
  await expect(page.getByRole('region', { name: 'Änderungen der Frist' })).toContainText('Mehr Zeit für die Teams ohne JavaScript.');
});

import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs/promises';
import {
  COORDINATOR,
  berlinDate,
  expectAccessible,
  hydrated,
  invitedPerson,
  login,
  processInDiscourse,
  uniqueEmail,
  visit,
} from './helpers';

// Data-protection rights: own data on /konto/meine-daten (page and JSON), deletion of a person
// by a coordinator, and the /datenschutz page.

/** As the coordinator: a new process in step 3 with an open round on version 1; its address. */
async function openRound(page: Page, title: string): Promise<string> {
  await visit(page, '/');
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/runden`);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(berlinDate(14));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Comments on the chapter "Datenschutz" of the round at `roundUrl`. */
async function comment(person: Page, roundUrl: string, text: string) {
  await visit(person, roundUrl);
  await person.getByRole('button', { name: /^Kommentieren: Absatz \d+ „Daten von Klientinnen/ }).click();
  await person.getByLabel('Kommentar', { exact: true }).fill(text);
  await person.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(person.getByRole('status').filter({ hasText: 'Ihr Kommentar wurde gespeichert.' })).toBeVisible();
}

test('a person sees their own data on "Meine Daten" and downloads them as JSON', async ({ page, browser }) => {
  const email = uniqueEmail('auskunft');
  const text = `Mein Kommentar für die Auskunft ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const roundUrl = await openRound(page, `Auskunft ${Date.now()}`);
  const person = await invitedPerson(page, browser, 'Ida Auskunft', email);
  await comment(person, roundUrl, text);

  await person.getByRole('link', { name: 'Mein Konto' }).click();
  await person.getByRole('link', { name: 'Meine Daten' }).click();
  await expect(person.getByRole('heading', { level: 1, name: 'Meine Daten' })).toBeVisible();
  const account = person.locator('section').filter({ has: person.getByRole('heading', { level: 2, name: 'Ihr Konto' }) });
  await expect(account).toContainText('Ida Auskunft');
  await expect(account).toContainText(email);
  await expect(account).toContainText('mit E-Mail-Adresse und Passwort');
  const comments = person.locator('section[data-section="comments"]');
  await expect(comments.getByRole('heading', { level: 2 })).toHaveText('Kommentare und Antworten (1)');
  await expect(comments).toContainText(text);
  await hydrated(person);
  await expectAccessible(person);

  const downloading = person.waitForEvent('download');
  await person.getByRole('link', { name: 'Alle Daten herunterladen (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^meine-daten.*\.json$/);
  const data = JSON.parse(await fs.readFile((await download.path())!, 'utf8'));
  expect(data.account.name).toBe('Ida Auskunft');
  expect(data.account.email).toBe(email);
  const section = data.sections.find((s: { key: string }) => s.key === 'comments');
  expect(section.items.map((i: { text: string }) => i.text)).toEqual([text]);
  await person.context().close();
});

test('a coordinator deletes a person after a confirmation; their comment stays under "ehemalige:r Mitarbeiter:in"', async ({ page, browser }) => {
  const email = uniqueEmail('loeschen');
  const name = 'Lena Löschwunsch';
  const text = `Bitte nach meinem Weggang erhalten ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const roundUrl = await openRound(page, `Löschung ${Date.now()}`);
  const person = await invitedPerson(page, browser, name, email);
  await comment(person, roundUrl, text);

  await visit(page, `/admin/benutzer?suche=${encodeURIComponent(email)}`);
  await page.getByRole('row').filter({ hasText: email }).getByRole('link', { name: `Daten löschen (${name})` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Person und ihre Daten löschen' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText('Ihre Beiträge, Kommentare und Erfahrungsberichte bleiben im Prozess')).toContainText('(1 Text)');
  await hydrated(page);
  await expectAccessible(page);

  // Without the confirmation the form is not sent.
  const submit = page.getByRole('button', { name: `Endgültig löschen (${name})` });
  const confirmation = page.getByRole('checkbox', { name: /^Die Person hat die Löschung verlangt\./ });
  await submit.click();
  expect(await confirmation.evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  await expect(page).toHaveURL(/\/loeschen$/);
  await confirmation.check();
  await submit.click();
  await expect(page).toHaveURL(/\/admin\/benutzer$/);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await expect(page.getByText(email)).toHaveCount(0);

  // The person's open session has ended.
  expect((await person.goto('/konto'))?.status()).toBe(401);
  await person.context().close();

  // The comment stays in the round, under "ehemalige:r Mitarbeiter:in".
  await visit(page, roundUrl);
  const thread = page.getByRole('list', { name: /^Kommentare zu Absatz \d+$/ }).getByRole('listitem').filter({ hasText: text });
  await expect(thread).toContainText('ehemalige:r Mitarbeiter:in');
  await expect(thread).not.toContainText(name);

  // The audit log has the deletion, and its chain still verifies.
  await visit(page, '/audit');
  await expect(page.locator('table.audit-log tbody tr').first()).toContainText('Konto und persönliche Daten gelöscht');
  await expect(page.locator('table.audit-log')).not.toContainText(name);
  await page.getByRole('button', { name: 'Kette prüfen' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Die Kette ist intakt');
});

test('the Datenschutz page says what is stored and for how long, for everyone', async ({ page }) => {
  await visit(page, '/anmelden');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Datenschutz' }).click();
  await expect(page).toHaveURL(/\/datenschutz$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Datenschutz' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Was gespeichert wird und wie lange' });
  await expect(table.getByRole('row', { name: /Sitzung/ })).toContainText('endet 12 Stunden nach der letzten Nutzung, spätestens 7 Tage nach der Anmeldung');
  await expect(table.getByRole('row', { name: /Einladungslinks/ })).toContainText('30 Tage');
  await expect(table.getByRole('row', { name: /Hochgeladene Mitarbeitendenlisten/ })).toContainText('höchstens 24 Stunden');
  await expect(table).toContainText('ehemalige:r Mitarbeiter:in');
  await hydrated(page);
  await expectAccessible(page);
});

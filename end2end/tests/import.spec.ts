import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs/promises';
import {
  COORDINATOR,
  acceptInvitation,
  expectAccessible,
  hydrated,
  invitationLinkOf,
  login,
  staffList,
  uniqueEmail,
  visit,
} from './helpers';

// The staff import on /admin/benutzer/import: a coordinator uploads the list as Excel saves it,
// checks the preview, applies it and hands out the invitation links. The no-JS variant is in
// identity.no-js.spec.ts.

test('a coordinator imports an Excel staff list: preview with line numbers, apply, invitation links', async ({ page, browser }) => {
  const tag = `${Date.now()}`;
  const changed = { name: 'Carla Wechsel', email: uniqueEmail('carla') };
  const list = staffList(tag, changed);

  await login(page, COORDINATOR.email, COORDINATOR.password);
  // An account the list will move to another team.
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill(changed.name);
  await page.getByLabel('E-Mail-Adresse').fill(changed.email);
  await page.getByLabel('Team (optional)').fill('Altbau');
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  // Rows by address: other tests import people of the same names.
  const row = (p: Page, email: string) => p.getByRole('row').filter({ hasText: email });
  await visit(page, `/admin/benutzer?suche=${encodeURIComponent(changed.email)}`);
  await expect(row(page, changed.email)).toContainText('Altbau');

  await page.getByRole('link', { name: 'Mitarbeitende aus einer Liste importieren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitarbeitende aus einer Liste importieren' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('CSV-Datei mit der Liste').setInputFiles(list.file);
  await page.getByRole('button', { name: 'Hochladen und Vorschau anzeigen' }).click();

  // The preview: nothing is written yet.
  await expect(page.getByRole('heading', { level: 1, name: 'Vorschau des Imports' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/benutzer\/import\/\d+$/);
  await expect(page.getByText(/^mitarbeitende\.csv · .* · Windows-1252$/)).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText(
    /^2 neu, 1 geändert, 0 unverändert, 2 ungültig, \d+ nicht in der Liste\. Es wurde noch nichts gespeichert\.$/,
  );
  await hydrated(page);
  await expectAccessible(page);
  // The invalid rows come first, with their line in the file and why.
  await expect(page.getByRole('link', { name: 'Ungültige Zeilen (2)' })).toHaveAttribute('aria-current', 'page');
  const invalid = page.getByRole('table', { name: 'Ungültige Zeilen' }).getByRole('row');
  await expect(invalid.filter({ hasText: 'Olaf Ohnemail' })).toContainText('„keine-adresse“ ist keine gültige E-Mail-Adresse.');
  await expect(invalid.filter({ hasText: 'Olaf Ohnemail' }).getByRole('cell').first()).toHaveText('4');
  await expect(invalid.filter({ hasText: 'Dora Doppelt' })).toContainText('Doppelt: dieselbe E-Mail-Adresse steht schon in Zeile 2.');
  await expect(invalid.filter({ hasText: 'Dora Doppelt' }).getByRole('cell').first()).toHaveText('6');

  await page.getByRole('link', { name: 'Neu (2)' }).click();
  await expect(page).toHaveURL(/\?liste=neu$/);
  const newRows = page.getByRole('table', { name: 'Neu' }).getByRole('row');
  await expect(newRows.filter({ hasText: list.juergen.name })).toHaveText(new RegExp(`^2${list.juergen.name}${list.juergen.email}Küche`));
  await expect(newRows.filter({ hasText: list.aenne.name })).toHaveText(new RegExp(`^3${list.aenne.name}${list.aenne.email}Pflege`));

  await page.getByRole('link', { name: 'Geändert (1)' }).click();
  const changedRow = page.getByRole('table', { name: 'Geändert' }).getByRole('row').filter({ hasText: changed.email });
  await expect(changedRow).toContainText('Altbau → Neubau');
  await expect(changedRow.getByRole('cell').first()).toHaveText('5');

  const users = await page.context().newPage();
  await visit(users, `/admin/benutzer?suche=${encodeURIComponent(list.juergen.email)}`);
  await expect(users.getByText('Zu dieser Auswahl (Team, Name oder E-Mail-Adresse) gibt es keine Konten.')).toBeVisible();
  await visit(users, `/admin/benutzer?suche=${encodeURIComponent(changed.email)}`);
  await expect(row(users, changed.email)).toContainText('Altbau');

  // Apply.
  await hydrated(page);
  await page.getByRole('button', { name: 'Liste übernehmen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import übernommen' })).toBeVisible();
  await expect(page.getByTestId('import-outcome')).toContainText(
    '2 Konten angelegt, 1 geändert, 0 unverändert, 0 deaktiviert, 2 Zeilen ungültig (nicht übernommen).',
  );
  await expectAccessible(page);

  // The invitations by mail: the page says how many go out.
  await page.getByRole('button', { name: 'Einladungen per E-Mail senden' }).click();
  await expect(page.getByTestId('import-invited')).toHaveText('2 Einladungen werden per E-Mail verschickt.');

  // Or the invitation links, as a CSV file for Excel (new links; the mailed ones stop working).
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Einladungslinks herunterladen' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^einladungslinks-import-\d+\.csv$/);
  const csv = await fs.readFile((await download.path())!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe('\uFEFFName;E-Mail;Team;Einladungslink;gültig bis');
  invitationLinkOf(csv, list.aenne.name);
  expect(csv).not.toContain(changed.name);
  const link = invitationLinkOf(csv, list.juergen.name);

  // The link works: Jürgen sets a password and is signed in, in the team from the list.
  const context = await browser.newContext();
  const juergen = await context.newPage();
  await acceptInvitation(juergen, link, 'juergens-passwort');
  await expect(juergen.getByText(`Willkommen, ${list.juergen.name}`)).toBeVisible();
  await visit(juergen, '/konto');
  await expect(juergen.getByText('Ihr Team: Küche')).toBeVisible();
  await context.close();

  // The search finds each of them on a list of many pages.
  await visit(users, `/admin/benutzer?suche=${tag}`);
  await expect(row(users, list.juergen.email)).toContainText('Küche');
  await expect(row(users, list.aenne.email)).toContainText('Pflege');
  await visit(users, `/admin/benutzer?suche=${encodeURIComponent(changed.email)}`);
  await expect(row(users, changed.email)).toContainText('Neubau');
});

test('a file that is not a staff list goes back to the form with a German message', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const cases: [string, Buffer, string][] = [
    ['leer.csv', Buffer.alloc(0), 'Die Datei ist leer oder enthält keine Zeilen mit Personen.'],
    ['foto.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'Die Datei ist keine Textdatei im CSV-Format.'],
    ['telefon.csv', Buffer.from('Vorname;Telefon\r\nAnna;0301234\r\n'), 'In der ersten Zeile fehlen die nötigen Spalten'],
    ['riesig.csv', Buffer.alloc(11 * 1024 * 1024, 'a;b\r\n'), 'Die Datei ist zu groß (höchstens 10 MB).'],
  ];
  for (const [name, buffer, message] of cases) {
    await visit(page, '/admin/benutzer/import');
    await page.getByLabel('CSV-Datei mit der Liste').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByRole('button', { name: 'Hochladen und Vorschau anzeigen' }).click();
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page).toHaveURL(/\/admin\/benutzer\/import$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mitarbeitende aus einer Liste importieren' })).toBeVisible();
  }
  await hydrated(page);
  await expectAccessible(page);
});

import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs/promises';
import {
  COORDINATOR,
  SSO_LINK,
  acceptInvitation,
  hydrated,
  invitationLinkOf,
  javaScriptOn,
  signInAtProvider,
  staffList,
  stayOnLoopback,
  uniqueEmail,
} from './helpers';

// Identity journeys on plain forms and links: they run in the project without JavaScript (and,
// like no-js.spec.ts, once more with it). Every step is a link, a plain form or a form posting
// to a server function with a redirect.

test.beforeEach(async ({ context }) => {
  await stayOnLoopback(context);
});

/** Waits for the wasm bundle only where there is one. */
async function ready(page: Page) {
  if (javaScriptOn()) await hydrated(page);
}

async function passwordLogin(page: Page, email: string, password: string) {
  await page.goto('/anmelden');
  await ready(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
}

test('log-in through the organisation’s provider and log-out work without JavaScript', async ({ page }) => {
  await page.goto('/anmelden');
  // The start is a plain link; the provider's form is its own page.
  await page.getByRole('link', { name: SSO_LINK }).click();
  await signInAtProvider(page, 'nele');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expect(page.getByText('Willkommen, Nele Ohneskript')).toBeVisible();
  await page.goto('/konto');
  await expect(page.getByText('Ihr Team: Hauswirtschaft')).toBeVisible();

  await ready(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/anmelden\?abgemeldet=organisation$/);
  const endSession = page.getByRole('link', { name: 'Auch beim Konto Ihrer Organisation abmelden' });
  await expect(endSession).toHaveAttribute('href', /\/session\/end\?.*client_id=mitsprache/);
  expect((await page.goto('/konto'))?.status()).toBe(401);
});

test('a coordinator imports a staff list, the new person joins and sees their data, and is deleted on request, without JavaScript', async ({ page, browser }) => {
  const tag = `${Date.now()}nojs`;
  const changed = { name: 'Carla Wechsel', email: uniqueEmail('carla-nojs') };
  const list = staffList(tag, changed);
  await passwordLogin(page, COORDINATOR.email, COORDINATOR.password);

  // An account the list moves to another team (the plain form of the user list).
  await page.goto('/admin/benutzer');
  await ready(page);
  await page.getByLabel('Name').fill(changed.name);
  await page.getByLabel('E-Mail-Adresse').fill(changed.email);
  await page.getByLabel('Team (optional)').fill('Altbau');
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  // The list is paged (earlier journeys add many accounts): the search finds the row.
  await page.goto('/admin/benutzer');
  await page.getByLabel('Person suchen').fill(changed.email);
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page.getByRole('row').filter({ hasText: changed.email })).toContainText('Altbau');

  await page.getByRole('link', { name: 'Mitarbeitende aus einer Liste importieren' }).click();
  await page.getByLabel('CSV-Datei mit der Liste').setInputFiles(list.file);
  await page.getByRole('button', { name: 'Hochladen und Vorschau anzeigen' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(/^2 neu, 1 geändert, 0 unverändert, 2 ungültig, \d+ nicht in der Liste\./);
  await expect(page.getByRole('table', { name: 'Ungültige Zeilen' }).getByRole('row').filter({ hasText: 'Dora Doppelt' }))
    .toContainText('6Dora Doppelt');
  await page.getByRole('link', { name: 'Neu (2)' }).click();
  await expect(page).toHaveURL(/\?liste=neu$/);
  await expect(page.getByRole('table', { name: 'Neu' }).getByRole('row').filter({ hasText: list.juergen.email })).toContainText(`2${list.juergen.name}`);

  await ready(page);
  await page.getByRole('button', { name: 'Liste übernehmen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import übernommen' })).toBeVisible();
  await expect(page.getByTestId('import-outcome')).toContainText('2 Konten angelegt, 1 geändert');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Einladungslinks herunterladen' }).click();
  const csv = await fs.readFile((await (await downloading).path())!, 'utf8');
  const link = invitationLinkOf(csv, list.juergen.name);

  // Jürgen joins through his link and reads what is stored about him.
  const context = await browser.newContext();
  const juergen = await context.newPage();
  await acceptInvitation(juergen, link, 'juergens-passwort');
  await juergen.goto('/konto/meine-daten');
  await expect(juergen.getByRole('heading', { level: 1, name: 'Meine Daten' })).toBeVisible();
  await expect(juergen.getByText(list.juergen.email)).toBeVisible();
  await expect(juergen.getByText('Küche', { exact: true })).toBeVisible();
  await expect(juergen.getByRole('link', { name: 'Alle Daten herunterladen (JSON)' })).toHaveAttribute('href', '/konto/meine-daten.json');

  // He asks to be deleted; the coordinator confirms.
  await page.goto(`/admin/benutzer?suche=${encodeURIComponent(list.juergen.email)}`);
  await page.getByRole('row').filter({ hasText: list.juergen.email }).getByRole('link', { name: `Daten löschen (${list.juergen.name})` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Person und ihre Daten löschen' })).toBeVisible();
  await ready(page);
  await page.getByRole('checkbox', { name: /^Die Person hat die Löschung verlangt\./ }).check();
  await page.getByRole('button', { name: `Endgültig löschen (${list.juergen.name})` }).click();
  await expect(page).toHaveURL(/\/admin\/benutzer$/);
  await expect(page.getByText(list.juergen.email)).toHaveCount(0);
  expect((await juergen.goto('/konto'))?.status()).toBe(401);
  await context.close();
});

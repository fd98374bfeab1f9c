import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, hydrated, login, logout, uniqueEmail, visit } from './helpers';

test('wrong password and unknown e-mail show the same German error', async ({ page }) => {
  await visit(page, '/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(STAFF.email);
  await page.getByLabel('Passwort', { exact: true }).fill('falsches-passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch');

  await page.getByLabel('E-Mail-Adresse').fill('niemand@beispiel.de');
  await page.getByLabel('Passwort', { exact: true }).fill('irgendein-passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch');
  // The e-mail typed is still there: nothing is lost on an error.
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('niemand@beispiel.de');
});

test('coordinator invites a person who accepts and then logs in', async ({ page, browser }) => {
  const email = uniqueEmail('neu');
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.getByRole('link', { name: 'Benutzer:innen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer:innen verwalten' })).toBeVisible();
  await hydrated(page);

  await page.getByLabel('Name').fill('Nora Neu');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  const linkField = page.getByTestId('invitation-link');
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/einladung\/[A-Za-z0-9_-]{43}$/);
  // The form is emptied for the next person.
  await expect(page.getByLabel('Name')).toHaveValue('');
  await expect(page.getByRole('row', { name: /Nora Neu/ })).toContainText('eingeladen');
  await logout(page);

  // The invited person opens the link in their own browser.
  const context = await browser.newContext();
  const invited = await context.newPage();
  await visit(invited, new URL(link).pathname);
  await expect(invited.getByText('Nora Neu')).toBeVisible();
  await invited.getByLabel('Neues Passwort', { exact: true }).fill('ein-gutes-passwort');
  await invited.getByLabel('Neues Passwort wiederholen').fill('ein-anderes-passwort');
  await invited.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
  await expect(invited.getByRole('alert')).toHaveText('Die beiden Passwörter stimmen nicht überein.');
  await invited.getByLabel('Neues Passwort wiederholen').fill('ein-gutes-passwort');
  await invited.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
  await expect(invited.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expect(invited.getByText('Willkommen, Nora Neu')).toBeVisible();
  await logout(invited);

  // The link works only once.
  await visit(invited, new URL(link).pathname);
  await expect(invited.getByText('Dieser Einladungslink wurde bereits verwendet.')).toBeVisible();

  // And the new password logs in.
  await login(invited, email, 'ein-gutes-passwort');
  await context.close();
});

test('staff get a German 403 page on the user administration', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await expect(page.getByRole('link', { name: 'Benutzer:innen' })).toHaveCount(0);
  const response = await page.goto('/admin/benutzer');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
  await expectAccessible(page);
});

test('a visitor who is not logged in is asked to log in on protected pages', async ({ page }) => {
  const response = await page.goto('/admin/benutzer');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1, name: 'Bitte anmelden' })).toBeVisible();
});

test('logout ends the session', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await logout(page);
  const response = await page.goto('/konto');
  expect(response?.status()).toBe(401);
});

test('a deactivated person is logged out at once and cannot log in again', async ({ page, browser }) => {
  const email = uniqueEmail('weg');
  // Create and activate an account.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill('Wanda Weg');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();

  const context = await browser.newContext();
  const other = await context.newPage();
  await visit(other, new URL(link).pathname);
  await other.getByLabel('Neues Passwort', { exact: true }).fill('wanda-passwort-1');
  await other.getByLabel('Neues Passwort wiederholen').fill('wanda-passwort-1');
  await other.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
  await expect(other.getByText('Willkommen, Wanda Weg')).toBeVisible();

  // The coordinator deactivates, after confirming.
  await visit(page, '/admin/benutzer');
  const row = page.getByRole('row', { name: /Wanda Weg/ });
  await row.getByText('Deaktivieren', { exact: true }).click();
  await expect(row.getByText('Konto wirklich deaktivieren?')).toBeVisible();
  await row.getByRole('button', { name: 'Deaktivieren (Wanda Weg)' }).click();
  await expect(page.getByRole('row', { name: /Wanda Weg/ })).toContainText('deaktiviert');

  // Wanda's open session has ended.
  const response = await other.goto('/konto');
  expect(response?.status()).toBe(401);
  await visit(other, '/anmelden');
  await other.getByLabel('E-Mail-Adresse').fill(email);
  await other.getByLabel('Passwort', { exact: true }).fill('wanda-passwort-1');
  await other.getByRole('button', { name: 'Anmelden' }).click();
  await expect(other.getByRole('alert')).toContainText('deaktiviert');
  await context.close();
});

test('a person changes their own password', async ({ page, browser }) => {
  const email = uniqueEmail('pw');
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill('Paula Passwort');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();

  const context = await browser.newContext();
  const paula = await context.newPage();
  await visit(paula, new URL(link).pathname);
  await paula.getByLabel('Neues Passwort', { exact: true }).fill('erstes-passwort');
  await paula.getByLabel('Neues Passwort wiederholen').fill('erstes-passwort');
  await paula.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
  await expect(paula.getByText('Willkommen, Paula Passwort')).toBeVisible();

  await paula.getByRole('link', { name: 'Mein Konto' }).click();
  await hydrated(paula);
  await paula.getByLabel('Aktuelles Passwort').fill('falsch-falsch');
  await paula.getByLabel('Neues Passwort', { exact: true }).fill('zweites-passwort');
  await paula.getByLabel('Neues Passwort wiederholen').fill('zweites-passwort');
  await paula.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(paula.getByRole('alert')).toHaveText('Das aktuelle Passwort ist nicht richtig.');
  await paula.getByLabel('Aktuelles Passwort').fill('erstes-passwort');
  await paula.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(paula.getByRole('status')).toHaveText('Ihr Passwort wurde geändert.');
  await logout(paula);
  await login(paula, email, 'zweites-passwort');
  await context.close();
});

import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COORDINATOR, STAFF, berlinDate, expectAccessible, hydrated, login, logout, processInDiscourse, uniqueEmail, visit } from './helpers';
import { SMTP_DIR } from '../playwright.config';

/** The messages the test SMTP server (aiosmtpd, scripts/smtp-sink.py) received, as stored JSON. */
function received(): Array<{ to: string[]; subject: string; text: string; headers: Record<string, string> }> {
  if (!fs.existsSync(SMTP_DIR)) return [];
  return fs
    .readdirSync(SMTP_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(SMTP_DIR, name), 'utf8')));
}

/** As the coordinator (who is the project group): a process in discourse with a round for everyone. */
async function openRoundForEveryone(page: Page, title: string) {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/runden`);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(berlinDate(14));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  await logout(page);
  return id;
}

test('a new round reaches staff by mail and in the inbox; the bell counts, marking read clears it', async ({ page }) => {
  const title = `KI-Leitlinie Post ${Date.now()}`;
  await openRoundForEveryone(page, title);

  // The mail arrives at the SMTP server, with the link and the one-click unsubscribe headers.
  await expect
    .poll(() => received().filter((m) => m.to.includes(STAFF.email) && m.subject.includes(title)).length, { timeout: 20_000 })
    .toBe(1);
  const mail = received().find((m) => m.to.includes(STAFF.email) && m.subject.includes(title))!;
  expect(mail.subject).toContain('Neue Diskursrunde');
  expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

  await login(page, STAFF.email, STAFF.password);
  const bell = page.getByRole('link', { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: `Neue Diskursrunde: ${title}` });
  await expect(item).toBeVisible();
  await expect(item.getByRole('link', { name: 'Zur Stelle' })).toHaveAttribute('href', /\/prozesse\/\d+\/runden\/\d+$/);
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
  await expect(page.getByTestId('inbox-summary')).toHaveText('Alles gelesen.');
  await expect(page.getByRole('link', { name: 'Benachrichtigungen', exact: true })).toBeVisible();
});

test('the mail preferences are saved per group', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await visit(page, '/konto/benachrichtigungen');
  await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen per E-Mail' })).toBeVisible();
  const versions = page.getByRole('group', { name: 'Neue Versionen' });
  await expect(versions.getByLabel('täglich (Zusammenfassung)')).toBeChecked();
  await expectAccessible(page);
  await versions.getByLabel('wöchentlich (Zusammenfassung)').check();
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihre Einstellungen wurden gespeichert.' }).first()).toBeVisible();
  await visit(page, '/konto/benachrichtigungen');
  await expect(page.getByRole('group', { name: 'Neue Versionen' }).getByLabel('wöchentlich (Zusammenfassung)')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Diskursrunden' }).getByLabel('sofort')).toBeChecked();
});

test('the unsubscribe link from a mail works without log-in', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const title = `KI-Leitlinie Abbestellen ${Date.now()}`;
  await openRoundForEveryone(page, title);
  await expect
    .poll(() => received().filter((m) => m.to.includes(STAFF.email) && m.subject.includes(title)).length, { timeout: 20_000 })
    .toBe(1);
  const mail = received().find((m) => m.to.includes(STAFF.email) && m.subject.includes(title))!;
  const link = mail.headers['List-Unsubscribe'].replace(/^</, '').replace(/>$/, '');
  const unsubscribe = new URL(link).pathname;

  // A fresh browser without a session.
  const stranger = await (await browser.newContext()).newPage();
  await visit(stranger, unsubscribe);
  await expect(stranger.getByRole('heading', { level: 1, name: 'E-Mails abbestellen' })).toBeVisible();
  await expect(stranger.getByRole('listitem').filter({ hasText: 'Diskursrunden' })).toBeVisible();
  await expectAccessible(stranger);
  await stranger.getByRole('button', { name: 'E-Mails abbestellen' }).click();
  await expect(stranger.getByRole('status')).toHaveText('Erledigt: Sie erhalten zu diesen Themen keine E-Mails mehr.');

  await login(page, STAFF.email, STAFF.password);
  await visit(page, '/konto/benachrichtigungen');
  await expect(page.getByRole('group', { name: 'Diskursrunden' }).getByLabel('nie')).toBeChecked();
  // Back to "sofort" for the other tests.
  await page.getByRole('group', { name: 'Diskursrunden' }).getByLabel('sofort').check();
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihre Einstellungen wurden gespeichert.' }).first()).toBeVisible();
});

test('coordinators mail an invitation and see the outbox; the password can be reset by mail', async ({ page }) => {
  const email = uniqueEmail('post');
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill('Olga Post');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await expect(page.getByLabel('Einladung per E-Mail senden')).toBeChecked();
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  await expect(page.getByTestId('invitation-link')).toBeVisible();
  await expect(page.getByText('Die Einladung wurde per E-Mail verschickt.')).toBeVisible();
  const invitationLink = await page.getByTestId('invitation-link').inputValue();
  await expect.poll(() => received().filter((m) => m.to.includes(email)).length, { timeout: 20_000 }).toBe(1);
  expect(received().find((m) => m.to.includes(email))!.text).toContain(new URL(invitationLink).pathname);

  await visit(page, '/admin/mails');
  await expect(page.getByRole('heading', { level: 1, name: 'E-Mail-Versand' })).toBeVisible();
  await expect(page.getByText(/Versandweg: SMTP: 127\.0\.0\.1:\d+/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('gesendet');
  await expectAccessible(page);
  await logout(page);

  await visit(page, '/anmelden');
  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Passwort vergessen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('status')).toContainText('Wenn es ein aktives Konto mit dieser Adresse gibt');
  await expect.poll(() => received().filter((m) => m.to.includes(email)).length, { timeout: 20_000 }).toBe(2);
  const text = received().filter((m) => m.to.includes(email))[1].text;
  const link = text.split(/\s+/).find((w) => w.includes('/passwort-neu/'))!;
  await visit(page, new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Neues Passwort', { exact: true }).fill('Olga-Post-Passwort-2026');
  await page.getByLabel('Neues Passwort wiederholen').fill('Olga-Post-Passwort-2026');
  await page.getByRole('button', { name: 'Passwort speichern und anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
});

import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, expectAccessible, hydrated, login, visit } from './helpers';

/** Creates a process from the dashboard, appoints the coordinator and moves to step 2. */
async function processInDraftStep(page: Page, title: string): Promise<string> {
  await hydrated(page);
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await hydrated(page);
  const id = new URL(page.url()).pathname.split('/')[2];
  expect(id).toMatch(/^\d+$/);

  await page.getByLabel('E-Mail-Adresse der Person').fill(COORDINATOR.email);
  await page.getByLabel('Perspektive', { exact: true }).selectOption({ label: 'Kritiker:in' });
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: new RegExp(COORDINATOR.name) })).toBeVisible();

  await page.getByText('Weiter zu: 2. Entwurf').click();
  await page.getByRole('button', { name: 'Ja, weiter: Entwurf' }).click();
  await expect(page.getByText('Schritt 2 · Entwurf')).toBeVisible();
  return id;
}

/** Saves the editor's text and waits for the confirmation. */
async function save(page: Page) {
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
}

/** Publishes the saved draft as version `n` and waits for its page. */
async function publish(page: Page, n: number, summary: string) {
  await page.getByLabel('Was hat sich geändert?').fill(summary);
  await page.getByRole('button', { name: `Version ${n} veröffentlichen` }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Version ${n}`) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/versionen/${n}$`));
}

test('the project group drafts from the template, publishes two versions and compares them', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDraftStep(page, `KI-Leitlinie E2E ${Date.now()}`);

  // No draft yet: the choice between template and empty start.
  await visit(page, `/prozesse/${id}/entwurf`);
  await expect(page.getByRole('heading', { name: 'Entwurf beginnen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Mit der Vorlage beginnen' }).click();

  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toHaveValue(/## 1\. Präambel/);
  await hydrated(page);
  const preview = page.locator('.preview-body');
  await expect(preview.getByRole('heading', { name: '10. Anhang' })).toBeVisible();
  // The plain-language check lists the chapters.
  await expect(page.getByRole('heading', { level: 3, name: '6. Risiken: Wie schätzen wir sie ein?' })).toBeVisible();
  await expectAccessible(page);

  // The preview follows the typing.
  const template = await editor.inputValue();
  await editor.fill(`${template}\n## 11. Ansprechpersonen\n\nDie KI-Koordination erreichen Sie im Intranet.\n`);
  await expect(preview.getByRole('heading', { name: '11. Ansprechpersonen' })).toBeVisible();
  await expect(page.getByText('Ungespeicherte Änderungen', { exact: true })).toBeVisible();
  await save(page);
  await expect(page.getByText('Ungespeicherte Änderungen', { exact: true })).toHaveCount(0);

  await publish(page, 1, 'Erste Fassung aus der Vorlage');
  await expect(page.getByRole('navigation', { name: 'Inhalt' }).getByRole('link', { name: '11. Ansprechpersonen' })).toBeVisible();
  await expect(page.getByText('Prüfsumme (SHA-256)')).toBeVisible();
  await expect(page.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expectAccessible(page);

  // Edit: one question replaced by a statement, then version 2.
  await visit(page, `/prozesse/${id}/entwurf`);
  const current = await editor.inputValue();
  expect(current).toContain('Was soll KI bei uns nie tun?');
  await editor.fill(current.replace('Was soll KI bei uns nie tun?', 'KI ersetzt bei uns nie das persönliche Gespräch.'));
  await expect(preview.getByText('KI ersetzt bei uns nie das persönliche Gespräch.')).toBeVisible();
  await save(page);
  await publish(page, 2, 'Präambel geschärft');

  // The list of versions, newest first.
  await page.getByRole('link', { name: 'Alle Versionen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Versionen' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Veröffentlichte Versionen, neueste zuerst' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Präambel geschärft');
  await expect(rows.nth(1)).toContainText('Erste Fassung aus der Vorlage');
  await expectAccessible(page);

  // The comparison shows the insertion and the deletion, marked for screen readers too.
  await hydrated(page);
  await page.getByRole('link', { name: 'Vergleichen mit Version 1' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Versionen vergleichen' })).toBeVisible();
  await expect(page.locator('ins').filter({ hasText: 'persönliche Gespräch' })).toBeVisible();
  await expect(page.locator('ins').filter({ hasText: 'persönliche Gespräch' })).toContainText('[eingefügt:]');
  await expect(page.locator('del').filter({ hasText: 'Was soll' })).toBeVisible();
  await expect(page.getByText(/Wörter eingefügt/).first()).toBeVisible();
  await expect(page.getByText(/unveränderte Abschnitte/)).toBeVisible();
  await expectAccessible(page);

  // Any two versions through the form (a plain GET form: the address says what is compared).
  await page.getByLabel('Ältere Version').selectOption('2');
  await page.getByLabel('Neuere Version').selectOption('1');
  await page.getByRole('button', { name: 'Vergleichen' }).click();
  await expect(page).toHaveURL(new RegExp(`/prozesse/${id}/vergleich\\?von=2&zu=1$`));
  await expect(page.locator('del').filter({ hasText: 'persönliche Gespräch' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/von=1&zu=2$/);
  await expect(page.locator('ins').filter({ hasText: 'persönliche Gespräch' })).toBeVisible();
});

test('a save that collides with another shows both texts and loses nothing', async ({ page, context }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDraftStep(page, `Konflikt E2E ${Date.now()}`);
  await visit(page, `/prozesse/${id}/entwurf`);
  await page.getByRole('button', { name: 'Leer beginnen' }).click();
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toHaveValue('');
  await hydrated(page);

  // A second tab (think: a colleague) loads the same state and saves first.
  const other = await context.newPage();
  await visit(other, `/prozesse/${id}/entwurf`);
  await other.getByLabel('Text des Entwurfs (Markdown)').fill('# Leitlinie\n\nText aus dem anderen Fenster.');
  await save(other);

  await editor.fill('# Leitlinie\n\nMein eigener Text.');
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Nicht gespeichert');
  const panel = page.getByRole('region', { name: 'Jemand anderes hat inzwischen gespeichert' });
  await expect(panel.getByLabel(/Gespeicherter Text/)).toHaveValue(/Text aus dem anderen Fenster/);
  await expect(panel.getByLabel('Ihr Text (nicht gespeichert)')).toHaveValue(/Mein eigener Text/);
  await expectAccessible(page);

  await panel.getByRole('button', { name: 'Beide Texte zusammenführen' }).click();
  await expect(editor).toHaveValue(/Text aus dem anderen Fenster/);
  await expect(editor).toHaveValue(/Mein eigener Text/);
  await save(page);
  await expect(panel).toHaveCount(0);

  await visit(other, `/prozesse/${id}/entwurf`);
  await expect(other.getByLabel('Text des Entwurfs (Markdown)')).toHaveValue(/Mein eigener Text/);
});

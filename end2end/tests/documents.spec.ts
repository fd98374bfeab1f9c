import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { COORDINATOR, expectAccessible, hydrated, login, processInDraft, visit } from './helpers';

const fixtures = path.join(__dirname, '..', 'fixtures');

/** Opens a demo process from the start page; its id. */
async function openProcess(page: Page, title: string): Promise<string> {
  await visit(page, '/');
  await page.getByRole('link', { name: title, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split('/')[2];
}

/** Clicks a download link; the suggested file name and the file's bytes. */
async function download(page: Page, link: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('navigation', { name: 'Herunterladen' }).getByRole('link', { name: link }).click(),
  ]);
  const stored = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(stored) };
}

/** The text of a PDF as pdftotext reads it (installed by scripts/install-tools.sh). */
function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString().replace(/\s+/g, ' ');
}

test('a coordinator downloads the adopted guideline as PDF/A and Word, the adoption record, a report and a comparison', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);

  const id = await openProcess(page, 'Leitlinie Videoberatung');
  await visit(page, `/prozesse/${id}/leitlinie`);
  await expectAccessible(page);
  const pdf = await download(page, 'Als PDF (archivierbar, PDF/A)');
  expect(pdf.name).toBe('Leitlinie Videoberatung – Version 1.pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf.bytes);
  expect(text).toContain('Leitlinie Videoberatung');
  expect(text).toMatch(/SHA-256: [0-9a-f]{64}/);
  const numbered = await download(page, 'Als PDF mit Zeilennummern');
  expect(numbered.name).toBe('Leitlinie Videoberatung – Version 1 mit Zeilennummern.pdf');
  const docx = await download(page, 'Als Word-Datei');
  expect(docx.name).toBe('Leitlinie Videoberatung – Version 1.docx');
  expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
  const source = await download(page, /Quelltext/);
  expect(source.name).toBe('Leitlinie Videoberatung – Version 1 – Quelltext.md');

  await visit(page, `/prozesse/${id}/verabschiedung`);
  const record = await download(page, 'Verabschiedungsprotokoll als PDF');
  expect(record.name).toBe('Leitlinie Videoberatung – Verabschiedungsprotokoll.pdf');
  expect(pdfText(record.bytes)).toContain('verabschiedet');

  const privacy = await openProcess(page, 'Leitlinie Datenschutz im Alltag');
  await visit(page, `/prozesse/${privacy}/runden`);
  await page.getByRole('link', { name: 'Runde zu Version 1' }).click();
  await hydrated(page);
  await page.getByRole('link', { name: 'Rückmeldebericht' }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: /Rückmeldebericht/ })).toBeVisible();
  await hydrated(page);
  const report = await download(page, 'Als PDF');
  expect(report.name).toMatch(/^Leitlinie Datenschutz im Alltag – Rückmeldebericht Version 1\.pdf$/);
  expect(pdfText(report.bytes)).toContain('Gilt das auch für Ehrenamtliche?');

  await visit(page, `/prozesse/${privacy}/vergleich?von=1&zu=2`);
  const comparison = await download(page, 'Vergleich als PDF');
  expect(comparison.name).toBe('Leitlinie Datenschutz im Alltag – Vergleich Version 1 mit 2.pdf');
  const compared = pdfText(comparison.bytes);
  expect(compared).toContain('[+');
  expect(compared).toContain('Ehrenamtliche');
});

test('the project group starts a draft from a Word file after a preview, and a broken file changes nothing', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await hydrated(page);
  const id = await processInDraft(page, `Leitlinie aus Word ${Date.now()}`);
  await visit(page, `/prozesse/${id}/entwurf`);

  // A broken file: a German message on the draft page, still no draft.
  await page.getByLabel(/Datei \(\.docx, \.odt oder \.md/).setInputFiles(path.join(fixtures, 'kaputt.docx'));
  await page.getByRole('button', { name: 'Hochladen und Vorschau zeigen' }).click();
  await expect(page.getByRole('alert')).toContainText('beschädigt');
  await expect(page.getByRole('button', { name: 'Leer beginnen' })).toBeVisible();

  await page.getByLabel(/Datei \(\.docx, \.odt oder \.md/).setInputFiles(path.join(fixtures, 'entwurf.docx'));
  await page.getByRole('button', { name: 'Hochladen und Vorschau zeigen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Entwurf aus Datei: Vorschau' })).toBeVisible();
  await expect(page.getByText('entwurf.docx')).toBeVisible();
  const dropped = page.getByRole('status').filter({ hasText: 'Nicht übernommen wurden' });
  await expect(dropped).toContainText('1 Bild oder eingebettetes Objekt');
  await expect(dropped).toContainText('1 Kommentar');
  const preview = page.locator('article.import-preview');
  await expect(preview.getByRole('heading', { name: 'Ziele' })).toBeVisible();
  await expect(preview.getByRole('cell', { name: 'Übersetzung' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('verantwortungsvoll');
  await hydrated(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Als Arbeitsentwurf übernehmen' }).click();
  await expect(page).toHaveURL(new RegExp(`/prozesse/${id}/entwurf$`));
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toHaveValue(/^# KI-Leitlinie aus Word\n\nWir nutzen KI \*\*verantwortungsvoll\*\* und prüfen jedes \*Ergebnis\*\./);
  await expect(editor).toHaveValue(/## Ziele\n\n- Texte entwerfen\n- Übersetzen/);
});

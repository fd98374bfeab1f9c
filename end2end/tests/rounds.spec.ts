import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, STAFF, berlinDate, expectAccessible, hydrated, login, logout, visit } from './helpers';

const TEXT = `# KI-Leitlinie

Wir nutzen KI verantwortungsvoll und prüfen jedes Ergebnis.

Daten von Klientinnen und Klienten gehören nicht in öffentliche KI-Dienste.
`;

/** Creates a process with the coordinator as project group, publishes version 1, moves to step 3. */
async function processInDiscourse(page: Page, title: string, text = TEXT): Promise<string> {
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
  await editor.fill(text);
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
  return berlinDate(days);
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
  // Navigating in the browser loads the paragraphs' HTML through the server function.
  await expect(page.locator('#absatz-b3 .block-text')).toHaveText('Daten von Klientinnen und Klienten gehören nicht in öffentliche KI-Dienste.');
  await expectAccessible(page);
  const button = page.getByRole('button', { name: /^Kommentieren: Absatz 3 „Daten von Klientinnen/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const body = page.getByLabel('Kommentar', { exact: true });
  await expect(body).toBeFocused();
  await page.keyboard.type('Gilt das auch für interne Dienste?');
  await expect(page.getByText('34 / 5.000 Zeichen')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kommentar senden' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Kommentar wurde gespeichert.' })).toBeVisible();
  await expect(page.getByText('Gilt das auch für interne Dienste?')).toBeVisible();
  await expect(page.locator('#absatz-b3').getByText('1 Kommentar', { exact: true })).toBeVisible();
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
  // The comment shows beside its paragraph with the page, without pressing anything.
  await visit(page, roundUrl);
  // A full page load: the paragraphs come with the HTML only (not in the hydration data), and
  // hydration keeps them.
  await hydrated(page);
  await expect(page.locator('#absatz-b3 .block-text')).toHaveText('Daten von Klientinnen und Klienten gehören nicht in öffentliche KI-Dienste.');
  await expect(page.getByRole('list', { name: 'Kommentare zu Absatz 3' }).getByText('Gilt das auch für interne KI-Dienste?')).toBeVisible();
  await page.getByRole('button', { name: 'Unterstützen (0)' }).click();
  await expect(page.getByRole('button', { name: 'Unterstützung zurückziehen (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Antworten' }).click();
  await page.getByLabel('Ihre Antwort').fill('Nein, interne Dienste sind erlaubt.');
  await page.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(page.getByRole('list', { name: 'Antworten' }).getByText('Nein, interne Dienste sind erlaubt.')).toBeVisible();
  await expect(page.locator('#absatz-b3').getByText('2 Kommentare', { exact: true })).toBeVisible();
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

test('list items and table rows are units to comment on, a sentence is chosen by keyboard, and the focus returns to the paragraph', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const text =
    '# Umgang mit KI\n\nWir nutzen KI nur mit Vorsicht. Daten von Klientinnen bleiben intern. Fragen klärt die Projektgruppe.\n\n' +
    '- Übersetzen ist erlaubt.\n- Texte entwerfen ist erlaubt.\n  - mit Prüfung durch eine Fachkraft\n- Über Menschen entscheidet keine KI.\n\n' +
    '| Werkzeug | Regel |\n|---|---|\n| Übersetzer | ohne Namen |\n| Chat-KI | nur Entwürfe |\n';
  const id = await processInDiscourse(page, `KI-Leitlinie Einheiten ${Date.now()}`, text);
  await visit(page, `/prozesse/${id}/runden`);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(inDays(7));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  await hydrated(page);

  // Heading, paragraph, three list items (the nested one stays with its item), header row, two rows.
  await expect(page.locator('.round-block')).toHaveCount(8);
  await expect(page.getByRole('button', { name: /^Kommentieren: Absatz 4 „Texte entwerfen ist erlaubt\. mit Prüfung/ })).toBeVisible();
  await expect(page.locator('#absatz-b4 li li')).toHaveText('mit Prüfung durch eine Fachkraft');
  await expect(page.getByRole('button', { name: /^Kommentieren: Absatz 8 „Chat-KI nur Entwürfe“/ })).toBeVisible();
  await expect(page.locator('#absatz-b8 td').first()).toHaveText('Chat-KI');

  // Keyboard only: open the form, go back to "Textstelle wählen", choose the second sentence.
  await page.getByRole('button', { name: /^Kommentieren: Absatz 2 „Wir nutzen KI/ }).focus();
  await page.keyboard.press('Enter');
  const body = page.getByLabel('Kommentar', { exact: true });
  await expect(body).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  const choose = page.locator('#kommentar-b2 summary', { hasText: 'Textstelle wählen' });
  await expect(choose).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Den ganzen Absatz' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Den ganzen Absatz' })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Daten von Klientinnen bleiben intern.' })).toBeChecked();
  await expectAccessible(page);
  await page.keyboard.press('Tab');
  await expect(body).toBeFocused();
  await page.keyboard.type('Auch in Fallbesprechungen?');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kommentar senden' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Sent: the form closes, the paragraph says so and has the focus, the quote is the sentence.
  const block = page.locator('#absatz-b2');
  await expect(block.getByRole('status')).toHaveText('Ihr Kommentar wurde gespeichert.');
  await expect(block.locator('.block-text')).toBeFocused();
  await expect(body).toHaveCount(0);
  await expect(block.locator('blockquote.comment-quote')).toHaveText('Daten von Klientinnen bleiben intern.');
  await expect(block.getByText('Auch in Fallbesprechungen?')).toBeVisible();

  // A table row offers its cells; a passage marked with the mouse is offered and chosen.
  await page.getByRole('button', { name: /^Kommentieren: Absatz 8/ }).click();
  const rowForm = page.locator('#kommentar-b8');
  await rowForm.locator('summary', { hasText: 'Textstelle wählen' }).click();
  await expect(rowForm.getByRole('radio')).toHaveCount(3);
  await rowForm.getByRole('radio', { name: 'nur Entwürfe' }).check();
  await rowForm.getByLabel('Kommentar', { exact: true }).fill('Auch für Briefe?');
  await rowForm.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(page.locator('#absatz-b8 blockquote.comment-quote')).toHaveText('nur Entwürfe');
  await page.locator('#absatz-b2 .block-text').evaluate((el) => {
    const node = el.querySelector('p')!.firstChild as Text;
    const start = node.data.indexOf('nur mit Vorsicht');
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + 'nur mit Vorsicht'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await page.getByRole('button', { name: /^Kommentieren: Absatz 2/ }).click();
  await expect(page.locator('#kommentar-b2').getByRole('radio', { name: 'Die markierte Stelle: nur mit Vorsicht' })).toBeChecked();
});

test('comments show beside their paragraph, more load in batches, and the list filters them', async ({ page }) => {
  // The demo round on version 2 of "Leitlinie Datenschutz im Alltag" has 200 comments.
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, STAFF.email, STAFF.password);
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  await hydrated(page);

  // The first three comments of paragraph 2 come with the page, beside the text on a wide screen.
  const paragraph = page.locator('#absatz-b2');
  const first = page.getByRole('list', { name: 'Kommentare zu Absatz 2' });
  await expect(first.locator(':scope > li')).toHaveCount(3);
  const text = (await paragraph.locator('.block-text').boundingBox())!;
  const side = (await first.boundingBox())!;
  expect(side.x).toBeGreaterThan(text.x + text.width - 1);
  await expectAccessible(page);

  // The rest loads on demand.
  const more = paragraph.getByRole('button', { name: /^Weitere \d+ Kommentare anzeigen$/ });
  const rest = Number((await more.textContent())!.match(/\d+/)![0]);
  expect(rest).toBeGreaterThan(20);
  await more.click();
  await expect(paragraph.locator('li.comment:not(.comment .comment)')).toHaveCount(3 + rest);
  await expectAccessible(page);

  // On a phone the comments stack below their paragraph.
  await page.setViewportSize({ width: 390, height: 800 });
  const narrowText = (await paragraph.locator('.block-text').boundingBox())!;
  const narrowSide = (await first.boundingBox())!;
  expect(narrowSide.y).toBeGreaterThanOrEqual(narrowText.y + narrowText.height - 1);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The list of all comments, filtered; the filter lives in the address, so back works.
  await page.getByRole('link', { name: 'Alle Kommentare als Liste' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Alle Kommentare · Runde zu Version 2' })).toBeVisible();
  // 200 demo comments, and those other tests of this run may have added.
  const found = page.getByText(/^\d+ Kommentare gefunden$/);
  await expect(found).toBeVisible();
  const total = Number((await found.textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(200);
  const pages = Math.ceil(total / 50);
  await expect(page.locator('li.listed-comment')).toHaveCount(50);
  await expect(page.getByText(`Seite 1 von ${pages}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Nächste Seite' }).click();
  await expect(page.getByText(`Seite 2 von ${pages}`)).toBeVisible();
  await expect(page).toHaveURL(/seite=2/);
  await page.goBack();
  await expect(page.getByText(`Seite 1 von ${pages}`)).toBeVisible();

  await page.getByLabel('Status').selectOption({ label: 'Offen (noch ohne Rückmeldung)' });
  await page.getByLabel('Nur meine Kommentare').check();
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/status=offen/);
  await expect(page).toHaveURL(/meine=1/);
  const mineOpen = page.getByText(/^\d+ Kommentare? gefunden$/);
  await expect(mineOpen).toBeVisible();
  const items = page.locator('li.listed-comment');
  expect(await items.count()).toBeGreaterThan(0);
  await expect(items.first()).toContainText('(Sie)');
  await expect(items.first()).toContainText('noch ohne Rückmeldung');
  await expectAccessible(page);

  await page.getByLabel('Abschnitt').selectOption({ label: 'Fragen' });
  await page.getByLabel('Status').selectOption({ label: 'Ausgeblendet' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page.getByText('0 Kommentare gefunden')).toBeVisible();
  await expect(page.getByText('Kein Kommentar passt zu diesem Filter.')).toBeVisible();
  await expectAccessible(page);
  await page.goBack();
  await expect(page).toHaveURL(/status=offen/);
  await expect(mineOpen).toBeVisible();

  // A listed comment leads back to its paragraph.
  await items.first().getByRole('link', { name: 'Im Text anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`${roundUrl}#absatz-b\\d+$`));
});

test('a thread shows its first three replies and the rest on request', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await hydrated(page);
  const roundId = new URL(page.url()).pathname.split('/')[4];
  const first = page.locator('li.comment[id^="kommentar-"]').first();
  const commentId = (await first.getAttribute('id'))!.replace('kommentar-', '');
  const round = await (
    await page.request.post('/api/get_round', {
      form: { process_id: new URL(page.url()).pathname.split('/')[2], round_id: roundId },
      headers: { Accept: 'application/json' },
    })
  ).json();
  const stamp = Date.now();
  for (let i = 1; i <= 5; i++) {
    const reply = await page.request.post('/api/post_comment', {
      form: {
        round_id: roundId, version_id: String(round.version_id), block_id: '', quote: '',
        body: `Antwort ${i} von ${stamp}`, parent_id: commentId,
      },
      headers: { Accept: 'application/json' },
    });
    expect(reply.ok(), await reply.text()).toBeTruthy();
  }
  await page.reload();
  await hydrated(page);
  const thread = page.locator(`#kommentar-${commentId}`);
  await expect(thread.getByText(`Antwort 5 von ${stamp}`)).toHaveCount(0);
  await thread.getByRole('button', { name: /Weitere \d+ Antworten anzeigen|Eine weitere Antwort anzeigen/ }).click();
  await expect(thread.getByText(`Antwort 5 von ${stamp}`)).toBeVisible();
});

import { expect, test } from '@playwright/test';
import {
  COORDINATOR,
  STAFF,
  berlinDate,
  expectAccessible,
  hydrated,
  login,
  logout,
  processInDiscourse,
  processInDraft,
  visit,
} from './helpers';

// The walk-through of issue #11: a round's deadline changes and early end, step changes that
// settle rounds, the draft editor that keeps unsaved text, the start page's tasks, the group's
// perspectives and German that reads right.

/** "29.11.2026" for `days` from today in Germany, as people type it. */
function germanDate(days: number): string {
  const [y, m, d] = berlinDate(days).split('-');
  return `${d}.${m}.${y}`;
}

test('the group extends a round, ends it early after a confirmation and closes it at once', async ({ page }) => {
  const title = `Runde mit Frist ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);

  // A short round of two days, typed in German.
  await visit(page, `/prozesse/${id}/runden`);
  const end = page.getByRole('group', { name: 'Ende der Kommentarfrist' });
  await end.getByLabel('Datum').fill(germanDate(2));
  await end.getByLabel('Uhrzeit').fill('18:00');
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  await hydrated(page);
  const roundUrl = new URL(page.url()).pathname;

  // Extend to 30 days with a reason.
  const manage = page.getByRole('region', { name: 'Frist und Ende der Runde' });
  await manage.getByText('Frist ändern (verlängern oder verkürzen)').click();
  const newDeadline = manage.getByRole('group', { name: 'Neue Kommentarfrist' });
  await expect(newDeadline.getByLabel('Datum')).toHaveValue(germanDate(2));
  await newDeadline.getByLabel('Datum').fill(germanDate(30));
  await manage.getByLabel('Begründung (für alle sichtbar)').first().fill('Die Nachtschicht braucht mehr Zeit.');
  await manage.getByRole('button', { name: 'Frist ändern', exact: true }).click();
  const changes = page.getByRole('region', { name: 'Änderungen der Frist' });
  await expect(changes).toContainText(`die Frist verlängert: vom ${germanDate(2)}, 18:00 Uhr auf den ${germanDate(30)}, 18:00 Uhr.`);
  await expect(changes).toContainText('Begründung: Die Nachtschicht braucht mehr Zeit.');
  await expectAccessible(page);

  // End it early: the confirmation is required.
  await page.getByText('Runde vorzeitig beenden', { exact: true }).click();
  const endForm = page.locator('details.end-round');
  await endForm.getByLabel('Begründung (für alle sichtbar)').fill('Alle Teams haben im Workshop beraten.');
  await endForm.getByRole('button', { name: 'Runde jetzt beenden' }).click();
  // The browser refuses the form while the box is not ticked: still open.
  await expect(page.getByRole('button', { name: /^Kommentieren: Absatz 1/ })).toBeVisible();
  await endForm.getByLabel('Ja, die Kommentierung soll jetzt enden.').check();
  await endForm.getByRole('button', { name: 'Runde jetzt beenden' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Die Projektgruppe hat die Runde am .* vorzeitig beendet/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kommentieren:/ })).toHaveCount(0);
  await expect(changes).toContainText('die Runde vorzeitig beendet (ursprüngliche Frist:');

  // Nobody commented: the round closes at once, without waiting for the deadline.
  await page.getByRole('link', { name: 'Rückmeldungen geben' }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Runde abschließen' }).click();
  await visit(page, roundUrl);
  await expect(page.getByText('abgeschlossen', { exact: true })).toBeVisible();

  // The audit log says it in German, with links.
  await visit(page, '/audit');
  const row = page.getByRole('row').filter({ hasText: 'Frist einer Diskursrunde geändert' }).first();
  await expect(row).toContainText('bisherige Frist');
  await expect(row).toContainText(`${germanDate(30)}, 18:00 Uhr`);
  await expect(row.getByRole('link', { name: `„${title}“` })).toHaveAttribute('href', `/prozesse/${id}`);
  await expect(row).not.toContainText('extended');
  await expect(page.getByRole('row').filter({ hasText: 'Diskursrunde vorzeitig beendet' }).first()).toContainText('Alle Teams haben im Workshop beraten.');
});

test('stepping back to the draft ends the open round and the start page stops advertising it', async ({ page }) => {
  const title = `Runde beim Schrittwechsel ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/runden`);
  await page.getByRole('group', { name: 'Ende der Kommentarfrist' }).getByLabel('Datum').fill(germanDate(14));
  await page.getByRole('button', { name: 'Diskursrunde öffnen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 1' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  await visit(page, '/');
  await expect(page.getByRole('link', { name: new RegExp(`Offene Diskursrunde: ${title}`) })).toBeVisible();

  await visit(page, `/prozesse/${id}`);
  await page.getByText('Einen Schritt zurückgehen').click();
  await page.getByLabel('Zurück zu').selectOption({ label: '2. Entwurf' });
  await page.getByLabel('Begründung', { exact: true }).fill('Kapitel 2 wird neu geschrieben.');
  await page.getByRole('button', { name: 'Zurückgehen' }).click();
  await expect(page.getByText('Schritt 2 · Entwurf')).toBeVisible();

  await visit(page, roundUrl);
  await expect(page.getByRole('status').filter({ hasText: 'weil der Prozess in den Schritt „Entwurf“ gewechselt ist' })).toBeVisible();
  await expect(page.getByText('in Auswertung', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kommentieren:/ })).toHaveCount(0);
  await visit(page, '/');
  await expect(page.getByRole('heading', { name: /Was auf Sie wartet/ })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`Offene Diskursrunde: ${title}`) })).toHaveCount(0);
});

test('the draft editor warns before leaving, keeps the text on the device and offers it back', async ({ page }) => {
  const title = `Entwurf ohne Verlust ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  // A second member: "Zuletzt gespeichert" then shows who saved last.
  await visit(page, `/prozesse/${id}`);
  await page.getByLabel('E-Mail-Adresse der Person').fill(STAFF.email);
  await page.getByLabel('Perspektive', { exact: true }).selectOption({ label: 'Fachpraxis' });
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: /Sam Mitarbeit/ })).toBeVisible();
  await logout(page);
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/entwurf`);
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await editor.fill('# Neu\n\nEin Absatz, der noch nicht gespeichert ist.');
  await expect(page.getByText('Ungespeicherte Änderungen', { exact: true })).toBeVisible();

  // A click on "Start" in the header asks first; staying keeps the text.
  let asked = '';
  page.once('dialog', async (dialog) => {
    asked = dialog.message();
    await dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Start' }).click();
  await expect.poll(() => asked).toContain('noch nicht gespeichert');
  await expect(page).toHaveURL(new RegExp(`/prozesse/${id}/entwurf$`));
  await expect(editor).toHaveValue(/noch nicht gespeichert ist/);

  // Leaving on purpose; back in the editor, the text is offered back.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await visit(page, `/prozesse/${id}/entwurf`);
  const offer = page.getByRole('region', { name: 'Ungespeicherter Text auf diesem Gerät' });
  await expect(offer).toBeVisible();
  await expectAccessible(page);
  await offer.getByRole('button', { name: 'Ungespeicherten Text wiederherstellen' }).click();
  await expect(editor).toHaveValue(/noch nicht gespeichert ist/);
  await expect(offer).toHaveCount(0);

  // Saving updates "Zuletzt gespeichert" at once and forgets the copy.
  const lastSaved = page.getByText(/^Zuletzt gespeichert/);
  await expect(lastSaved).toContainText(COORDINATOR.name);
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await expect(lastSaved).toContainText(STAFF.name);
  await expect(lastSaved).toContainText(/\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr/);
  await visit(page, `/prozesse/${id}/entwurf`);
  await expect(page.getByRole('region', { name: 'Ungespeicherter Text auf diesem Gerät' })).toHaveCount(0);

  // Closing the tab with unsaved text asks the browser's own question.
  await page.getByLabel('Text des Entwurfs (Markdown)').fill('Noch ein ungespeicherter Satz.');
  let unload = '';
  page.once('dialog', async (dialog) => {
    unload = dialog.type();
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => unload).toBe('beforeunload');
});

test('each person sees what waits for them on the start page', async ({ page }) => {
  await login(page, STAFF.email, STAFF.password);
  const tasks = page.getByRole('region', { name: /Was auf Sie wartet/ });
  await expect(tasks).toBeVisible();
  // The demo's open round of "Leitlinie Datenschutz im Alltag" and the adopted guidelines.
  await expect(tasks.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // Petra has not confirmed the adopted guidelines yet.
  await login(page, 'petra@demo.mitsprache.de', 'Demo-Team-2026');
  await expect(page.getByRole('link', { name: 'Leitlinie lesen und bestätigen: Leitlinie Videoberatung, Version 1' })).toBeVisible();
  await logout(page);

  // The project group of the data-protection guideline (the coordinator) has comments to answer.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await expect(page.getByRole('link', { name: /Kommentare? warte[nt]? auf eine Rückmeldung: Leitlinie Datenschutz im Alltag/ })).toBeVisible();
});

test('a member brings several perspectives, appointing again says what changed', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const title = `Gruppe mit Perspektiven ${Date.now()}`;
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole('note').filter({ hasText: 'Befürworter:in' })).toBeVisible();

  const appoint = async (perspective: string) => {
    await page.getByLabel('E-Mail-Adresse der Person').fill(STAFF.email);
    await page.getByLabel('Perspektive', { exact: true }).selectOption({ label: perspective });
    await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  };
  await appoint('Betriebsrat/MAV');
  await expect(page.getByRole('status').filter({ hasText: 'Sam Mitarbeit ist jetzt in der Projektgruppe (Perspektive: Betriebsrat/MAV).' })).toBeVisible();
  await appoint('Kritiker:in');
  await expect(page.getByRole('status').filter({ hasText: 'und bringt jetzt zusätzlich die Perspektive „Kritiker:in“ ein.' })).toBeVisible();
  const row = page.getByRole('row', { name: /Sam Mitarbeit/ });
  await expect(row).toContainText('Kritiker:in');
  await expect(row).toContainText('Betriebsrat/MAV');
  // The form is empty again after success.
  await expect(page.getByLabel('E-Mail-Adresse der Person')).toHaveValue('');
  await expectAccessible(page);
});

test('German reads right: one answer must be chosen, the report of an open round has a title, the table of contents numbers once', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  // The open round of the demo's data-protection guideline.
  await visit(page, '/');
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await hydrated(page);
  const roundUrl = new URL(page.url()).pathname;
  await visit(page, `${roundUrl}/rueckmeldungen?status=offen`);
  const first = page.locator('.disposition-card').first();
  await expect(first.getByLabel('Rückmeldung', { exact: true })).toHaveValue('');
  await expect(first.getByLabel('Rückmeldung', { exact: true }).locator('option:checked')).toHaveText('Bitte wählen');
  // A missing reason is reported at the comment, and the typed answer stays.
  await first.getByLabel('Rückmeldung', { exact: true }).selectOption({ label: 'nicht übernommen' });
  await first.getByRole('button', { name: 'Rückmeldung speichern' }).click();
  await expect(first.getByRole('alert')).toContainText('Bitte begründen Sie die Rückmeldung „nicht übernommen“.');
  await expect(first.getByLabel('Rückmeldung', { exact: true })).toHaveValue('not_accepted');

  await logout(page);

  // Staff reach the report of the open round before it exists: a page with a title.
  await login(page, 'petra@demo.mitsprache.de', 'Demo-Team-2026');
  await visit(page, `${roundUrl}/bericht`);
  await expect(page).toHaveTitle(/^Rückmeldebericht/);
  await expect(page.getByRole('heading', { level: 1, name: 'Rückmeldebericht' })).toBeVisible();
  await expectAccessible(page);

  // The adopted video-counselling guideline: chapters carry their numbers, the list adds none.
  await visit(page, '/');
  await page.getByRole('link', { name: /Leitlinie lesen und bestätigen: Leitlinie Videoberatung/ }).click();
  await hydrated(page);
  const toc = page.getByRole('navigation', { name: 'Inhalt' });
  await expect(toc.locator('ol')).toHaveCount(0);
  const style = await toc.locator('li').first().evaluate((li) => getComputedStyle(li).listStyleType);
  expect(style).toBe('none');
});

test('reading layout: the round text uses the width, German is hyphenated, a table keeps its headers on a phone', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Runde zu Version/ })).toBeVisible();
  // At 1280 px the paragraph column used to be about 330 px wide beside an empty third.
  const textWidth = await page.locator('.round-block .block-text').first().evaluate((e) => e.getBoundingClientRect().width);
  expect(textWidth).toBeGreaterThan(560);
  const guideline = page.locator('.round-text.guideline');
  expect(await guideline.evaluate((e) => getComputedStyle(e).hyphens)).toBe('auto');
  // Long words are not broken at any letter ("Nac hha ltig keit"): only hyphenation or, as a
  // last resort, a break inside a word that does not fit at all.
  expect(await guideline.evaluate((e) => getComputedStyle(e).overflowWrap)).toBe('break-word');

  // A version with a table, read on a phone: each row is a card whose cells name their column.
  await visit(page, '/');
  const id = await processInDraft(page, `Tabelle auf dem Telefon ${Date.now()}`);
  await visit(page, `/prozesse/${id}/entwurf`);
  await page.getByRole('button', { name: 'Leer beginnen' }).click();
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await hydrated(page);
  await editor.fill(
    '# Werkzeuge\n\n| Werkzeug | Nachhaltigkeitsbewertung | Datenschutzfolgenabschätzung |\n|---|---|---|\n| Übersetzungsdienst | Menschenwürde beachten | erforderlich |\n',
  );
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await page.getByLabel('Was hat sich geändert?').fill('Tabelle');
  await page.getByRole('button', { name: 'Version 1 veröffentlichen' }).click();
  await expect(page).toHaveURL(/\/versionen\/1$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const header = page.locator('article.guideline th', { hasText: 'Nachhaltigkeitsbewertung' });
  await expect(header).toBeVisible();
  const cell = page.locator('article.guideline td', { hasText: 'Menschenwürde beachten' });
  await expect(cell).toBeVisible();
  expect(await cell.evaluate((e) => getComputedStyle(e, '::before').content)).toBe('"Nachhaltigkeitsbewertung"');
  // The card fits the screen: nothing to scroll sideways.
  expect(await cell.evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  // The comparison shows the text as read: a changed table cell, without pipes and `|---|`.
  await page.setViewportSize({ width: 1280, height: 900 });
  await visit(page, `/prozesse/${id}/entwurf`);
  await hydrated(page);
  await editor.fill(
    '# Werkzeuge\n\n| Werkzeug | Nachhaltigkeitsbewertung | Datenschutzfolgenabschätzung |\n|---|---|---|\n| Übersetzungsdienst | Menschenwürde beachten | nicht nötig |\n',
  );
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await page.getByLabel('Was hat sich geändert?').fill('Abschätzung');
  await page.getByRole('button', { name: 'Version 2 veröffentlichen' }).click();
  await expect(page).toHaveURL(/\/versionen\/2$/);
  await visit(page, `/prozesse/${id}/vergleich?von=1&zu=2`);
  const diff = page.locator('.diff-section .diff-text').first();
  await expect(diff).toContainText('Übersetzungsdienst │ Menschenwürde beachten │');
  await expect(diff.locator('ins')).toContainText('nicht nötig');
  expect(await diff.innerText()).not.toContain('|');
});

import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, hydrated, login, logout, visit } from './helpers';

/** Version 3 of the demo's social-media guideline: the photo section answers a comment. */
const SOCIAL_V3 = `# Social Media

Wir zeigen unsere Arbeit gern in sozialen Netzwerken.

## Fotos

Fotos von Klientinnen und Klienten veröffentlichen wir nur mit schriftlicher Einwilligung. Für Gruppenfotos, auf denen niemand zu erkennen ist, genügt ein Aushang.

## Private Konten

Wer privat über die Arbeit schreibt, nennt keine Namen und keine Orte.
`;

// Uses the demo process "Leitlinie Social Media": its round on version 2 has passed the deadline
// and three comments by the staff account wait for an answer; the coordinator is its project group.
test('the group answers every comment (two in bulk), closes the round, publishes version 3 with links, and the author sees the answer', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.getByRole('link', { name: 'Leitlinie Social Media' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leitlinie Social Media' })).toBeVisible();
  const processId = new URL(page.url()).pathname.split('/')[2];
  await visit(page, `/prozesse/${processId}/runden`);
  await page.getByRole('link', { name: 'Runde zu Version 2' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('link', { name: 'Rückmeldungen geben' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Rückmeldungen geben/ })).toBeVisible();
  await hydrated(page);
  const listUrl = new URL(page.url()).pathname;
  await expect(page.getByText('0 von 3 beantwortet')).toBeVisible();
  await expectAccessible(page);

  // Closing is refused while comments lack an answer.
  await page.getByRole('button', { name: 'Runde abschließen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '3 von 3 Kommentaren sind noch ohne Rückmeldung' })).toBeVisible();

  // One answer with a reason.
  const photos = page.getByRole('article').filter({ hasText: 'Gruppenfotos' });
  await photos.getByLabel('Rückmeldung', { exact: true }).selectOption({ label: 'teilweise übernommen' });
  await photos.getByLabel('Begründung', { exact: true }).fill('Für Gruppenfotos ohne erkennbare Personen reicht ein Aushang.');
  await photos.getByRole('button', { name: 'Rückmeldung speichern' }).click();
  await expect(page.getByText('1 von 3 beantwortet')).toBeVisible();
  await hydrated(page);

  // The other two in bulk.
  for (const text of ['Muster für die Einwilligung', 'privaten Konto']) {
    await page.getByRole('article').filter({ hasText: text }).getByRole('checkbox').check();
  }
  const bulk = page.getByRole('region', { name: 'Mehreren Kommentaren dieselbe Rückmeldung geben' });
  await expect(bulk.getByText('2 ausgewählt')).toBeVisible();
  await bulk.getByLabel('Rückmeldung', { exact: true }).selectOption({ label: 'übernommen' });
  await bulk.getByRole('button', { name: 'Den ausgewählten Kommentaren zuweisen' }).click();
  await expect(page.getByText('3 von 3 beantwortet')).toBeVisible();

  await page.getByRole('button', { name: 'Runde abschließen' }).click();
  await expect(page.getByText('Die Runde ist abgeschlossen; die Rückmeldungen sind endgültig.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rückmeldung speichern' })).toHaveCount(0);

  // The feedback report, on screen and in print.
  const reportUrl = listUrl.replace(/rueckmeldungen$/, 'bericht');
  await visit(page, reportUrl);
  await expect(page.getByRole('heading', { level: 2, name: /^Rückmeldebericht: Leitlinie Social Media/ })).toBeVisible();
  await expect(page.getByText('Für Gruppenfotos ohne erkennbare Personen reicht ein Aushang.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rückmeldungen insgesamt' })).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Drucken' })).toBeHidden();
  await expect(page.getByText('Für Gruppenfotos ohne erkennbare Personen reicht ein Aushang.')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The group merges the answers into the working draft and publishes version 3.
  await visit(page, `/prozesse/${processId}/entwurf`);
  await page.getByRole('button', { name: 'Leer beginnen' }).click();
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toBeVisible();
  await hydrated(page);
  await editor.fill(SOCIAL_V3);
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await page.getByLabel('Was hat sich geändert?').fill('Runde zu Version 2 eingearbeitet');
  await page.getByRole('button', { name: 'Version 3 veröffentlichen' }).click();
  await expect(page).toHaveURL(/\/versionen\/3$/);

  // The partly accepted comment is linked to the section of version 3 it changed.
  await visit(page, listUrl);
  const photosAgain = page.getByRole('article').filter({ hasText: 'Gruppenfotos' });
  await photosAgain.getByLabel('Geführt zu Änderung in').selectOption({ label: 'Version 3: Fotos' });
  await photosAgain.getByRole('button', { name: 'Mit Änderung verknüpfen' }).click();
  await expect(photosAgain.getByRole('link', { name: 'Version 3: Fotos' })).toBeVisible();

  // The comparison 2 → 3 shows the comment beside the changed section.
  await visit(page, `/prozesse/${processId}/vergleich?von=2&zu=3`);
  const photoDiff = page.locator('#diff-fotos');
  await expect(photoDiff.getByRole('heading', { name: 'Kommentare, die zu dieser Änderung geführt haben' })).toBeVisible();
  await expect(photoDiff.getByText(/Brauchen wir die Einwilligung auch für Gruppenfotos/)).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // The author sees the answer and its reason on "Meine Kommentare".
  await login(page, STAFF.email, STAFF.password);
  await page.getByRole('link', { name: 'Meine Kommentare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Kommentare' })).toBeVisible();
  await expect(
    page.getByText('teilweise übernommen: Für Gruppenfotos ohne erkennbare Personen reicht ein Aushang.'),
  ).toBeVisible();
  await expectAccessible(page);
  // … and follows the link from the comment to the change it led to.
  const mine = page.getByRole('listitem').filter({ hasText: 'Gruppenfotos' });
  await mine.getByRole('link', { name: 'Version 3: Fotos' }).click();
  await expect(page).toHaveURL(/\/vergleich\?von=2&zu=3#diff-fotos$/);
  await expect(page.locator('#diff-fotos')).toContainText('Für Gruppenfotos, auf denen niemand zu erkennen ist');
  // Staff see the report of the closed round too.
  await visit(page, reportUrl);
  await expect(page.getByRole('heading', { level: 2, name: /^Rückmeldebericht/ })).toBeVisible();
});

test('the report of an open round is not shown to staff, the demo round lists 200 comments in pages', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await page.getByRole('link', { name: 'Leitlinie Datenschutz im Alltag' }).first().click();
  const processId = new URL(page.url()).pathname.split('/')[2];
  await visit(page, `/prozesse/${processId}/runden`);
  await page.getByRole('link', { name: 'Runde zu Version 2' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde zu Version 2' })).toBeVisible();
  const roundUrl = new URL(page.url()).pathname;
  await visit(page, `${roundUrl}/rueckmeldungen`);
  await expect(page.getByText('60 von 200 beantwortet')).toBeVisible();
  await expect(page.getByText('Seite 1 von 4')).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Offen' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page.getByText('140 Kommentare gefunden')).toBeVisible();
  await logout(page);

  await login(page, STAFF.email, STAFF.password);
  const response = await page.goto(`${roundUrl}/bericht`);
  expect(response?.status()).toBe(409);
  await expect(page.getByText('Der Rückmeldebericht erscheint, sobald die Projektgruppe die Runde abgeschlossen hat.')).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, addBody, berlinDate, decide, expectAccessible, hydrated, login, logout, processInDiscourse, today, visit } from './helpers';

test('the group proposes, management approves, the works council approves with conditions, staff acknowledge', async ({ page }) => {
  const title = `KI-Leitlinie Verabschiedung ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);

  // The coordinator configures the bodies: management (the coordinator) and works council (staff).
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await expect(page.getByRole('heading', { level: 2, name: 'Verabschiedung', exact: true })).toBeVisible();
  await addBody(page, 'Geschäftsführung', COORDINATOR.email);
  await addBody(page, 'Betriebsrat', STAFF.email);
  await expectAccessible(page);

  // The project group proposes version 1; it is frozen with its SHA-256 hash.
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();
  await expect(page.locator('dd code.hash')).toHaveText(/^[0-9a-f]{64}$/);
  await hydrated(page);
  await page.getByLabel('Text der Zusammenfassung').fill('Wir nutzen KI **mit Bedacht** und schützen Daten.');
  await page.getByRole('button', { name: 'Zusammenfassung speichern' }).click();
  await expect(page.getByLabel('Text der Zusammenfassung')).toHaveValue(/mit Bedacht/);

  // Management approves.
  await hydrated(page);
  await decide(page, 'Geschäftsführung', 'Zugestimmt');
  await expect(page.locator('.adoption-status')).toHaveText('Entscheidungen stehen aus');
  await expectAccessible(page);
  await logout(page);

  // The works council approves with conditions; the guideline is adopted.
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await decide(page, 'Betriebsrat', 'Mit Auflagen zugestimmt', 'Schulung aller Teams bis März');
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');

  // The published guideline: summary, contents, decisions; staff acknowledge once.
  await page.getByRole('link', { name: 'Verabschiedete Leitlinie lesen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Das Wichtigste in Kürze' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Inhalt' }).getByRole('link', { name: 'Datenschutz' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Betriebsrat mit Auflagen zugestimmt/ })).toContainText('Schulung aller Teams bis März');
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Zur Kenntnis genommen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben diese Version zur Kenntnis genommen.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Zur Kenntnis genommen' })).toHaveCount(0);
  await logout(page);

  // The coordinator sees the acknowledgement rate.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, `/prozesse/${id}/leitlinie`);
  await expect(page.getByText(/^1 von \d+ Personen hat die Leitlinie zur Kenntnis genommen\.$/)).toBeVisible();
  await expectAccessible(page);
});

test('the group withdraws a proposal with a reason, after a confirmation, and is back at the draft', async ({ page }) => {
  const title = `KI-Leitlinie Rückzug ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await addBody(page, 'Geschäftsführung', COORDINATOR.email);
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();

  // The generic step buttons no longer take a frozen version out of adoption.
  await expect(page.getByRole('heading', { name: 'Vorschlag zurückziehen' })).toBeVisible();
  await hydrated(page);
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Vorschlag zurückziehen' }) });
  await form.getByLabel('Begründung').fill('In Kapitel 2 fehlt die Regel für Übersetzungen.');
  // Without the confirmation the browser refuses to send the form.
  await form.getByRole('button', { name: 'Vorschlag zurückziehen' }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();
  await form.getByRole('checkbox', { name: /Ich möchte den Vorschlag zurückziehen/ }).check();
  await form.getByRole('button', { name: 'Vorschlag zurückziehen' }).click();
  await expect(page.getByText('Schritt 2 · Entwurf')).toBeVisible();
  await expect(page.locator('.adoption-status')).toHaveText(
    'Vorschlag zurückgezogen: In Kapitel 2 fehlt die Regel für Übersetzungen.',
  );
  await expectAccessible(page);
});

test('a works council resolves in a meeting; the chair and a further member confirm the minutes; the guideline is adopted', async ({ page }) => {
  const title = `KI-Leitlinie Betriebsrat ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await addBody(page, 'Betriebsrat', COORDINATOR.email);
  const card = page.getByRole('article', { name: 'Betriebsrat' });
  await card.getByLabel('E-Mail-Adresse des Mitglieds (Betriebsrat)').fill(STAFF.email);
  await card.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
  await expect(card.getByRole('listitem').filter({ hasText: STAFF.name })).toBeVisible();

  // The coordinator sets the procedure (works council of three) and the chair.
  await hydrated(page);
  await card.getByText('Verfahren einstellen').click();
  await card.getByLabel('Verfahren', { exact: true }).selectOption('works_council');
  await card.getByLabel('Mitglieder des Betriebsrats (auch ohne Konto hier)').fill('3');
  await card.getByRole('button', { name: 'Verfahren speichern' }).click();
  await expect(card.locator('.procedure-kind')).toContainText('Betriebsrat (BetrVG): Beschluss in einer Sitzung');
  await card.getByLabel('Vorsitz festlegen').selectOption({ label: COORDINATOR.name });
  await card.getByRole('button', { name: 'Vorsitz speichern' }).click();
  await expect(card.getByText(`Vorsitz: ${COORDINATOR.name}`)).toBeVisible();
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();

  // One of three members is no quorum: the app says why and records nothing.
  await hydrated(page);
  const resolve = async (present: string, yes: string) => {
    await card.getByLabel('Datum der Sitzung').fill(today());
    await card.getByLabel('Teilnehmende Mitglieder').fill(present);
    await card.getByLabel('Ja-Stimmen').fill(yes);
    await card.getByLabel('Nein-Stimmen').fill('0');
    await card.getByLabel('Enthaltungen').fill('0');
    await card.getByLabel('Wortlaut des Beschlusses').fill('Der Betriebsrat stimmt der KI-Leitlinie zu.');
    await card.getByLabel(/Protokollverweis/).fill('BR-Sitzung 2026/14, TOP 3');
    await card.getByRole('button', { name: 'Beschluss eintragen' }).click();
  };
  await resolve('1', '1');
  await expect(card.getByText(/nicht beschlussfähig: 1 von 3 Mitgliedern/)).toBeVisible();
  await resolve('2', '2');
  await expect(card.getByText(/2 von 3 Mitgliedern haben teilgenommen – beschlussfähig/)).toBeVisible();
  await card.getByRole('button', { name: 'Niederschrift als Vorsitz bestätigen' }).click();
  await expect(card.getByText(/Niederschrift bestätigt von: Kim Koordination \(Vorsitz\)/)).toBeVisible();
  await expect(page.locator('.adoption-status')).toHaveText('Entscheidungen stehen aus');
  await logout(page);

  // A further member confirms: the resolution is the council's decision; the guideline is adopted.
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await page.getByRole('article', { name: 'Betriebsrat' }).getByRole('button', { name: 'Niederschrift als weiteres Mitglied bestätigen' }).click();
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');
  await expect(page.getByRole('article', { name: 'Betriebsrat' }).locator('.decision-basis')).toContainText('§ 33 BetrVG');
  await expectAccessible(page);
});

test('a MAV under the MVG-EKD stays silent until its deadline has passed: the app records the deemed approval', async ({ page }) => {
  const title = `KI-Leitlinie MAV ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await addBody(page, 'Mitarbeitervertretung', STAFF.email);
  const card = page.getByRole('article', { name: 'Mitarbeitervertretung' });
  await hydrated(page);
  await card.getByText('Verfahren einstellen').click();
  await card.getByLabel('Verfahren', { exact: true }).selectOption('mav_ekd');
  await card.getByRole('button', { name: 'Verfahren speichern' }).click();
  await expect(card.locator('.procedure-kind')).toContainText('Mitarbeitervertretung (MVG-EKD): Zustimmung mit Frist');
  await card.getByText('Rechtsgrundlage und Regel').click();
  await expect(card.getByText(/Frist von zwei Wochen/)).toBeVisible();
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();

  // The request reached the MAV three weeks ago; it never answered.
  await hydrated(page);
  await card.getByLabel('Antrag eingegangen bei der Mitarbeitervertretung am').fill(berlinDate(-21));
  await card.getByRole('button', { name: 'Antrag eintragen (Frist beginnt)' }).click();
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');
  await expect(card.locator('.decision-basis')).toContainText('Von Mitsprache festgestellt');
  await expect(card.locator('.decision-basis')).toContainText('gilt als gebilligt');
  await expectAccessible(page);
});

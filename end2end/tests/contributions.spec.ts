import { expect, Page, test } from '@playwright/test';
import { COORDINATOR, STAFF, expectAccessible, login, visit } from './helpers';

/** Creates a process as the signed-in coordinator and returns its contributions page path. */
async function createProcess(page: Page, title: string) {
  await visit(page, '/');
  await page.getByLabel('Titel').fill(title);
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/prozesse\/\d+$/);
  return `${new URL(page.url()).pathname}/beitraege`;
}

/** Submits a contribution through the form and waits for the thank-you message. */
async function submitContribution(page: Page, kind: string, text: string, anonymous: boolean) {
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByRole('textbox', { name: 'Ihr Beitrag' }).fill(text);
  if (anonymous) {
    await page.getByRole('checkbox', { name: 'Anonym einreichen' }).check();
  }
  await page.getByRole('button', { name: 'Beitrag einreichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Beitrag ist eingegangen' })).toBeVisible();
  // The form is emptied for the next contribution.
  await expect(page.getByRole('textbox', { name: 'Ihr Beitrag' })).toHaveValue('');
  await expect(page.getByRole('checkbox', { name: 'Anonym einreichen' })).not.toBeChecked();
}

test('staff contribute (one anonymously) and the group tags without ever seeing the anonymous author', async ({ page, browser }) => {
  const title = `KI-Leitlinie ${Date.now()}`;
  const secret = 'Ich sorge mich, dass KI-Protokolle zur Leistungskontrolle genutzt werden.';

  // The coordinator creates a process, joins its project group and contributes by name.
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const path = await createProcess(page, title);
  await page.getByLabel('E-Mail-Adresse der Person').fill(COORDINATOR.email);
  await page.getByLabel('Perspektive').selectOption('critic');
  await page.getByRole('button', { name: 'In die Projektgruppe berufen' }).click();
  await expect(page.getByRole('row', { name: /Kim Koordination/ })).toBeVisible();
  await visit(page, path);
  await expect(page.getByRole('heading', { level: 2, name: 'Alle Beiträge' })).toBeVisible();
  await expect(page.getByText('Noch gibt es keine Beiträge')).toBeVisible();
  await submitContribution(page, 'Erwartung', 'Klare Regeln, welche Tools erlaubt sind.', false);

  // Staff submit in their own browser: the counter follows the typing.
  const context = await browser.newContext();
  const staff = await context.newPage();
  await login(staff, STAFF.email, STAFF.password);
  await visit(staff, path);
  await expect(staff.getByText('Sie haben in diesem Prozess noch keinen Beitrag eingereicht.')).toBeVisible();
  await staff.getByRole('textbox', { name: 'Ihr Beitrag' }).fill('Zwölf Zeichen');
  await expect(staff.getByText('13 / 5.000 Zeichen')).toBeVisible();
  await expect(staff.getByRole('textbox', { name: 'Ihr Beitrag' })).toHaveAttribute('aria-describedby', /contribution-text-counter/);
  await submitContribution(staff, 'Bedenken', secret, true);
  await expect(staff.getByText('0 / 5.000 Zeichen')).toBeVisible();

  const mine = staff.getByRole('region', { name: 'Meine Beiträge' });
  await expect(mine.getByText(secret)).toBeVisible();
  await expect(mine.getByText('Ihr Beitrag (anonym eingereicht)')).toBeVisible();
  // Staff see the coordinator's named contribution too (visible by default).
  const all = staff.getByRole('region', { name: 'Alle Beiträge' });
  await expect(all.getByText('von Kim Koordination')).toBeVisible();
  await expectAccessible(staff);
  await context.close();

  // The group sees the contribution as anonymous, tags it and sees the counts.
  await visit(page, path);
  const item = page.getByRole('listitem').filter({ hasText: secret }).last();
  await expect(item.getByText('Anonym', { exact: true })).toBeVisible();
  await item.getByText('Bearbeiten: Schlagwörter, Cluster, Abschnitte').click();
  await item.getByLabel('Neue Schlagwörter').fill('Datenschutz, Leistungskontrolle');
  await item.getByRole('button', { name: 'Hinzufügen' }).click();
  const counts = page.getByRole('group', { name: 'Überblick' });
  await expect(counts.getByRole('link', { name: 'datenschutz (1)' })).toBeVisible();
  await expect(counts.getByRole('link', { name: '1 Bedenken' })).toBeVisible();
  await expect(counts.getByRole('link', { name: '1 Erwartung', exact: true })).toBeVisible();
  await expect(item.locator('.tags')).toContainText('leistungskontrolle');
  // Without a draft, linking explains itself.
  await expect(item.getByText('Es gibt noch keinen Entwurf')).toBeVisible();

  // The tag filter is a plain GET form: it lands in the address and survives a reload.
  await page.getByLabel('Schlagwort', { exact: true }).selectOption('datenschutz');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/schlagwort=datenschutz/);
  await expect(page.getByText('1 von 2 Beiträgen')).toBeVisible();

  // The anonymous author's name appears nowhere on the group's page.
  await visit(page, path);
  const html = await page.content();
  expect(html).toContain(secret);
  expect(html).not.toContain(STAFF.name);
  expect(html).not.toContain(STAFF.email);
  await expectAccessible(page);
});

test('a too long contribution is refused with a German message and the text stays', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const path = await createProcess(page, `Lange Texte ${Date.now()}`);
  await visit(page, path);
  await page.getByRole('radio', { name: /^Erfahrung/ }).check();
  const long = 'a'.repeat(5001);
  await page.getByRole('textbox', { name: 'Ihr Beitrag' }).fill(long);
  await expect(page.getByText('5.001 / 5.000 Zeichen – zu lang, bitte kürzen')).toBeVisible();
  await page.getByRole('button', { name: 'Beitrag einreichen' }).click();
  await expect(page.getByRole('alert')).toContainText('höchstens 5.000 Zeichen');
  await expect(page.getByRole('textbox', { name: 'Ihr Beitrag' })).toHaveValue(long);
});

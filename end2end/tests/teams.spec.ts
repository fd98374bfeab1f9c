import { expect, test } from '@playwright/test';
import { COORDINATOR, STAFF, addBody, decide, expectAccessible, hydrated, login, logout, processInDiscourse, uniqueEmail, visit } from './helpers';

/** A demo staff account without a team (server/src/demo/teams.rs). */
const NELE = { email: 'nele@demo.mitsprache.de', password: 'Demo-Team-2026', name: 'Nele Neu' };

test('the coordinator invites a person with a team, changes a team and filters by team', async ({ page }) => {
  const email = uniqueEmail('team');
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, '/admin/benutzer');
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer:innen verwalten' })).toBeVisible();

  // The team names in use are offered as suggestions.
  await expect(page.locator('datalist#known-teams option[value="Pflege"]')).toHaveCount(1);
  await page.getByLabel('Name').fill('Tina Team');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Team (optional)').fill('  Kita ');
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  await expect(page.getByTestId('invitation-link')).toBeVisible();
  await expect(page.getByRole('row', { name: /Tina Team/ }).locator('.team')).toHaveText('Kita');

  // Nele has no team yet; the coordinator gives her one.
  const nele = page.getByRole('row', { name: /Nele Neu/ });
  await expect(nele.locator('.team')).toHaveText('ohne Team');
  await nele.getByText('Team ändern').click();
  await nele.getByLabel('Neues Team für Nele Neu').fill('Beratung');
  await expectAccessible(page);
  await nele.getByRole('button', { name: 'Team speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Team wurde gespeichert.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Nele Neu/ }).locator('.team')).toHaveText('Beratung');

  // The list filters by team.
  await page.getByLabel('Nach Team filtern').selectOption('Beratung');
  await page.getByRole('button', { name: 'Filtern' }).click();
  await expect(page).toHaveURL(/team=Beratung/);
  await expect(page.getByRole('row', { name: /Nele Neu/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Kim Koordination/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Tina Team/ })).toHaveCount(0);
  await hydrated(page);
  await expectAccessible(page);
  await logout(page);

  // Nele sees her team on her account page.
  await login(page, NELE.email, NELE.password);
  await visit(page, '/konto');
  await expect(page.getByText('Ihr Team: Beratung')).toBeVisible();
  await expectAccessible(page);
});

test('the coordinator sees the acknowledgement rate per team, colleagues do not', async ({ page }) => {
  const title = `KI-Leitlinie Teams ${Date.now()}`;
  await login(page, COORDINATOR.email, COORDINATOR.password);
  const id = await processInDiscourse(page, title);
  await visit(page, `/prozesse/${id}/verabschiedung`);
  await addBody(page, 'Geschäftsführung', COORDINATOR.email);
  await page.getByRole('button', { name: /Version zur Verabschiedung vorschlagen/ }).click();
  await expect(page.getByText('Schritt 4 · Verabschiedung')).toBeVisible();
  await hydrated(page);
  await decide(page, 'Geschäftsführung', 'Zugestimmt');
  await expect(page.locator('.adoption-status')).toHaveText('verabschiedet');
  await logout(page);

  // Sam (team Pflege in the demo data) confirms having read it.
  await login(page, STAFF.email, STAFF.password);
  await visit(page, `/prozesse/${id}/leitlinie`);
  await page.getByRole('button', { name: 'Zur Kenntnis genommen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben diese Version zur Kenntnis genommen.' })).toBeVisible();
  // Colleagues see neither the rate nor names.
  await expect(page.getByRole('heading', { name: 'Nach Teams' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Lesebestätigungen nach Teams' })).toHaveCount(0);
  await logout(page);

  await login(page, COORDINATOR.email, COORDINATOR.password);
  await visit(page, `/prozesse/${id}/leitlinie`);
  const table = page.getByRole('table', { name: 'Lesebestätigungen nach Teams' });
  await expect(table).toBeVisible();
  const pflege = table.getByRole('row', { name: /^Pflege/ });
  await expect(pflege).toContainText(/1 von \d+ \(\d+ %\)/);
  await expect(table.getByRole('row', { name: /^Kita/ })).toContainText(/0 von \d+ \(0 %\)/);
  await pflege.getByText('Namen (nur für die Koordination sichtbar)').click();
  await expect(pflege.getByText(/Bereits zur Kenntnis genommen:\s*Sam Mitarbeit/)).toBeVisible();
  await expect(pflege.getByText(/Noch nicht zur Kenntnis genommen:.*Paula Pflege/)).toBeVisible();
  await expectAccessible(page);
});

import { expect, test } from '@playwright/test';
import {
  COORDINATOR,
  SSO_LINK,
  expectAccessible,
  hydrated,
  login,
  logout,
  signInAtProvider,
  ssoLogin,
  stayOnLoopback,
  visit,
} from './helpers';

// Log-in with the organisation's account through a real OpenID provider: oidc-provider with its
// own login form, started on loopback beside the app by scripts/e2e-server.sh (its test people
// are in end2end/oidc/provider.mjs). The app is configured with MITSPRACHE_OIDC_* and keeps
// password log-in on.

test.beforeEach(async ({ context }) => {
  await stayOnLoopback(context);
});

test('first log-in through the provider creates the account with the team from the claim, under the page CSP', async ({ page, browser }) => {
  // Anything the Content-Security-Policy refuses (a form post or redirect outside
  // `form-action 'self'`, a script) is reported on the console.
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  page.on('pageerror', (error) => refusals.push(error.message));

  // The coordinator's user list has no Anna yet.
  const admin = await (await browser.newContext()).newPage();
  await login(admin, COORDINATOR.email, COORDINATOR.password);
  await visit(admin, '/admin/benutzer');
  await expect(admin.getByRole('row', { name: /Anna Sonnenschein/ })).toHaveCount(0);

  const response = await visit(page, '/anmelden');
  expect(response?.headers()['content-security-policy']).toContain("form-action 'self'");
  await expectAccessible(page);
  // Password log-in stays offered beside the provider.
  await expect(page.getByRole('heading', { level: 2, name: 'Oder mit E-Mail-Adresse und Passwort' })).toBeVisible();
  await page.getByRole('link', { name: SSO_LINK }).click();

  // The provider's own form, on its own address.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  expect(new URL(page.url()).origin).not.toBe(new URL(response!.url()).origin);
  await signInAtProvider(page, 'anna');

  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expect(page.getByText('Willkommen, Anna Sonnenschein')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  await hydrated(page);
  // Staff, not a coordinator: the provider's groups do not name the coordinators' group.
  await expect(page.getByRole('link', { name: 'Benutzer:innen' })).toHaveCount(0);

  await visit(page, '/konto');
  await expect(page.getByText('Ihr Team: Pflege')).toBeVisible();
  await visit(page, '/konto/meine-daten');
  await expect(page.getByText('Sie melden sich mit dem Konto Ihrer Organisation an.')).toBeVisible();

  // The account exists now, with the provider's e-mail and team.
  await visit(admin, '/admin/benutzer');
  const row = admin.getByRole('row', { name: /Anna Sonnenschein/ });
  await expect(row).toContainText('anna.sso@example.org');
  await expect(row).toContainText('Pflege');
  await admin.context().close();

  expect(refusals).toEqual([]);
});

test('a member of the coordinators group at the provider becomes a coordinator', async ({ page }) => {
  await ssoLogin(page, 'kora', 'Kora Koordinatorin');
  await hydrated(page);
  await page.getByRole('link', { name: 'Benutzer:innen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benutzer:innen verwalten' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Kora Koordinatorin/ })).toContainText('Leitung');
});

test('cancelling at the provider ends on the German error page, not a 500', async ({ page }) => {
  await visit(page, '/anmelden');
  await page.getByRole('link', { name: SSO_LINK }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in' })).toBeVisible();

  const errorPage = page.waitForResponse((r) => new URL(r.url()).pathname === '/anmelden/fehler');
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  expect((await errorPage).status()).toBe(200);
  await expect(page).toHaveURL(/\/anmelden\/fehler\?grund=abgebrochen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung nicht möglich' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(
    'Sie haben die Anmeldung beim Anmeldedienst Ihrer Organisation abgebrochen. Sie können es jederzeit erneut versuchen.',
  );
  await hydrated(page);
  await expectAccessible(page);

  // Not signed in, and the way back leads to the log-in page.
  await page.getByRole('link', { name: 'Zurück zur Anmeldung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  expect((await page.goto('/konto'))?.status()).toBe(401);
});

test('an e-mail the provider has not confirmed is refused with a German explanation', async ({ page }) => {
  await visit(page, '/anmelden');
  await page.getByRole('link', { name: SSO_LINK }).click();
  await signInAtProvider(page, 'udo');
  await expect(page).toHaveURL(/\/anmelden\/fehler\?grund=email-unbestaetigt$/);
  await expect(page.getByRole('alert')).toContainText('Ihre E-Mail-Adresse ist beim Anmeldedienst Ihrer Organisation nicht bestätigt.');
  expect((await page.goto('/konto'))?.status()).toBe(401);
});

test('log-out offers the provider’s end-session link, which ends the session there too', async ({ page }) => {
  await ssoLogin(page, 'bert', 'Bert Abmelder');
  await hydrated(page);
  await logout(page);
  await expect(page).toHaveURL(/\/anmelden\?abgemeldet=organisation$/);
  await expect(page.getByRole('status').filter({ hasText: 'Sie sind bei Mitsprache abgemeldet.' })).toBeVisible();
  const endSession = page.getByRole('link', { name: 'Auch beim Konto Ihrer Organisation abmelden' });
  const href = new URL((await endSession.getAttribute('href'))!);
  expect(href.pathname).toBe('/session/end');
  expect(href.searchParams.get('client_id')).toBe('mitsprache');
  expect(href.searchParams.get('post_logout_redirect_uri')).toBe(new URL('/anmelden', page.url()).toString());
  await hydrated(page);
  await expectAccessible(page);

  // Mitsprache's session is over, but the provider still knows Bert: the next log-in through
  // the provider needs no password. That is why the log-out offers the link.
  await page.getByRole('link', { name: SSO_LINK }).click();
  await expect(page.getByText('Willkommen, Bert Abmelder')).toBeVisible();
  await hydrated(page);
  await logout(page);

  // Ending the session at the provider brings the browser back to the log-in page ...
  await page.getByRole('link', { name: 'Auch beim Konto Ihrer Organisation abmelden' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/anmelden$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  // ... and the next log-in through the provider asks for the password again.
  await page.getByRole('link', { name: SSO_LINK }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in' })).toBeVisible();
});

test('a password log-in shows no provider sign-out after log-out', async ({ page }) => {
  await login(page, COORDINATOR.email, COORDINATOR.password);
  await logout(page);
  await expect(page).toHaveURL(/\/anmelden$/);
  await expect(page.getByRole('link', { name: 'Auch beim Konto Ihrer Organisation abmelden' })).toHaveCount(0);
});

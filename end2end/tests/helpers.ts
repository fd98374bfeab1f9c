import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The demo accounts seeded on first start (see server/src/demo.rs). */
export const COORDINATOR = { email: 'koordination@demo.mitsprache.de', password: 'Demo-Koordination-2026', name: 'Kim Koordination' };
export const STAFF = { email: 'mitarbeit@demo.mitsprache.de', password: 'Demo-Mitarbeit-2026', name: 'Sam Mitarbeit' };

/** Waits until the wasm bundle has hydrated the page, so clicks reach live handlers. */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

/** Opens a page and waits for hydration. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await hydrated(page);
  return response;
}

/** Logs in through the form and waits for the start page. */
export async function login(page: Page, email: string, password: string) {
  await visit(page, '/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
}

/** Logs out through the header button. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
}

/** Runs axe on the current page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

// ---- Log-in through the organisation's OpenID provider (scripts/e2e-server.sh starts it) ----

/** The link on the log-in page that starts a log-in at the organisation's provider. */
export const SSO_LINK = 'Mit dem Konto Ihrer Organisation anmelden';

/**
 * Keeps a browser context on loopback: the test provider's pages (oidc-provider's built-in
 * forms) import a web font from Google, and no test may depend on a server outside this machine.
 */
export async function stayOnLoopback(context: BrowserContext) {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
}

/** Signs in on the provider's own login form (it takes any password for its test people). */
export async function signInAtProvider(page: Page, loginName: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Enter any login' }).fill(loginName);
  await page.getByPlaceholder('and password').fill('beliebiges-passwort');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** Logs in through the provider as one of its test people and waits for the start page. */
export async function ssoLogin(page: Page, loginName: string, name: string) {
  await page.goto('/anmelden');
  await page.getByRole('link', { name: SSO_LINK }).click();
  await signInAtProvider(page, loginName);
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await expect(page.getByText(`Willkommen, ${name}`)).toBeVisible();
}

// ---- People made for one test ----------------------------------------------------------------

/**
 * As the coordinator on `page` (signed in, JavaScript on): creates an account, and lets the
 * person accept the invitation in a browser context of their own. Returns that page, signed in.
 */
export async function invitedPerson(page: Page, browser: Browser, name: string, email: string): Promise<Page> {
  await visit(page, '/admin/benutzer');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Konto anlegen und Einladungslink erzeugen' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();
  const context = await browser.newContext();
  const person = await context.newPage();
  await acceptInvitation(person, link, 'ein-gutes-passwort');
  await expect(person.getByText(`Willkommen, ${name}`)).toBeVisible();
  return person;
}

/** Whether the running test's project has JavaScript on (the no-JS project turns it off). */
export function javaScriptOn(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Opens an invitation link and sets the password (works with and without JavaScript). */
export async function acceptInvitation(page: Page, link: string, password: string) {
  await page.goto(new URL(link).pathname);
  if (javaScriptOn()) await hydrated(page);
  await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
  await page.getByLabel('Neues Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
}

// ---- Staff lists for the import ----------------------------------------------------------------

/**
 * A staff list as Excel saves it in Germany: Windows-1252, `;`, CRLF. `tag` makes the addresses
 * unique; `changed` is an existing account the list gives the team "Neubau". Lines 2 and 3 are
 * new people, line 4 has a bad address, line 5 changes `changed`, line 6 repeats line 2's address.
 */
export function staffList(tag: string, changed: { name: string; email: string }) {
  const juergen = { name: 'Jürgen Größer', email: `juergen.groesser-${tag}@beispiel.de`, team: 'Küche' };
  const aenne = { name: 'Änne Weiß', email: `aenne.weiss-${tag}@beispiel.de`, team: 'Pflege' };
  const text = [
    'Name;E-Mail;Team;Rolle',
    `${juergen.name};${juergen.email};${juergen.team};`,
    `${aenne.name};${aenne.email};${aenne.team};Mitarbeitende`,
    'Olaf Ohnemail;keine-adresse;Pflege;',
    `${changed.name};${changed.email};Neubau;`,
    `Dora Doppelt;${juergen.email};Küche;`,
  ].join('\r\n') + '\r\n';
  // Latin-1 and Windows-1252 agree on every character used here (umlauts, ß).
  const bytes = Buffer.from(text, 'latin1');
  expect(bytes.includes(Buffer.from([0xfc]))).toBe(true); // "ü" is one byte, not UTF-8
  return { juergen, aenne, file: { name: 'mitarbeitende.csv', mimeType: 'text/csv', buffer: bytes } };
}

/** The invitation link of `name` in a downloaded invitation list (CSV for Excel). */
export function invitationLinkOf(csv: string, name: string): string {
  const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${name};`));
  expect(line, `${name} in the invitation list`).toBeTruthy();
  const link = line!.match(/https?:\/\/[^;]+\/einladung\/[A-Za-z0-9_-]+/);
  expect(link, `a link for ${name}`).toBeTruthy();
  return link![0];
}

/** A unique e-mail address for a test run. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@beispiel.de`;
}

// ---- Shared steps of the adoption and review journeys --------------------------------------

/** A short guideline with a chapter "Datenschutz". */
export const GUIDELINE_TEXT = `# KI-Leitlinie

Wir nutzen KI verantwortungsvoll und prüfen jedes Ergebnis.

## Datenschutz

Daten von Klientinnen und Klienten gehören nicht in öffentliche KI-Dienste.
`;

/** Creates a process (from the start page) with the coordinator as project group, in step 2. */
export async function processInDraft(page: Page, title: string): Promise<string> {
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
  return id;
}

/** Creates a process with the coordinator as project group, publishes version 1, moves to step 3. */
export async function processInDiscourse(page: Page, title: string): Promise<string> {
  const id = await processInDraft(page, title);
  await visit(page, `/prozesse/${id}/entwurf`);
  await page.getByRole('button', { name: 'Leer beginnen' }).click();
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toBeVisible();
  await hydrated(page);
  await editor.fill(GUIDELINE_TEXT);
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

/**
 * The German calendar date (Europe/Berlin) `days` from now as YYYY-MM-DD. The server reads date
 * inputs as German local time, so a UTC date would be a day off just after midnight in Berlin.
 */
export function berlinDate(days = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}

/** Today in Germany as YYYY-MM-DD. */
export function today(): string {
  return berlinDate(0);
}

/** Adds a required body and one member by e-mail (as coordinator, on the adoption page). */
export async function addBody(page: Page, name: string, email: string) {
  await page.getByLabel('Name des Gremiums').fill(name);
  await page.getByRole('button', { name: 'Gremium hinzufügen' }).click();
  const body = page.getByRole('article', { name });
  await expect(body).toBeVisible();
  await hydrated(page);
  await body.getByLabel(`E-Mail-Adresse des Mitglieds (${name})`).fill(email);
  await body.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
  await expect(body.getByRole('listitem').filter({ hasText: /Koordination|Mitarbeit/ })).toBeVisible();
}

/** Records a decision for `name` as one of its members. */
export async function decide(page: Page, name: string, verdict: string, text = '') {
  const body = page.getByRole('article', { name });
  await body.getByRole('radio', { name: verdict, exact: true }).check();
  if (text) await body.getByLabel('Auflagen bzw. Begründung der Ablehnung').fill(text);
  await body.getByLabel('Datum der Sitzung').fill(today());
  await body.getByLabel(/Protokollverweis/).fill('Sitzung 2026/14, TOP 3');
  await body.getByRole('button', { name: 'Entscheidung speichern' }).click();
  await expect(page.getByRole('article', { name }).getByText(/Sitzung vom/)).toBeVisible();
}

/** As the project group: saves `text` as the working draft and publishes it as version `number`. */
export async function publishVersion(page: Page, id: string, text: string, number: number, change: string) {
  await visit(page, `/prozesse/${id}/entwurf`);
  const editor = page.getByLabel('Text des Entwurfs (Markdown)');
  await expect(editor).toBeVisible();
  await editor.fill(text);
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entwurf gespeichert.' })).toBeVisible();
  await page.getByLabel('Was hat sich geändert?').fill(change);
  await page.getByRole('button', { name: `Version ${number} veröffentlichen` }).click();
  await expect(page).toHaveURL(new RegExp(`/versionen/${number}$`));
}

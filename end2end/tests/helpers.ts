import { expect, Page } from '@playwright/test';
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

/** A unique e-mail address for a test run. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@beispiel.de`;
}

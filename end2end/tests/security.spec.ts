import { expect, test } from '@playwright/test';
import { STAFF, hydrated, login } from './helpers';

// Every page is sent with a Content-Security-Policy that allows scripts only from the site or
// with the page's nonce. The app must hydrate under it without a single refused script.
test('pages hydrate under the Content-Security-Policy without any refused script or style', async ({ page }) => {
  const refusals: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/i.test(text)) refusals.push(text);
  });
  page.on('pageerror', (error) => refusals.push(error.message));

  await login(page, STAFF.email, STAFF.password);
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  await hydrated(page);

  // A round page (the demo's open round) and the list of processes hydrate as well.
  await page.getByRole('link', { name: /Offene Diskursrunde: Leitlinie Datenschutz im Alltag/ }).click();
  await expect(page).toHaveURL(/\/runden\/\d+/);
  await hydrated(page);
  await page.goto('/meine-kommentare');
  await hydrated(page);
  expect(refusals).toEqual([]);
});

test('the browser bundle comes compressed and may be cached for a year', async ({ page, request }) => {
  await page.goto('/anmelden');
  const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(css).toMatch(/^\/pkg\/mitsprache-[0-9a-f]{16}\.css$/);
  const file = await request.get(css!, { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(file.status()).toBe(200);
  expect(file.headers()['content-encoding']).toBe('br');
  expect(file.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const pageAnswer = await request.get('/anmelden', { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(pageAnswer.headers()['cache-control']).toBe('no-store');
  expect(pageAnswer.headers()['x-frame-options']).toBe('DENY');
});

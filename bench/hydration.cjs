// Time to hydrated-and-interactive of one page in headless chromium (Debian's /usr/bin/chromium,
// driven by the Playwright that end2end/ installs). The app sets body[data-hydrated="true"]
// once the wasm bundle has hydrated the page; an init script notes performance.now() (ms since
// the navigation started) at the moment the attribute appears.
//
// Usage: node bench/hydration.cjs BASE_URL PATH EMAIL PASSWORD [RUNS]
// Prints one JSON object: cold (first load, empty cache) and warm loads (median, all runs).
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'end2end', 'node_modules', 'playwright'));

const [base, target, email, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);

const watchHydration = () => {
  const note = () => {
    if (document.body && document.body.dataset.hydrated === 'true' && !window.__hydratedAt) {
      window.__hydratedAt = performance.now();
    }
  };
  new MutationObserver(note).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-hydrated'],
  });
};

async function measure(context) {
  const page = await context.newPage();
  await page.addInitScript(watchHydration);
  await page.goto(base + target, { waitUntil: 'commit' });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  const result = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      hydrated_ms: window.__hydratedAt,
      response_end_ms: nav ? nav.responseEnd : null,
      dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
      html_bytes: nav ? nav.transferSize : null,
    };
  });
  await page.close();
  return result;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ locale: 'de-DE' });
  const login = await context.request.post(base + '/api/login', {
    form: { email, password },
    headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin', Accept: 'application/json' },
    maxRedirects: 0,
  });
  if (login.status() >= 400) {
    throw new Error(`login failed: HTTP ${login.status()} ${await login.text()}`);
  }
  const cold = await measure(context);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await measure(context));
  const sorted = warm.map((r) => r.hydrated_ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      cold,
      warm_median_ms: sorted[Math.floor(sorted.length / 2)],
      warm_runs_ms: warm.map((r) => Math.round(r.hydrated_ms)),
      warm_response_end_median_ms: warm
        .map((r) => r.response_end_ms)
        .sort((a, b) => a - b)[Math.floor(warm.length / 2)],
    })
  );
  await browser.close();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Time to hydrated-and-interactive of one page in headless chromium (Debian's /usr/bin/chromium,
// driven by the Playwright that end2end/ installs). The app sets body[data-hydrated="true"]
// once the wasm bundle has hydrated the page; an init script notes performance.now() (ms since
// the navigation started) at the moment the attribute appears.
//
// Usage: node bench/hydration.cjs BASE_URL PATH EMAIL PASSWORD [RUNS]
// Prints one JSON object: cold (first load, empty cache) and warm loads (median, all runs).
const { launch, signedInContext, watchHydration } = require('./browser.cjs');

const [base, target, email, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);

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
  const browser = await launch();
  const context = await signedInContext(browser, base, email, password);
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

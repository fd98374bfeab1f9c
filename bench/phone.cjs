// A phone on a slow mobile network: time until a page is hydrated (interactive), on a first
// visit (empty cache) and on a repeat visit (the browser's cache as the first visit left it),
// in Debian's chromium with Chrome DevTools' "Slow 4G" network (150 ms latency, 1.6 Mbit/s
// down, 750 kbit/s up) and the CPU slowed down four times, both set through the DevTools
// protocol (Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate).
//
// Usage: node bench/phone.cjs BASE_URL EMAIL PASSWORD PATH [PATH ...]
// Prints one JSON object: for each path, first_ms, repeat_ms (median of 3), the bytes
// transferred on each visit and when the HTML had arrived.
const { launch, signedInContext, watchHydration } = require('./browser.cjs');

const [base, email, password, ...targets] = process.argv.slice(2);

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};
const CPU_SLOWDOWN = 4;

async function visit(context, target) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  await page.addInitScript(watchHydration);
  await page.goto(base + target, { waitUntil: 'commit', timeout: 120000 });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 120000 });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { hydrated_ms: window.__hydratedAt, html_ms: nav ? nav.responseEnd : null };
  });
  await page.close();
  return { ...timing, transferred_bytes: bytes };
}

(async () => {
  const browser = await launch();
  const result = {
    network: 'Slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up)',
    cpu_slowdown: CPU_SLOWDOWN,
    pages: {},
  };
  for (const target of targets) {
    // A fresh profile per page: the first visit starts with an empty cache.
    const context = await signedInContext(browser, base, email, password);
    const first = await visit(context, target);
    const repeats = [];
    for (let i = 0; i < 3; i++) repeats.push(await visit(context, target));
    const sorted = [...repeats].sort((a, b) => a.hydrated_ms - b.hydrated_ms);
    const median = sorted[1];
    result.pages[target] = {
      first_ms: Math.round(first.hydrated_ms),
      first_html_ms: Math.round(first.html_ms),
      first_bytes: first.transferred_bytes,
      repeat_ms: Math.round(median.hydrated_ms),
      repeat_bytes: median.transferred_bytes,
      repeat_runs_ms: repeats.map((r) => Math.round(r.hydrated_ms)),
    };
    await context.close();
  }
  console.log(JSON.stringify(result));
  await browser.close();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

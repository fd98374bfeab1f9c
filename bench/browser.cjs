// What the browser measurements share: Debian's chromium driven by the Playwright that
// end2end/ installs, a signed-in context, and the moment the page reports it is hydrated.
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'end2end', 'node_modules', 'playwright'));

/** Debian's chromium with the flags this machine needs (no background network traffic). */
function launch() {
  return chromium.launch({
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
}

/** A new browser context (empty cache) signed in as `email`. */
async function signedInContext(browser, base, email, password) {
  const context = await browser.newContext({ locale: 'de-DE' });
  const login = await context.request.post(base + '/api/login', {
    form: { email, password },
    headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin', Accept: 'application/json' },
    maxRedirects: 0,
  });
  if (login.status() >= 400) {
    throw new Error(`login failed: HTTP ${login.status()} ${await login.text()}`);
  }
  return context;
}

/** An init script: notes performance.now() when the app marks <body data-hydrated="true">. */
function watchHydration() {
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
}

module.exports = { launch, signedInContext, watchHydration };

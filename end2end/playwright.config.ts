import { defineConfig } from '@playwright/test';

// The server under test: started by this config (scripts/e2e-server.sh, unless MITSPRACHE_E2E_URL
// names a running one) on a fresh SQLite database with the demo data, together with a real OpenID
// provider on loopback (end2end/oidc/provider.mjs) that its single sign-on is configured against.
const port = Number(process.env.MITSPRACHE_E2E_PORT ?? 3100);
const baseURL = process.env.MITSPRACHE_E2E_URL ?? `http://127.0.0.1:${port}`;
// The real SMTP server of the mail journeys (aiosmtpd from PyPI, scripts/smtp-sink.py): every
// message it accepts is stored as JSON in SMTP_DIR, which the tests read.
const smtpPort = Number(process.env.MITSPRACHE_E2E_SMTP_PORT ?? port + 1);
export const SMTP_DIR = process.env.MITSPRACHE_E2E_SMTP_DIR ?? `/tmp/mitsprache-e2e-smtp-${smtpPort}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    locale: 'de-DE',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    {
      // The core journeys must also work before (or without) the wasm bundle.
      name: 'chromium-no-js',
      use: { browserName: 'chromium', javaScriptEnabled: false },
      testMatch: /no-js\.spec\.ts/,
    },
  ],
  webServer: process.env.MITSPRACHE_E2E_URL
    ? undefined
    : [
        {
          command: `rm -rf ${SMTP_DIR} && ../.tools/smtp-venv/bin/python ../scripts/smtp-sink.py --port ${smtpPort} --dir ${SMTP_DIR}`,
          port: smtpPort,
          reuseExistingServer: false,
          timeout: 30_000,
          stdout: 'pipe',
          stderr: 'pipe',
        },
        {
          command: `bash ../scripts/e2e-server.sh ${port}`,
          url: `${baseURL}/anmelden`,
          reuseExistingServer: false,
          timeout: 120_000,
          // SIGTERM first (Playwright's default is SIGKILL): the script then stops the server and
          // the OpenID provider and removes its temporary database. SIGKILL after 10 s.
          gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
          stdout: 'pipe',
          stderr: 'pipe',
          env: { MITSPRACHE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
        },
      ],
});

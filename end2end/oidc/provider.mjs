// A real OpenID Connect provider for the tests: the npm package `oidc-provider` (an OpenID
// certified implementation) on loopback, with its own login form ("devInteractions") and a
// small set of test people. Used by the Rust HTTP tests (server/tests/api/sso.rs) and by
// Playwright (end2end/tests/sso.spec.ts and identity.no-js.spec.ts, through scripts/e2e-server.sh).
//
//   node end2end/oidc/provider.mjs [--port 0] [--accounts FILE] [--redirect URL]...
//
// Prints `OIDC-PROVIDER-READY <issuer>` once it listens. The accounts file (JSON: login name →
// claims) is read at every log-in, so a test can change a person's claims between log-ins.
// The login form takes any password: the person is chosen by the login name.
import http from 'node:http';
import fs from 'node:fs';
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const options = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));

const port = Number(option('--port') ?? 0);
const accountsFile = option('--accounts');
const redirects = options('--redirect');

// The people when no file is given (Playwright: one per journey, so each one's first log-in
// creates their account whatever order the tests run in).
const defaultAccounts = {
  anna: {
    email: 'anna.sso@example.org',
    email_verified: true,
    name: 'Anna Sonnenschein',
    department: 'Pflege',
    groups: ['alle'],
  },
  udo: {
    email: 'udo.sso@example.org',
    email_verified: false,
    name: 'Udo Unbestätigt',
    department: 'Verwaltung',
    groups: ['alle'],
  },
  bert: {
    email: 'bert.sso@example.org',
    email_verified: true,
    name: 'Bert Abmelder',
    department: 'Kita',
    groups: ['alle'],
  },
  kora: {
    email: 'kora.sso@example.org',
    email_verified: true,
    name: 'Kora Koordinatorin',
    department: 'Leitung',
    groups: ['alle', 'mitsprache-koordination'],
  },
  nele: {
    email: 'nele.sso@example.org',
    email_verified: true,
    name: 'Nele Ohneskript',
    department: 'Hauswirtschaft',
    groups: ['alle'],
  },
};

function accounts() {
  if (!accountsFile) return defaultAccounts;
  return JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
}

const server = http.createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = (id, secret) => ({
  client_id: id,
  client_secret: secret,
  redirect_uris: redirects,
  post_logout_redirect_uris: redirects.map((r) => new URL('/anmelden', r).toString()),
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [
    client('mitsprache', 'mitsprache-test-secret'),
    // Another application of the same organisation: its codes and tokens must not work for us.
    client('andere-app', 'andere-app-secret'),
  ],
  cookies: { keys: ['mitsprache-test-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'department', 'groups'],
  },
  // First-party test clients: no consent screen, every requested scope granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, id) {
    const person = accounts()[id];
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...person };
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
});
provider.on('server_error', (_ctx, err) => console.error('provider error', err));
server.on('request', provider.callback());
console.log(`OIDC-PROVIDER-READY ${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// With --exit-with-stdin it also ends when the process that started it goes (its stdin closes).
if (args.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}

import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// One Hive per run, in demo mode, on a fresh SQLite file, started from the binary the test
// command built (HIVE_BIN) and serving the site cargo-leptos built; and one real OpenID
// provider (npm oidc-provider, idp/server.mjs) for it to sign people in through.
const port = Number(process.env.HIVE_E2E_PORT ?? 3107);
const idpPort = Number(process.env.HIVE_E2E_IDP_PORT ?? 3108);
const root = path.resolve(__dirname, '..');
const bin =
  process.env.HIVE_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug', 'hive');
const dataDir = process.env.HIVE_E2E_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hive-e2e-'));
process.env.HIVE_E2E_DATA = dataDir;
const hiveUrl = `http://127.0.0.1:${port}`;
const idpUrl = `http://127.0.0.1:${idpPort}`;
const fixtures = path.join(root, 'server', 'tests', 'fixtures');
// Exactly the keys a deployment uses (README, "Identity providers").
fs.writeFileSync(
  path.join(dataDir, 'hive.toml'),
  `public_url = "${hiveUrl}"

[[identity_provider]]
id = "nhs-login"
label = "NHS login"
issuer = "${idpUrl}"
client_id = "hive-residents"
auth_method = "client_secret_basic"
client_secret = "residents-secret"
scopes = ["openid", "profile", "email"]
vtr = '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]'
minimum_level = "P9"
audience = "residents"

[[identity_provider]]
id = "nhs-login-jwt"
label = "NHS login (private key)"
issuer = "${idpUrl}"
client_id = "hive-residents-jwt"
auth_method = "private_key_jwt"
private_key_file = "${path.join(fixtures, 'client-key.pem')}"
scopes = ["openid", "profile", "email"]
minimum_level = "P9"
audience = "residents"

[[identity_provider]]
id = "work"
label = "your work account"
issuer = "${idpUrl}"
client_id = "hive-staff"
auth_method = "client_secret_basic"
client_secret = "staff-secret"
scopes = ["openid", "profile", "email"]
audience = "staff"
`,
);

export default defineConfig({
  testDir: './tests',
  // A test walks through several full page loads, each scanned by axe (twice without
  // JavaScript: the page and its script-free copy), with two browsers and a debug server on two
  // cores: the longest took 30 s in CI. Each expectation still fails after 10 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
  webServer: [
    {
      command: 'node idp/server.mjs',
      url: `${idpUrl}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      // A test walks through several full page loads, each scanned by axe (twice without
  // JavaScript: the page and its script-free copy), with two browsers and a debug server on two
  // cores: the longest took 30 s in CI. Each expectation still fails after 10 s.
  timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { IDP_PORT: String(idpPort), HIVE_URL: hiveUrl },
    },
    {
      command: `"${bin}" serve --demo`,
      url: `http://127.0.0.1:${port}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Hive logs warnings (HIVE_LOG=warn) to stdout: shown with the results, so a failure
      // comes with what the server said (refusals, and Leptos' own warnings, such as a redirect
      // that found no response to set).
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        HIVE_DATABASE_URL: `sqlite://${dataDir}/hive.db`,
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target', 'site'),
        LEPTOS_OUTPUT_NAME: 'hive',
        HIVE_CONFIG: path.join(dataDir, 'hive.toml'),
        HIVE_LOG: process.env.HIVE_LOG ?? 'warn',
      },
    },
  ],
});

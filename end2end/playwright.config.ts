import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// One Hive per run, in demo mode, on a fresh SQLite file, started from the binary the test
// command built (HIVE_BIN) and serving the site cargo-leptos built.
const port = Number(process.env.HIVE_E2E_PORT ?? 3107);
const root = path.resolve(__dirname, '..');
const bin =
  process.env.HIVE_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug', 'hive');
const dataDir = process.env.HIVE_E2E_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hive-e2e-'));
process.env.HIVE_E2E_DATA = dataDir;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
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
  webServer: {
    command: `"${bin}" serve --demo`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HIVE_DATABASE_URL: `sqlite://${dataDir}/hive.db`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target', 'site'),
      LEPTOS_OUTPUT_NAME: 'hive',
      HIVE_LOG: 'warn',
    },
  },
});

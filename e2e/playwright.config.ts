/*
 * End-to-end tests of the portal, in Debian's Chromium (/usr/bin/chromium): Playwright
 * never downloads a browser here. Run with `yarn test:e2e` (or as the last step of
 * `./portal test`). The web server is `./portal start`: local Azure endpoint, backend on
 * :7007 and frontend on :3000; Playwright stops its whole process group afterwards.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const repoRoot = path.resolve(__dirname, '..');
const isCI = !!process.env.CI;

/** Headless Chromium as root on a machine whose only network is loopback. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: path.join(__dirname, 'tests'),
  outputDir: path.join(__dirname, 'test-results'),
  globalSetup: path.join(__dirname, 'global-setup.ts'),
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 2 : 0,
  // One browser at a time: the dev servers already keep both cores busy.
  workers: 1,
  reporter: [
    ['list'],
    ['html', { outputFolder: path.join(__dirname, 'report'), open: 'never' }],
    // Read by ./portal test for the "N passed, N failed" line.
    [
      'json',
      { outputFile: path.join(__dirname, 'test-results', 'results.json') },
    ],
  ],
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1400, height: 900 },
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    // Fail fast on a missing element instead of waiting for the whole test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: './portal start',
    cwd: repoRoot,
    // The frontend dev server answers once the bundle is built; global-setup.ts then
    // waits for the backend's readiness endpoint on :7007.
    url: 'http://localhost:3000',
    reuseExistingServer: !isCI,
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM to the process group lets ./portal stop the endpoint and backend itself;
    // whatever is left after 20 s gets SIGKILL (also to the whole group).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});

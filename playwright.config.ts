import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const DATA_DIR = `.e2e-data-${PORT}`;
const SERVER_LOG = `.e2e-server-${PORT}.log`;

/**
 * Browser tests run the production build (`npm run test:e2e` builds first) on a fresh embedded
 * database, in Debian's Chromium — never a downloaded browser.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	// per port, so runs on different ports never delete each other's artifacts
	outputDir: `test-results/e2e-${PORT}`,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	// one retry in CI for timing-sensitive browser tests on a loaded 2-core machine; a real
	// failure fails twice
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		// a data folder per port, so runs on different ports never share a database; the server's
		// output goes to a log file that tests/e2e/zz-log-scan.spec.ts checks for personal data
		command: `rm -rf ${DATA_DIR} && CAREPOINT_DATA_DIR=${DATA_DIR} PORT=${PORT} HOST=127.0.0.1 exec node scripts/serve.js > ${SERVER_LOG} 2>&1`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'pipe'
	}
});

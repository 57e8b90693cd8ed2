import { defineConfig } from '@playwright/test';

// A per-run port lets two runs on one machine coexist; workers inherit it from the main process.
process.env.E2E_PORT ??= String(4200 + (process.pid % 700));
const port = Number(process.env.E2E_PORT);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: [
		['list'],
		['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/e2e.json' }]
	],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		// The service worker copies the whole site into every fresh browser context and then answers
		// requests itself; tests of offline use and updates allow it (tests/e2e/offline.spec.ts).
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-dev-shm-usage',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run'
			]
		}
	},
	// Nothing here measures time: long tasks and main-thread load are `npm run bench:ui`'s.
	projects: [{ name: 'browser' }],
	webServer: {
		// The built static site, served the way a static host would serve it.
		command: `node scripts/serve.mjs`,
		env: { PORT: String(port), HOST: '127.0.0.1' },
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});

// The service worker: after one visit the site works with the network gone, and a new release is
// offered with a Reload button instead of being swapped in under the reader.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gotoHydrated, watchConsole } from './helpers';
import { serve } from '../../scripts/serve.mjs';

test.use({ serviceWorkers: 'allow' });
// Copying the whole site into the cache takes a while on a loaded machine.
test.setTimeout(180_000);

/** Waits until a service worker has stored the site and controls the page. */
async function controlled(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
}

test('after one visit, lessons, an embed that computes and the lab work offline', async ({ page, context }) => {
	const errors = watchConsole(page);
	await gotoHydrated(page, '/');
	await controlled(page);
	await context.setOffline(true);
	// A request the service worker does not hold now fails (asked from another tab, whose console
	// is not watched): whatever renders below came from the service worker.
	const probe = await context.newPage();
	await probe.goto('/');
	expect(await probe.evaluate(() => fetch('/nothing-here-' + Math.random()).then(() => 'online', () => 'offline'))).toBe('offline');
	await probe.close();

	await gotoHydrated(page, '/lessons/recurrent-cell');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.getByRole('link', { name: /next/i }).last().click();
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/recurrent cell/i);

	await gotoHydrated(page, '/embed/param-counter?cell=lstm&input=64&hidden=32');
	await expect(page.getByTestId('total')).toHaveText('12,416');

	await gotoHydrated(page, '/lab?task=echo&hidden=6&steps=30');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('status')).toHaveText('Finished', { timeout: 60_000 });
	await expect(page.getByTestId('accuracy')).toHaveText(/%$/);
	// Offline, the browser reports failed requests as console errors: none may happen.
	expect(errors()).toEqual([]);
});

test.describe('a new release', () => {
	let root: string;
	let server: Server;
	let origin: string;

	test.beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'unrolled-sw-'));
		cpSync('build', root, { recursive: true });
		server = await serve({ root, port: 0 });
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	test.afterAll(() => {
		server?.close();
		rmSync(root, { recursive: true, force: true });
	});

	test('is announced with a Reload button, and Reload switches to it', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, `${origin}/lessons/why-sequences`);
		await controlled(page);
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		const first = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);

		// Publish a "new version": a service worker that differs by a byte.
		const sw = join(root, 'service-worker.js');
		writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// next release\n`);
		rmSync(`${sw}.br`);
		rmSync(`${sw}.gz`);

		await page.reload();
		const banner = page.getByTestId('update-banner');
		await expect(banner).toContainText('A new version is available', { timeout: 120_000 });
		// The reader's page stays as it is until they choose.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why sequences need memory');
		expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(first);

		await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
		expect(errors()).toEqual([]);
	});
});

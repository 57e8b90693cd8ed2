// What a static host must get right (compression, cache lifetimes, the CSP) and the backup page.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gotoHydrated, expectNoAxeViolations, watchConsole, watchCsp } from './helpers';

const entryScript = `/_app/immutable/entry/${readdirSync('build/_app/immutable/entry').find((f) => f.endsWith('.js'))}`;

test('a hashed script comes back brotli- or gzip-encoded, cached for a year; a page must be revalidated', async ({ request }) => {
	for (const [accept, encoding] of [
		['gzip, deflate, br', 'br'],
		['gzip', 'gzip']
	]) {
		const response = await request.get(entryScript, { headers: { 'accept-encoding': accept } });
		expect(response.status()).toBe(200);
		expect(response.headers()['content-encoding']).toBe(encoding);
		expect(response.headers()['vary']).toBe('Accept-Encoding');
		expect(response.headers()['content-type']).toMatch(/^text\/javascript/);
		expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
		// Decoded by the client, the body is the built file itself.
		expect(await response.text()).toBe(readFileSync(`build${entryScript}`, 'utf8'));
	}
	const page = await request.get('/lessons/why-sequences', { headers: { 'accept-encoding': 'br' } });
	expect(page.headers()['content-encoding']).toBe('br');
	expect(page.headers()['cache-control']).toBe('no-cache');
});

test('the page’s policy blocks a script injected into it, and the watcher sees it', async ({ page }) => {
	const violations = await watchCsp(page);
	await gotoHydrated(page, '/');
	const ran = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__injected = true';
		document.head.append(script);
		return new Promise((done) => setTimeout(() => done((window as unknown as { __injected?: boolean }).__injected === true), 200));
	});
	expect(ran).toBe(false);
	await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem blocked inline/)]);
});

test('the maths cell and a trainer work under the policy (mathjs and the workers need no eval)', async ({ page }) => {
	const errors = watchConsole(page);
	const violations = await watchCsp(page);
	await gotoHydrated(page, '/embed/tanh?cell=1&a=1.5');
	const cell = page.getByRole('textbox', { name: 'Check it yourself' });
	await cell.fill('tanh(a) + sqrt(36)');
	await cell.press('Enter');
	await expect(page.getByTestId('cell-result').getByTestId('value')).toHaveText(/^6\.905/);
	await gotoHydrated(page, '/embed/trainer?task=echo&hidden=6&steps=30&autostart=1');
	await expect(page.getByTestId('status')).toHaveText('Finished', { timeout: 60_000 });
	expect(await violations()).toEqual([]);
	expect(errors()).toEqual([]);
});

const snapshot = (page: Page) =>
	page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('unrolled:')).sort().map((k) => [k, localStorage.getItem(k)])));

test('a backup restores progress, widget edits and runs into an emptied browser; a broken file changes nothing', async ({ page }) => {
	test.setTimeout(120_000);
	const errors = watchConsole(page);
	// Some of everything: progress, a lab run saved in the browser (and the last run), the theme.
	await gotoHydrated(page, '/lessons/why-sequences');
	await page.getByLabel('I have finished this lesson').check();
	await gotoHydrated(page, '/lab?task=echo&hidden=6&steps=30');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('status')).toHaveText('Finished');
	await page.getByRole('button', { name: 'Save in this browser' }).click();
	await expect.poll(async () => Object.keys(await snapshot(page)).some((k) => k.startsWith('unrolled:lab:run:'))).toBe(true);
	await page.evaluate(() => localStorage.setItem('unrolled:theme', 'dark'));
	const before = await snapshot(page);
	expect(before['unrolled:progress']).toContain('finished');

	await gotoHydrated(page, '/backup');
	await expect(page.getByTestId('backup-summary')).toContainText('1 lessons with progress');
	await expect(page.getByTestId('backup-summary')).toContainText('1 runs saved in the lab');
	await expectNoAxeViolations(page);
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Save a backup file' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^unrolled-backup-\d{4}-\d\d-\d\d\.json$/);
	const file = readFileSync((await download.path())!, 'utf8');

	// Another machine: nothing stored.
	await page.evaluate(() => localStorage.clear());
	await gotoHydrated(page, '/backup');
	await expect(page.getByTestId('backup-summary')).toContainText('0 runs saved in the lab');

	const input = page.getByLabel('Restore from a file…');
	await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"unrolled-backup","version":1,') });
	await expect(page.getByTestId('backup-message')).toHaveText(/not valid JSON.*Nothing was changed\./);
	await input.setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'unrolled-run/1' })) });
	await expect(page.getByTestId('backup-message')).toContainText('run file');
	expect(await snapshot(page)).toEqual({});

	await input.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(file) });
	await expect(page.getByTestId('backup-message')).toHaveText(`Restored ${Object.keys(before).length} items from the backup.`);
	expect(await snapshot(page)).toEqual(before);
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await gotoHydrated(page, '/');
	await expect(page.locator('.lesson-card', { hasText: 'Why sequences need memory' })).toContainText('Finished');
	await gotoHydrated(page, '/lab');
	await expect(page.getByRole('main')).toContainText('echo');
	expect(errors()).toEqual([]);
});

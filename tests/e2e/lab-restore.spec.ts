import { expect, test } from '@playwright/test';
import { gotoHydrated } from './helpers';
import { readFileSync } from 'node:fs';

test('the restore offer for the last run ends when a new run starts, and stays until then', async ({ page }) => {
	await gotoHydrated(page, '/lab?task=echo&hidden=8&steps=40');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('status')).toHaveText('Finished');

	await page.reload();
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
	const banner = page.getByText('Your last run is still here');
	await expect(banner).toBeVisible();
	// Changing a setting is not acting on the offer: it stays.
	await page.getByLabel('Hidden units').fill('10');
	await expect(banner).toBeVisible();
	await page.getByTestId('train').click();
	await expect(banner).toHaveCount(0);
	await expect(page.getByTestId('status')).toHaveText('Finished');
	// Two more runs: the old run is not offered again in this visit.
	for (let run = 0; run < 2; run++) {
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished');
		await expect(banner).toHaveCount(0);
	}
});

test('the headline loss is the mean of the last 100 steps, with the last step beside it', async ({ page }) => {
	await gotoHydrated(page, '/lab?task=echo&hidden=8&steps=300');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('status')).toHaveText('Finished');
	await expect(page.getByTestId('loss-window')).toHaveText('mean of last 100 steps');
	const downloading = page.waitForEvent('download');
	await page.getByTestId('export').click();
	const run = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'));
	const losses: number[] = run.history.loss;
	expect(losses).toHaveLength(300);
	const mean = losses.slice(-100).reduce((a, b) => a + b, 0) / 100;
	const shown = (id: string) =>
		page.getByTestId(id).textContent().then((text) => Number(text!.replace('−', '-').replace(/,/g, '')));
	expect(Math.abs((await shown('loss')) - mean)).toBeLessThan(mean * 1e-3);
	expect(Math.abs((await shown('last-loss')) - losses[299])).toBeLessThan(Math.abs(losses[299]) * 1e-3);
});

test('a run still training when the page is reloaded is offered back', async ({ page }) => {
	// While training, the run is kept in memory and written to storage when the page is left.
	await gotoHydrated(page, '/lab?task=char&text=hello%20world%20hello%20there&cell=lstm&hidden=64&steps=20000');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('status')).toHaveText('Training');
	// The page asks the worker for the run every 5 s; the first answer is what a reload keeps.
	await page.waitForTimeout(7000);
	await expect(page.getByTestId('status')).toHaveText('Training');
	await page.reload();
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
	await expect(page.getByText('Your last run is still here')).toBeVisible();
	await page.getByRole('button', { name: 'Restore it' }).click();
	await expect(page.getByTestId('status')).toHaveText('Paused');
	expect(Number((await page.getByTestId('step').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
});

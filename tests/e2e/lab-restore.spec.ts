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

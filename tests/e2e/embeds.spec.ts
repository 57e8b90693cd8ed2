import { expect, test } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';

const total = (page: import('@playwright/test').Page) => page.getByTestId('total');

test.describe('parameter counter embed', () => {
	const examples: [string, string, string[]][] = [
		['cell=rnn&input=3&hidden=100', '10,400', ['10,400']],
		['cell=rnn&input=64&hidden=32&head=1', '3,137', ['3,104', '33']],
		['cell=lstm&input=64&hidden=32', '12,416', ['12,416']],
		['cell=lstm&input=5&hidden=7,9&head=1', '986', ['364', '612', '10']]
	];
	for (const [query, expectedTotal, layerTotals] of examples) {
		test(`${query} → ${expectedTotal}`, async ({ page }) => {
			await gotoHydrated(page, `/embed/param-counter?${query}`);
			await expect(total(page)).toHaveText(expectedTotal);
			await expect(page.getByTestId('layer-total')).toHaveText(layerTotals);
		});
	}

	test('shows W_xh 100×3, W_hh 100×100 and b 100 for the lecture’s network', async ({ page }) => {
		await gotoHydrated(page, '/embed/param-counter?cell=rnn&input=3&hidden=100');
		const rows = page.locator('tbody tr');
		await expect(rows.nth(0)).toContainText('100 × 3');
		await expect(rows.nth(1)).toContainText('100 × 100');
		await expect(rows.nth(2)).toContainText('100');
	});

	test('hidden=banana shows a message naming the parameter, and the widget still renders', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/param-counter?cell=lstm&hidden=banana');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('hidden=banana');
		await expect(alert).toContainText('whole numbers from 1 to 1024');
		await expect(total(page)).toHaveText('41,600'); // LSTM 3 → 100: 4·(100·3 + 100·100 + 100)
		expect(errors()).toEqual([]);
	});

	test('a 10,000-unit layer is refused with a message, not computed', async ({ page }) => {
		await gotoHydrated(page, '/embed/param-counter?hidden=10000');
		await expect(page.getByRole('alert')).toContainText('hidden=10000');
		await expect(total(page)).toHaveText('10,400');
	});

	test('typing bad input keeps the last good value and says why', async ({ page }) => {
		await gotoHydrated(page, '/embed/param-counter?cell=rnn&input=3&hidden=100');
		const field = page.getByLabel('Input features');
		await field.fill('abc');
		await expect(page.getByRole('alert')).toContainText('Please enter a whole number from 1 to 4096');
		await expect(total(page)).toHaveText('10,400');
		await field.fill('64');
		await expect(total(page)).toHaveText('16,500');
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('locked=1 disables the controls; hide= removes the chosen ones', async ({ page }) => {
		await gotoHydrated(page, '/embed/param-counter?locked=1&hide=convention,head');
		await expect(page.getByLabel('Cell')).toBeDisabled();
		await expect(page.getByLabel('Input features')).toBeDisabled();
		await expect(page.getByLabel('Bias convention')).toHaveCount(0);
		await expect(page.getByLabel('Dense head units')).toHaveCount(0);
	});

	test('theme=dark pins the dark theme inside an embed', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await gotoHydrated(page, '/embed/param-counter?theme=dark');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	});
});

test('an unknown widget gives a 404 page listing the widgets', async ({ page }) => {
	const response = await page.goto('/embed/banana');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('There is no widget called “banana”.')).toBeVisible();
	await expect(page.getByRole('link', { name: '/embed/param-counter' })).toBeVisible();
	await expect(page.getByRole('link', { name: '/embed/bag-of-words' })).toBeVisible();
});

test('an embedded widget tells its host page its height', async ({ page, baseURL }) => {
	await page.goto('/robots.txt');
	await page.setContent(`<!doctype html><title>Host</title>
		<iframe id="frame" src="${baseURL}/embed/param-counter?cell=lstm" title="Counter" style="height:100px"></iframe>
		<script>
			addEventListener('message', function (event) {
				if (!event.data || event.data.type !== 'unrolled:height') return;
				document.querySelectorAll('iframe').forEach(function (frame) {
					if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
				});
			});
		</script>`);
	await expect.poll(async () => page.evaluate(() => parseInt(document.getElementById('frame')!.style.height)), { timeout: 10_000 }).toBeGreaterThan(400);
});

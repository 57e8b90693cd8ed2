import { expect, test, type Page } from '@playwright/test';
import { tanh, tanhDerivativeFromOutput } from '../../src/lib/engine/activations';
import { formatNumber } from '../../src/lib/mathcell/format';
import { gotoHydrated, watchConsole } from './helpers';

const slider = (page: Page) => page.getByLabel('Pre-activation a');

async function expectReadouts(page: Page, a: number) {
	const y = tanh(a);
	await expect(page.getByTestId('a')).toHaveText(formatNumber(a));
	await expect(page.getByTestId('y')).toHaveText(formatNumber(y));
	await expect(page.getByTestId('slope')).toHaveText(formatNumber(tanhDerivativeFromOutput(y)));
}

test.describe('tanh squashing embed', () => {
	test('arrow keys move a in fine steps and the readouts show the engine’s values', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/tanh?a=1');
		await expectReadouts(page, 1);
		await slider(page).focus();
		await page.keyboard.press('ArrowRight');
		await expectReadouts(page, 1.05);
		await page.keyboard.press('ArrowRight');
		await expectReadouts(page, 1.1);
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await expectReadouts(page, 0.95);
		await page.keyboard.press('Shift+ArrowRight');
		await expectReadouts(page, 1.45);
		await expect(slider(page)).toHaveAttribute('aria-valuetext', /^a = 1\.45, tanh\(a\) = 0\.89\d*, slope = 0\.\d+$/);
		expect(errors()).toEqual([]);
	});

	test('large |a| saturates: the slope is near 0 and the gradient factor vanishes', async ({ page }) => {
		await gotoHydrated(page, '/embed/tanh?a=3');
		await expectReadouts(page, 3);
		await expect(page.getByTestId('story')).toContainText('Saturated.');
		await expect(page.getByTestId('factor')).toHaveText(formatNumber(tanhDerivativeFromOutput(tanh(3)) ** 10));
		await gotoHydrated(page, '/embed/tanh?a=0.2');
		await expect(page.getByTestId('story')).toContainText('Nearly linear.');
		await slider(page).focus();
		await page.keyboard.press('End');
		await expectReadouts(page, 6);
		await expect(page.getByTestId('story')).toContainText('Saturated.');
	});

	test('pressing on the chart moves a to that point', async ({ page }) => {
		await gotoHydrated(page, '/embed/tanh?a=0');
		const chart = page.locator('svg.chart').first();
		const box = (await chart.boundingBox())!;
		// The x axis runs from −6 at the left margin (44 px) to 6 at 14 px from the right.
		const left = box.x + 44;
		const right = box.x + box.width - 14;
		await page.mouse.click(left + ((right - left) * 10) / 12, box.y + box.height / 2); // a = 4
		await expect(page.getByTestId('a')).toHaveText(/^(3\.9\d|4(\.0\d)?)$/);
		await expect(page.getByTestId('story')).toContainText('Saturated.');
	});

	test('the data table lists tanh and the slope, with the current a marked', async ({ page }) => {
		await gotoHydrated(page, '/embed/tanh?a=0.5');
		await page.getByText('Data table').click();
		const current = page.locator('tr.current');
		await expect(current).toContainText('0.5');
		await expect(current).toContainText(formatNumber(tanh(0.5)));
		await expect(page.locator('.data-table tbody tr')).toHaveCount(14);
	});

	test('locked=1 disables the slider; hide=a removes it', async ({ page }) => {
		await gotoHydrated(page, '/embed/tanh?locked=1');
		await expect(slider(page)).toBeDisabled();
		await gotoHydrated(page, '/embed/tanh?hide=a');
		await expect(slider(page)).toHaveCount(0);
		await expect(page.getByTestId('y')).toHaveText(formatNumber(tanh(1)));
	});

	test('a=9 is refused with a message and the default is used', async ({ page }) => {
		await gotoHydrated(page, '/embed/tanh?a=9');
		await expect(page.getByRole('alert')).toContainText('a=9');
		await expectReadouts(page, 1);
	});
});

import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';

const rows = (page: Page) => page.getByTestId('window-values');

test.describe('window maker', () => {
	test('shows the lecture’s rows, and changing length and stride changes them', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/windows');
		await expect(rows(page)).toHaveText(['[0, 1, 1, 3]', '[3, 2, 2, 4]', '[4, 5, 4, 7]', '[7, 8, 8, 9]']);
		await expect(page.getByTestId('shape')).toContainText('(4, 4, 1)');
		await expect(page.getByTestId('dropped')).toContainText('Nothing is dropped');

		await page.getByRole('slider', { name: /Window length/ }).fill('5');
		await expect(rows(page)).toHaveText(['[0, 1, 1, 3, 2]', '[3, 2, 2, 4, 5]', '[4, 5, 4, 7, 8]']);
		await expect(page.getByTestId('dropped')).toContainText('[8, 9]');
		await expect(page.getByTestId('shape')).toContainText('(3, 5, 1)');
		await expect(page.locator('.tail-label')).toHaveText('dropped: 2 values');

		await page.getByRole('slider', { name: /Stride/ }).fill('5');
		await expect(rows(page)).toHaveText(['[0, 1, 1, 3, 2]', '[2, 4, 5, 4, 7]']);
		await expect(page.getByTestId('dropped')).toContainText('[8, 8, 9]');
		expect(errors()).toEqual([]);
	});

	test('pointing at a window row lights its span in the chart', async ({ page }) => {
		await gotoHydrated(page, '/embed/windows');
		await expect(page.locator('rect.span.lit')).toHaveCount(0);
		await page.getByTestId('window-row').nth(2).focus();
		await expect(page.locator('rect.span.lit')).toHaveCount(1);
		await expect(page.locator('rect.cell.lit')).toHaveCount(4);
		// The lit cells are the third window's: t = 6…9.
		await expect(page.locator('text.value.lit')).toHaveText(['4', '5', '4', '7']);
		await page.getByTestId('window-row').nth(2).click();
		await expect(page.getByTestId('window-row').nth(2)).toHaveAttribute('aria-pressed', 'true');
	});

	test('the data table lists every value with the windows it falls in', async ({ page }) => {
		await gotoHydrated(page, '/embed/windows?length=5&stride=3');
		await page.getByText('Data table').click();
		const body = page.locator('details.data-table tbody tr');
		await expect(body).toHaveCount(13);
		await expect(body.nth(3)).toContainText('w1, w2');
		await expect(body.nth(12)).toContainText('dropped');
	});

	test('a pasted series with a bad token gets a message naming it, and the last good series stays', async ({ page }) => {
		await gotoHydrated(page, '/embed/windows');
		const box = page.getByRole('textbox', { name: /Series/ });
		await box.fill('1 2 3 4 5 6 7 8');
		await expect(rows(page)).toHaveText(['[1, 2, 3, 4]', '[4, 5, 6, 7]']);
		await expect(page.getByTestId('dropped')).toContainText('[8]');

		await box.fill('1 2 3 abc 5');
		const alert = page.getByTestId('series-error');
		await expect(alert).toContainText('"abc"');
		await expect(alert).toContainText('value number 4');
		await expect(alert).toContainText('Keeping the last good series (8 values)');
		await expect(box).toHaveAttribute('aria-invalid', 'true');
		await expect(rows(page)).toHaveText(['[1, 2, 3, 4]', '[4, 5, 6, 7]']);

		await box.fill('1, 2, 3, 4, 5, 6, 7');
		await expect(alert).toHaveCount(0);
		await expect(rows(page)).toHaveText(['[1, 2, 3, 4]', '[4, 5, 6, 7]']);
		await expect(page.getByTestId('dropped')).toContainText('Nothing is dropped');
	});

	test('a series longer than the cap is refused', async ({ page }) => {
		await gotoHydrated(page, '/embed/windows');
		await page.getByRole('textbox', { name: /Series/ }).fill(Array.from({ length: 501 }, (_, i) => i).join(' '));
		await expect(page.getByTestId('series-error')).toContainText('at most 500');
		await expect(rows(page)).toHaveCount(4);
	});

	test('long series list at most 40 rows but count every window in the shape', async ({ page }) => {
		const data = Array.from({ length: 200 }, (_, i) => i % 17).join(',');
		await gotoHydrated(page, `/embed/windows?data=${data}&length=2&stride=1`);
		await expect(page.getByTestId('shape')).toContainText('(199, 2, 1)');
		await expect(rows(page)).toHaveCount(40);
		await expect(page.getByText('… and 159 more windows, not listed')).toBeVisible();
	});
});

test.describe('a weight matrix on a window', () => {
	test('W x for the first window, then an edited entry of W', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/window-weights');
		await expect(page.getByTestId('y-1')).toHaveText('1');
		await expect(page.getByTestId('y-2')).toHaveText('−1');
		await expect(page.getByTestId('sum-1')).toContainText('1·3');

		// W[1][4]: 1 → 2 adds 1 × x₄ = 3 to the first output.
		await page.getByLabel('W row 1, column 4').fill('2');
		await expect(page.getByTestId('y-1')).toHaveText('4');
		await expect(page.getByTestId('y-2')).toHaveText('−1');
		await expect(page.locator('.katex').first()).toBeVisible();
		expect(errors()).toEqual([]);
	});

	test('a bad entry is refused with a message and the last good value kept', async ({ page }) => {
		await gotoHydrated(page, '/embed/window-weights');
		const entry = page.getByLabel('W row 2, column 5');
		for (const bad of ['abc', '1e999']) {
			await entry.fill(bad);
			const alert = page.getByTestId('entry-error');
			await expect(alert).toContainText(`“${bad}” is not accepted`);
			await expect(alert).toContainText('Please enter a number from -1000 to 1000');
			await expect(alert).toContainText('Keeping 1');
			await expect(entry).toHaveAttribute('aria-invalid', 'true');
			await expect(page.getByTestId('y-2')).toHaveText('−1');
		}
		await entry.fill('-1');
		await expect(page.getByTestId('entry-error')).toHaveCount(0);
		await expect(page.getByTestId('y-2')).toHaveText('−5');
	});

	test('feeding the next windows through the same W; the sizes follow x', async ({ page }) => {
		await gotoHydrated(page, '/embed/window-weights');
		await page.getByRole('button', { name: /x2 = \[3, 2, 2, 4, 5\]/ }).click();
		await expect(page.getByTestId('y-1')).toHaveText('2');
		await expect(page.getByTestId('y-2')).toHaveText('7');
		await page.getByRole('button', { name: 'Lengthen x by one' }).click();
		await expect(page.getByTestId('cols')).toHaveText('6');
		await expect(page.getByLabel('W row 2, column 6')).toHaveValue('0');
		await page.getByLabel('x entry 6').fill('10');
		await expect(page.getByTestId('y-2')).toHaveText('7');
		await page.getByLabel('W row 2, column 6').fill('0.5');
		await expect(page.getByTestId('y-2')).toHaveText('12');
		await page.getByRole('button', { name: 'Add a row to W' }).click();
		await expect(page.getByTestId('y-3')).toHaveText('0');
	});
});

test.describe('tokens and one-hot', () => {
	test('characters by default; switching to words rebuilds vocabulary, ids and shape', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/tokens');
		await expect(page.getByTestId('shape')).toContainText('(3, 7, 8)');
		await expect(page.getByTestId('vocabulary').locator('li')).toHaveText(['0<pad>', '1<sos>', '2<eos>', '3<unk>', '4h', '5e', '6l', '7o']);
		await expect(page.getByTestId('unknown-b')).toContainText('p');
		await expect(page.locator('td.cell-unk')).toHaveCount(1);
		await expect(page.getByTestId('onehot').locator('td.one')).toHaveCount(7);
		await expect(page.getByTestId('mask').locator('td.bit-0')).toHaveCount(4);

		await page.getByRole('radio', { name: 'words' }).check();
		await expect(page.getByTestId('vocabulary').locator('li')).toHaveText(['0<pad>', '1<sos>', '2<eos>', '3<unk>', '4hello']);
		await expect(page.getByTestId('shape')).toContainText('(3, 3, 5)');
		await expect(page.locator('td.cell-unk')).toHaveCount(2);

		await page.getByRole('radio', { name: 'all texts' }).check();
		await expect(page.locator('td.cell-unk')).toHaveCount(0);
		await expect(page.getByTestId('shape')).toContainText('(3, 3, 7)');
		expect(errors()).toEqual([]);
	});

	test('texts are capped at 60 characters; an emptied third text leaves the batch', async ({ page }) => {
		await gotoHydrated(page, '/embed/tokens');
		await page.getByRole('textbox', { name: /^Text 1/ }).fill('x'.repeat(80));
		await expect(page.getByRole('textbox', { name: /^Text 1/ })).toHaveValue('x'.repeat(60));
		await page.getByRole('textbox', { name: /^Text 3/ }).fill('');
		await expect(page.getByTestId('shape')).toContainText('(2, 62, 5)');
	});
});

test.describe('the shaping-sequences lesson', () => {
	test('a link from the Share panel reproduces the window maker’s state', async ({ page }) => {
		await gotoHydrated(page, '/lessons/shaping-sequences');
		const widget = page.getByRole('figure', { name: 'Window maker' });
		await widget.getByRole('slider', { name: /Window length/ }).fill('5');
		await expect(widget.getByTestId('window-values')).toHaveCount(3);
		await widget.getByRole('button', { name: 'Share / embed' }).click();
		const link = await widget.getByLabel('Link').inputValue();
		expect(link).toContain('/embed/windows?');
		expect(link).toContain('length=5');

		const url = new URL(link);
		await gotoHydrated(page, url.pathname + url.search);
		await expect(rows(page)).toHaveText(['[0, 1, 1, 3, 2]', '[3, 2, 2, 4, 5]', '[4, 5, 4, 7, 8]']);
		await expect(page.getByRole('slider', { name: /Window length/ })).toHaveValue('5');
	});

	test('a link from the Share panel reproduces an edited W', async ({ page }) => {
		await gotoHydrated(page, '/lessons/shaping-sequences');
		const widget = page.getByRole('figure', { name: 'A weight matrix on a window' });
		await widget.getByLabel('W row 1, column 1').fill('3');
		await widget.getByRole('button', { name: /x3 =/ }).click();
		await expect(widget.getByTestId('y-1')).toHaveText('11');
		await widget.getByRole('button', { name: 'Share / embed' }).click();
		const url = new URL(await widget.getByLabel('Link').inputValue());
		await gotoHydrated(page, url.pathname + url.search);
		await expect(page.getByTestId('y-1')).toHaveText('11');
		await expect(page.getByLabel('W row 1, column 1')).toHaveValue('3');
	});

	test('live numbers in the prose, and a question checked against the data functions', async ({ page }) => {
		await gotoHydrated(page, '/lessons/shaping-sequences');
		const main = page.locator('.lesson-prose');
		await expect(main).toContainText('[0, 1, 1, 3] [3, 2, 2, 4] [4, 5, 4, 7] [7, 8, 8, 9]');
		await expect(main).toContainText('The last 2 values, 8 and 9, are dropped');
		await expect(main).toContainText('the engine computes [1, −1]');
		const question = page.getByRole('group', { name: 'Question' }).first();
		await question.getByRole('textbox').fill('5');
		await question.getByRole('button', { name: 'Check' }).click();
		await expect(question.getByRole('status')).toContainText('Not quite');
		await question.getByRole('textbox').fill('6');
		await question.getByRole('button', { name: 'Check' }).click();
		await expect(question.getByRole('status')).toContainText('Right');
	});
});

import { expect, test } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';

test.describe('sharing a widget from a lesson', () => {
	test('offers the lesson page at this widget with its state, and the embed link', async ({ page, context }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const figure = page.locator('#widget-lecture');
		await figure.getByLabel('Input features').fill('64');
		await expect(figure.getByTestId('total')).toHaveText('16,500'); // 100·64 + 100·100 + 100
		await figure.getByRole('button', { name: 'Share / embed' }).click();
		const lessonLink = await figure.getByLabel('Lesson page').inputValue();
		expect(lessonLink).toMatch(/\/lessons\/recurrent-cell\?widget=lecture&.*input=64.*#widget-lecture$/);
		expect(await figure.getByLabel('Link', { exact: true }).inputValue()).toMatch(/\/embed\/param-counter\?.*input=64/);

		// A student opening the lesson link lands on the widget in that state.
		const student = await context.newPage();
		await gotoHydrated(student, lessonLink.replace(/^https?:\/\/[^/]+/, ''));
		const opened = student.locator('#widget-lecture');
		await expect(opened.getByLabel('Input features')).toHaveValue('64');
		await expect(opened).toBeInViewport();
		expect(errors()).toEqual([]);
	});

	test('ticking locked, hide and theme shows the embed as configured', async ({ page }) => {
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const figure = page.locator('#widget-lecture');
		await figure.getByRole('button', { name: 'Share / embed' }).click();
		const preview = figure.frameLocator('iframe.preview');
		await expect(preview.getByLabel('Input features')).toBeEnabled({ timeout: 60_000 });
		await figure.getByRole('checkbox', { name: 'Read-only (locked)' }).check();
		await expect(preview.getByLabel('Input features')).toBeDisabled({ timeout: 60_000 });
		await figure.getByRole('checkbox', { name: 'convention' }).check();
		await expect(preview.getByLabel('Bias convention')).toHaveCount(0, { timeout: 60_000 });
		await figure.getByRole('combobox', { name: /^Theme/ }).selectOption('dark');
		await expect(preview.locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 60_000 });
	});
});

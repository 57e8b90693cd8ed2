// A lesson's first load carries its prose and no widget: widgets further down load and start when
// the reader comes near them, links to a widget start it at once, and the maths cell loads mathjs
// only when used. (How many kilobytes that saves is a benchmark: npm run bench:ui.)
import { expect, test, type Page } from '@playwright/test';
import { clipBoth } from '../../src/lib/widgets/clipping/model';
import { formatNumber } from '../../src/lib/mathcell/format';
import { reservedHeight } from '../../src/lib/widgets/lazy';
import { expectNoAxeViolations, gotoHydrated, watchConsole, watchCsp } from './helpers';

const LESSON = '/lessons/vanishing-exploding';
const pending = (page: Page, key: string) => page.locator(`[data-widget-pending="${key}"]`);
const clippingFigure = (page: Page) => page.getByRole('figure', { name: 'Clipping by value and by norm' });

/** Script and worker files the page has asked for so far. */
function requestedScripts(page: Page): string[] {
	const seen: string[] = [];
	page.on('request', (request) => {
		if (['script', 'other'].includes(request.resourceType()) && request.url().endsWith('.js')) seen.push(new URL(request.url()).pathname);
	});
	return seen;
}

test.describe('widgets start when the reader comes near them', () => {
	test('a widget far down waits, then mounts when scrolled to and works like the embed', async ({ page }) => {
		const errors = watchConsole(page);
		const violations = await watchCsp(page);
		await gotoHydrated(page, LESSON, { lazy: true });
		// The far widget keeps its place: a titled frame about as tall as the widget will be.
		const waiting = pending(page, 'clipping');
		await expect(waiting).toHaveCount(1);
		await expect(waiting).toContainText('starts when you scroll to it');
		const reserved = (await waiting.boundingBox())!.height;
		expect(reserved).toBeGreaterThanOrEqual(reservedHeight(LESSON, 'clipping').wide);
		await expect(page.getByRole('slider', { name: 'Threshold g_max, slider' })).toHaveCount(0);
		await expectNoAxeViolations(page);

		await waiting.scrollIntoViewIfNeeded();
		await expect(waiting).toHaveCount(0);
		const figure = clippingFigure(page);
		await expect(figure).toBeVisible();
		// The lesson's starting state, and the widget computes live as in its embed.
		const slider = figure.getByRole('slider', { name: 'Threshold g_max, slider' });
		await slider.fill('5');
		const clipped = clipBoth([12, 3], 5);
		const arrow = figure.getByTestId('value-vector');
		await expect(arrow).toHaveAttribute('data-x', String(clipped.byValue.x));
		await expect(arrow).toHaveAttribute('data-y', String(clipped.byValue.y));
		// Arrived without a jump: the frame's height is within a quarter of what was kept for it.
		const mounted = (await figure.boundingBox())!.height;
		expect(Math.abs(mounted - reserved) / mounted).toBeLessThan(0.25);
		expect(await violations()).toEqual([]);
		expect(errors()).toEqual([]);
	});

	test('a link to a widget (#widget-…) opens the lesson there with the widget started; saved edits come back', async ({ page }) => {
		await gotoHydrated(page, `${LESSON}#widget-clipping`, { lazy: true });
		const figure = clippingFigure(page);
		await expect(figure.getByRole('slider', { name: 'Threshold g_max, slider' })).toBeVisible();
		expect((await figure.boundingBox())!.y).toBeLessThan(200);
		// Widgets far above the link's target have not started.
		await expect(pending(page, 'power')).toHaveCount(1);

		await figure.getByRole('slider', { name: 'Threshold g_max, slider' }).fill('7');
		await expect(figure.getByRole('textbox', { name: 'Threshold g_max' })).toHaveValue('7');
		await gotoHydrated(page, LESSON, { lazy: true });
		await pending(page, 'clipping').scrollIntoViewIfNeeded();
		await expect(clippingFigure(page).getByText('Your last state was restored.')).toBeVisible();
		await expect(clippingFigure(page).getByRole('textbox', { name: 'Threshold g_max' })).toHaveValue('7');
	});

	test('without JavaScript the lesson text and its maths are there, and each widget says it needs JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(LESSON);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vanishing and exploding gradients');
		await expect(page.locator('article p').first()).not.toBeEmpty();
		// Build-time KaTeX, including formulas whose numbers the lesson computed (no raw TeX left).
		expect(await page.locator('article .katex').count()).toBeGreaterThan(20);
		await expect(page.locator('.tex-pending')).toHaveCount(0);
		await expect(pending(page, 'clipping')).toContainText('needs JavaScript');
		await context.close();
	});

	test('a lesson reached by a link inside the site renders its computed formulas too', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/bptt', { lazy: true });
		await page.getByRole('link', { name: /Next/ }).last().click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vanishing and exploding gradients');
		await expect(page.locator('.tex-pending')).toHaveCount(0);
		expect(await page.locator('article .katex').count()).toBeGreaterThan(20);
		expect(errors()).toEqual([]);
	});
});

test.describe('the maths cell', () => {
	test('loads mathjs only when used; eigs of a rotation gives a complex pair', async ({ page }) => {
		const errors = watchConsole(page);
		const scripts = requestedScripts(page);
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const check = page.getByRole('region', { name: 'Check it yourself' });
		const field = check.getByRole('textbox', { name: 'Your expression' });
		await expect(field).toBeVisible();
		expect(scripts.filter((path) => path.includes('mathcell.worker'))).toEqual([]);

		const theta = Math.PI / 6;
		await field.fill('eigs([[cos(pi/6), -sin(pi/6)], [sin(pi/6), cos(pi/6)]])');
		await field.press('Enter');
		const result = check.getByTestId('cell-result');
		const pair = [
			`${formatNumber(Math.cos(theta))} + ${formatNumber(Math.sin(theta))}i`,
			`${formatNumber(Math.cos(theta))} − ${formatNumber(Math.sin(theta))}i`
		];
		await expect(result.locator('td')).toHaveCount(2);
		expect((await result.locator('td').allTextContents()).sort()).toEqual(pair.sort());
		await expect(result).toContainText('complex');
		await expect(check.getByTestId('cell-note')).toContainText('spectral radius');
		expect(scripts.some((path) => path.includes('mathcell.worker'))).toBe(true);

		await field.fill('norm(Whh, 2)');
		await field.press('Enter');
		await expect(check.getByTestId('cell-note')).toContainText('largest singular value');
		await field.fill('det(Whh)');
		await field.press('Enter');
		await expect(check.getByTestId('cell-result').getByTestId('value')).toHaveText(/^−?\d/);
		expect(errors()).toEqual([]);
	});
});

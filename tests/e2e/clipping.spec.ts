import { expect, test, type Page } from '@playwright/test';
import { clipByValue, clipGradients, globalNorm } from '../../src/lib/engine/index';
import { parseQuery } from '../../src/lib/widgets/params';
import { schema } from '../../src/lib/widgets/clipping/model';
import { expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';

/** The engine in Node on the state a URL holds (an embed's URL does not follow edits; `over` gives them): g clipped both ways. */
function engine(query: string, over: { g?: number[]; threshold?: number } = {}) {
	const { g, threshold } = { ...parseQuery(schema, query).values, ...over };
	const byValue = Float64Array.from(g);
	clipByValue(byValue, threshold);
	const byNorm = Float64Array.from(g);
	clipGradients(byNorm, threshold);
	return { g, threshold, byValue: Array.from(byValue), byNorm: Array.from(byNorm) };
}

async function shown(page: Page, key: 'given' | 'value' | 'norm') {
	const cell = page.getByTestId(`${key}-vector`);
	return [Number(await cell.getAttribute('data-x')), Number(await cell.getAttribute('data-y'))];
}
const degrees = (v: number[]) => (Math.atan2(v[1], v[0]) * 180) / Math.PI;
const query = (page: Page) => new URL(page.url()).search.slice(1);

test.describe('clipping by value and by norm', () => {
	test('moving the threshold clips both ways as the engine does: by value turns g, by norm keeps its direction', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/clipping?g=12,3&threshold=15');
		// Nothing clipped yet: both arrows are g.
		await expect(page.getByTestId('value-verdict')).toHaveText('Nothing clamped: both entries are within ±15.');
		await expect(page.getByTestId('norm-verdict')).toContainText('Nothing scaled');
		expect(await shown(page, 'value')).toEqual([12, 3]);
		expect(await shown(page, 'norm')).toEqual([12, 3]);

		const slider = page.getByRole('slider', { name: 'Threshold g_max, slider' });
		await slider.fill('5');
		await expect(page.getByRole('textbox', { name: 'Threshold g_max' })).toHaveValue('5');
		const live = engine(query(page), { threshold: 5 });
		expect(live.threshold).toBe(5);
		expect(await shown(page, 'given')).toEqual([12, 3]);
		expect(await shown(page, 'value')).toEqual(live.byValue);
		expect(await shown(page, 'norm')).toEqual(live.byNorm);
		expect(live.byValue).toEqual([5, 3]);
		// By value the direction moved; by norm it did not, and the length is capped.
		const turned = degrees(live.byValue) - degrees([12, 3]);
		expect(turned).toBeGreaterThan(10);
		await expect(page.getByTestId('value-verdict')).toHaveText(`One entry was clamped to ±5: the direction turned by ${turned.toFixed(1)}°.`);
		await expect(page.getByTestId('norm-verdict')).toContainText('the direction is kept');
		expect(Number(await page.getByTestId('norm-angle').getAttribute('data-value'))).toBeCloseTo(degrees([12, 3]), 10);
		expect(Number(await page.getByTestId('norm-norm').getAttribute('data-value'))).toBe(globalNorm(Float64Array.from(live.byNorm)));
		// Both arrows are drawn in the plane.
		for (const key of ['given', 'value', 'norm']) await expect(page.getByTestId(`arrow-${key}`)).toBeVisible();
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('typing g and the threshold updates both vectors and the link; a bad entry is refused and the last good one kept', async ({ page }) => {
		await gotoHydrated(page, '/embed/clipping');
		await page.getByRole('textbox', { name: 'g₁' }).fill('-40');
		await page.getByRole('textbox', { name: 'g₂' }).fill('30');
		await page.getByRole('textbox', { name: 'Threshold g_max' }).fill('2.5');
		await expect(page.getByTestId('value-vector')).toHaveAttribute('data-x', '-2.5');
		const live = engine('', { g: [-40, 30], threshold: 2.5 });
		expect(live.byValue).toEqual([-2.5, 2.5]);
		expect(await shown(page, 'value')).toEqual(live.byValue);
		expect(await shown(page, 'norm')).toEqual(live.byNorm);
		// By value both entries were clamped, and the result is longer than g_max; by norm it is not.
		await expect(page.getByTestId('value-verdict')).toContainText('Both entries were clamped to ±2.5');
		expect(Number(await page.getByTestId('value-norm').getAttribute('data-value'))).toBeGreaterThan(2.5);
		expect(Number(await page.getByTestId('norm-norm').getAttribute('data-value'))).toBeLessThanOrEqual(2.5);
		await page.getByRole('textbox', { name: 'g₁' }).fill('abc');
		await expect(page.getByRole('alert')).toBeVisible();
		expect(await shown(page, 'given')).toEqual([-40, 30]);
	});

	test('pressing in the plane moves g; the widget fits a phone', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await gotoHydrated(page, '/embed/clipping?g=12,3&threshold=5');
		const plane = page.getByRole('img', { name: /The plane of g₁ and g₂/ });
		const box = (await plane.boundingBox())!;
		// The upper-left quarter of the plane: g₁ < 0, g₂ > 0.
		await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25);
		await expect.poll(async () => (await shown(page, 'given'))[0]).toBeLessThan(0);
		const given = await shown(page, 'given');
		expect(given[1]).toBeGreaterThan(0);
		const live = engine('', { g: given, threshold: 5 });
		expect(await shown(page, 'value')).toEqual(live.byValue);
		expect(await shown(page, 'norm')).toEqual(live.byNorm);
		expect(await horizontalOverflow(page)).toBe(0);
	});

	test('lesson 7: predict the clip by value, then move the threshold and see it', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/vanishing-exploding');
		const answer = page.getByRole('textbox', { name: 'Second entry, clipped by value' });
		await answer.fill('3');
		await answer.press('Enter');
		await expect(answer.locator('xpath=..').getByRole('status')).toHaveText('✓ Right.');
		const widget = page.getByRole('group', { name: 'Gradient clipping by value and by norm' });
		await widget.getByRole('textbox', { name: 'Threshold g_max' }).fill('5');
		await expect(widget.getByTestId('value-vector')).toHaveAttribute('data-y', '3');
		await expect(widget.getByTestId('value-vector')).toHaveAttribute('data-x', '5');
		expect(errors()).toEqual([]);
	});
});

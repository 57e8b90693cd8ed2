import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';
import { countParameters } from '../../src/lib/engine';
import { fixed } from '../../src/lib/ui/format';
import { schema, simulate, stepOf, type GruCellValues } from '../../src/lib/widgets/gru-cell/model';
import { defaults } from '../../src/lib/widgets/params';

const base = defaults(schema) as GruCellValues;

/** The widget's hidden readout of r, z, n, h at the shown step, as the engine computes it. */
function readout(values: GruCellValues, t: number, variant = values.variant): string {
	const v = { ...values, variant };
	const s = stepOf(simulate(v).trace, v, t);
	const list = (a: Float64Array) => Array.from(a, (x) => fixed(x, 4)).join(' ');
	return `r ${list(s.r)}; z ${list(s.z)}; n ${list(s.n)}; h ${list(s.h)}`;
}
const values = (page: Page) => page.getByTestId('values');

test.describe('gru-cell embed', () => {
	// KaTeX re-renders on every change and axe walks it all: slow on a loaded 2-core machine.
	test.beforeEach(() => test.setTimeout(90_000));
	test('shows the engine’s gates and state; flipping the variant moves the reset gate and changes the candidate', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/gru-cell');
		await expect(values(page)).toHaveText(readout(base, 1));
		await expect(page.getByRole('textbox', { name: 'b_hn' })).toBeVisible();

		await page.getByRole('radio', { name: 'before the product' }).check();
		await expect(values(page)).toHaveText(readout(base, 1, 'reset-before'));
		expect(readout(base, 1, 'reset-before')).not.toBe(readout(base, 1));
		await expect(page.getByRole('textbox', { name: 'b_hn' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('an update gate held open keeps h₀ to the last step; a bad weight is refused and the last good one kept', async ({ page }) => {
		await gotoHydrated(page, '/embed/gru-cell');
		await page.getByRole('textbox', { name: 'b_z' }).fill('10,10');
		const held = { ...base, bz: [10, 10] };
		await page.getByRole('button', { name: `Show step ${base.x.length}` }).click();
		await expect(page.getByTestId('step')).toHaveText(`step ${base.x.length} of ${base.x.length}`);
		await expect(values(page)).toHaveText(readout(held, base.x.length));
		const last = stepOf(simulate(held).trace, held, base.x.length);
		for (let j = 0; j < 2; j++) expect(Math.abs(last.h[j] - base.h0[j])).toBeLessThan(0.01);

		await page.getByRole('textbox', { name: 'W_hn' }).fill('1,2,3');
		await expect(page.getByRole('alert')).toContainText('4 comma-separated numbers');
		await expect(values(page)).toHaveText(readout(held, base.x.length));
	});

	test('fits a 375 px screen', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await gotoHydrated(page, '/embed/gru-cell');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	});
});

test.describe('cell-race embed', () => {
	test('races three cells to the end of a short budget: progress, scores and the gradient’s reach for each', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/cell-race?lag=5&steps=120');
		await expect(page.getByTestId('units-gru')).toHaveText('8');
		await page.getByTestId('start').click();
		await expect(page.getByTestId('stop')).toBeVisible();
		for (const id of ['rnn', 'lstm', 'gru']) {
			await expect(page.getByTestId(`run-${id}`)).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
			await expect(page.getByTestId(`step-${id}`)).toHaveText('120');
			await expect(page.getByTestId(`score-${id}`)).toHaveAttribute('data-value', /^\d/);
			await expect(page.getByTestId(`reach-${id}`)).not.toHaveText('—');
		}
		await expect(page.getByTestId('verdict')).toContainText('Finished');
		await expect(page.getByTestId('reach-chart').locator('path.series')).toHaveCount(3);
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('equal parameters gives the RNN and the GRU more units than the LSTM; autostart starts by itself', async ({ page }) => {
		await gotoHydrated(page, '/embed/cell-race?match=params&steps=50&lag=3&autostart=1&locked=1');
		await expect(page.getByTestId('units-lstm')).toHaveText('8');
		expect(Number(await page.getByTestId('units-gru').textContent())).toBeGreaterThan(8);
		expect(Number(await page.getByTestId('units-rnn').textContent())).toBeGreaterThan(8);
		await expect(page.getByTestId('run-gru')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
	});
});

test.describe('lesson 9', () => {
	test('carries the live counts and checks a prediction', async ({ page }) => {
		test.setTimeout(90_000);
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/gru');
		const count = (gruVariant: 'reset-after' | 'reset-before') =>
			countParameters({ cell: 'gru', inputSize: 64, hiddenSizes: [32], gruVariant }).total.toLocaleString('en-US');
		const table = page.getByRole('table').filter({ hasText: 'parameters for' });
		await expect(table).toContainText(`${count('reset-after')} (or ${count('reset-before')})`);
		const first = page.getByRole('group', { name: /which gated cells will reach/ }).first();
		await first.getByRole('radio', { name: 'neither gated cell' }).check();
		await page.getByRole('button', { name: 'Check' }).first().click();
		await expect(page.getByRole('status').filter({ hasText: 'Not what the race shows' })).toBeVisible();
		// axe and the 375 px check of every built page run in pages.spec.ts.
		expect(errors()).toEqual([]);
	});
});

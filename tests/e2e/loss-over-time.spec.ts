import { expect, test, type Locator, type Page } from '@playwright/test';
import { lossBreakdown } from '../../src/lib/engine';
import { classMetrics } from '../../src/lib/engine/data';
import { formatPercent } from '../../src/lib/widgets/confusion/model';
import { gotoHydrated, watchConsole } from './helpers';

const TARGETS = [1, 2, 2, 3]; // e, l, l, o over the vocabulary h, e, l, o
const f3 = (x: number) => x.toFixed(3);

/** The engine's loss for target probabilities p (rest shared equally), computed here in Node. */
function engineLoss(p: number[], scored: boolean[], reduction: 'sum' | 'mean') {
	const outputs = p.map((pt, t) => [0, 1, 2, 3].map((j) => Math.log(j === TARGETS[t] ? pt : (1 - pt) / 3)));
	return lossBreakdown({ kind: 'softmax-ce', targets: TARGETS.map((k, t) => (scored[t] ? k : null)), reduction }, outputs);
}

async function expectLosses(scope: Page | Locator, p: number[], scored: boolean[], reduction: 'sum' | 'mean') {
	const b = engineLoss(p, scored, reduction);
	for (let t = 0; t < p.length; t++) {
		const cell = scope.getByTestId(`J-${t + 1}`);
		if (scored[t]) {
			await expect(cell).toHaveText(f3(b.stepLosses[t]!));
			// And it is −log p, as the lesson says.
			expect(f3(b.stepLosses[t]!)).toBe(f3(-Math.log(p[t])));
		} else await expect(cell).toContainText('no target');
	}
	await expect(scope.getByTestId('sum')).toHaveText(f3(b.sum));
	await expect(scope.getByTestId('mean')).toHaveText(f3(b.mean));
	await expect(scope.getByTestId('loss')).toHaveText(f3(b.loss));
}

test.describe('loss explorer embed', () => {
	test('moving a probability changes J_t, J and the mean exactly as the engine computes them', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/loss-explorer');
		const p = [0.7, 0.5, 0.9, 0.2];
		const scored = [true, true, true, true];
		await expect(page.getByTestId('J-1')).toHaveText('0.357');
		await expectLosses(page, p, scored, 'sum');

		await page.getByRole('slider', { name: 'Step 2: probability of l' }).focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		p[1] = 0.53;
		await expect(page.getByTestId('p-2')).toHaveText('0.53');
		await expectLosses(page, p, scored, 'sum');

		await page.getByRole('slider', { name: 'Step 4: probability of o' }).focus();
		await page.keyboard.press('Home');
		p[3] = 0.01;
		await expectLosses(page, p, scored, 'sum');

		// Step 1 loses its target; then the mean reduction.
		await page.getByTestId('step-1').getByRole('checkbox', { name: 'has a target' }).uncheck();
		scored[0] = false;
		await expectLosses(page, p, scored, 'sum');
		await page.getByRole('radio', { name: 'mean' }).check();
		await expectLosses(page, p, scored, 'mean');
		expect(errors()).toEqual([]);
	});

	test('screen reader: each checkbox names its step; the totals are spoken once a slider settles', async ({ page }) => {
		await gotoHydrated(page, '/embed/loss-explorer');
		for (let t = 1; t <= 4; t++) await expect(page.getByRole('checkbox', { name: `has a target (step ${t})` })).toBeChecked();
		await expect(page.locator('.totals')).not.toHaveAttribute('aria-live');
		await page.evaluate(() => {
			const w = window as unknown as { changes: number };
			w.changes = 0;
			new MutationObserver(() => w.changes++).observe(document.querySelector('[data-testid="announce"]')!, { childList: true, characterData: true, subtree: true });
		});
		await page.getByRole('slider', { name: 'Step 1: probability of e' }).focus();
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
		const b = engineLoss([0.65, 0.5, 0.9, 0.2], [true, true, true, true], 'sum');
		await expect(page.getByTestId('announce')).toHaveText(`J = ${f3(b.sum)}, mean ${f3(b.mean)}; loss with sum: ${f3(b.loss)}`);
		expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(1);
	});

	test('with no target at all, the engine’s message replaces the total', async ({ page }) => {
		await gotoHydrated(page, '/embed/loss-explorer?scored=0,0,0,1');
		await expectLosses(page, [0.7, 0.5, 0.9, 0.2], [false, false, false, true], 'sum');
		await page.getByTestId('step-4').getByRole('checkbox', { name: 'has a target' }).uncheck();
		await expect(page.getByTestId('problem')).toContainText('No step has a target');
		await expect(page.getByTestId('sum')).toHaveCount(0);
	});
});

test.describe('confusion embed', () => {
	test('editing counts recomputes accuracy, per-class accuracy and precision', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/confusion');
		const counts = [
			[480, 15, 5],
			[20, 470, 10],
			[6, 4, 0]
		];
		const check = async () => {
			const m = classMetrics(counts);
			await expect(page.getByTestId('accuracy')).toHaveText(formatPercent(m.accuracy));
			await expect(page.getByTestId('balanced')).toHaveText(formatPercent(m.balancedAccuracy));
			for (let c = 0; c < 3; c++) {
				await expect(page.getByTestId(`recall-${c}`)).toHaveText(formatPercent(m.perClass[c]));
				await expect(page.getByTestId(`precision-${c}`)).toHaveText(formatPercent(m.precision[c]));
			}
		};
		await check();
		await expect(page.getByTestId('warning')).toContainText('falling');

		await page.getByLabel('true falling, predicted falling').fill('8');
		counts[2][2] = 8;
		await page.getByLabel('true falling, predicted sitting').fill('1');
		counts[2][0] = 1;
		await page.getByLabel('true falling, predicted walking').fill('1');
		counts[2][1] = 1;
		await check();
		await expect(page.getByTestId('warning')).toHaveCount(0);

		// A bad count is marked and not used; leaving the cell restores the last good one.
		const cell = page.getByLabel('true sitting, predicted walking');
		await cell.fill('-3');
		await expect(cell).toHaveAttribute('aria-invalid', 'true');
		await check();
		await cell.blur();
		await expect(cell).toHaveValue('15');
		await expect(page.getByTestId('count-problem')).toHaveCount(0);
		// Every kind of bad count gets a message the cell points to.
		for (const bad of ['abc', '', '1e999', '-1', '2.5']) {
			await cell.fill(bad);
			await expect(page.getByTestId('count-problem')).toContainText('A count is a whole number from 0 to 99,999');
			const described = await cell.getAttribute('aria-describedby');
			await expect(page.locator(`[id="${described}"]`)).toHaveText(/whole number/);
			await check();
		}
		await cell.blur();
		await expect(page.getByTestId('count-problem')).toHaveCount(0);
		expect(errors()).toEqual([]);
	});

	test('an all-zero matrix says there is nothing to score instead of 0.0%', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/confusion?names=a,b&counts=0,0,0,0');
		await expect(page.getByTestId('empty')).toContainText('nothing to score');
		await expect(page.getByTestId('accuracy')).toHaveCount(0);
		await page.getByLabel('true a, predicted a').fill('3');
		await expect(page.getByTestId('accuracy')).toHaveText(formatPercent(1));
		expect(errors()).toEqual([]);
	});

	test('a preset and a new class name resize the matrix', async ({ page }) => {
		await gotoHydrated(page, '/embed/confusion?names=cat,dog&counts=45,5,10,40');
		await expect(page.getByTestId('accuracy')).toHaveText(formatPercent(classMetrics([[45, 5], [10, 40]]).accuracy));
		await page.getByRole('button', { name: 'Five activities' }).click();
		await expect(page.getByRole('textbox', { name: /^true running, predicted/ })).toHaveCount(5);
	});
});

test.describe('lesson 5: loss over time', () => {
	test('the lesson’s widgets start at −log 0.7 and the rare-falls matrix; question 1 accepts the engine’s value', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/loss-over-time');
		const explorer = page.getByRole('figure', { name: 'Loss over time' });
		await expectLosses(explorer, [0.7, 0.5, 0.9, 0.2], [true, true, true, true], 'sum');
		const matrix = page.getByRole('figure', { name: 'Confusion matrix', exact: true });
		await expect(matrix.getByTestId('recall-2')).toHaveText('0.0%');
		// The lecture notes' table marks a correct row incorrect; the lesson says so beside that row.
		await expect(page.locator('table').first()).toContainText('the notes mark this row incorrect by a slip');
		const trainer = page.getByRole('figure', { name: /Activity recognition/ });
		await expect(trainer.getByRole('alert')).toHaveCount(0);
		const answer = f3(lossBreakdown({ kind: 'softmax-ce', targets: [0] }, [[Math.log(0.7), Math.log(0.3)]]).loss);
		const q1 = page.getByRole('group', { name: 'Question' }).first();
		await q1.getByRole('textbox').fill(answer);
		await q1.getByRole('button', { name: 'Check' }).click();
		await expect(q1.getByRole('status')).toContainText('Right');
		expect(errors()).toEqual([]);
	});
});

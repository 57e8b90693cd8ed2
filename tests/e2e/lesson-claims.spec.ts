/**
 * Issue 12's corrections, checked on the built pages: each claim a lesson makes is compared with the
 * engine's number (computed here by the same code) or with the widget's state beside it.
 */
import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';
import { analyse, setup } from '../../src/lib/widgets/jacobians/model';
import { schema as jacobianSchema } from '../../src/lib/widgets/jacobians/model';
import { lossTermsText, layoutOf, SHAPES, type ParadigmValues } from '../../src/lib/widgets/paradigms/model';
import { defaults } from '../../src/lib/widgets/params';
import { slopedPowerNorms, spectralNorm } from '../../src/lib/engine';
import { generateUntilEnd, trainCharMemory, walk } from '../../src/lib/lesson/char-memory';
import { helloIds } from '../../src/routes/(site)/notation/notation';

// Long lessons with live widgets hydrate slowly on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

const sig2 = (x: number) => Number(x.toPrecision(2)).toString();

async function choose(page: Page, question: number, option: string) {
	const q = page.getByRole('group', { name: 'Question' }).nth(question);
	await q.getByRole('radio', { name: option }).check();
	await q.getByRole('button', { name: 'Check' }).click();
	return q.getByRole('status');
}

test.describe('lesson 7: norm, radius and saturation', () => {
	test('the counterexample’s product and the saturation claim come from the engine and match the widget', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/vanishing-exploding');
		const body = page.locator('article');
		const product = slopedPowerNorms(Float64Array.from([1, 1, -1, -1]), 2, [1, 0.01], 24)[23];
		expect(product).toBeGreaterThan(1);
		await expect(page.getByTestId('counter-product')).toContainText(sig2(product));
		await expect(body).not.toContainText('nearly always shrink the product further');

		// The saturation copy: the prose quotes exactly what its widget shows.
		const base = defaults(jacobianSchema);
		const edge = analyse({ ...base, radius: 1, inputScale: 4 });
		// The second Jacobian widget on the page is the saturation copy.
		const widget = page.locator('figure.widget').filter({ has: page.getByTestId('heatmap') }).nth(1);
		await expect(widget.getByTestId('saturated')).toHaveText(`${Math.round(edge.saturatedShare * 100)}%`);
		await expect(widget.getByTestId('mean-slope')).toHaveText(edge.meanSlope.toFixed(2));
		const claim = page.getByTestId('edge-claim');
		await expect(claim).toContainText(edge.saturatedShare === 0 ? 'none of the unit-steps is saturated' : 'of the unit-steps are saturated');
		await expect(claim).toContainText(edge.meanSlope.toFixed(2));
		await expect(body).not.toContainText('so the units work near the flat ends');
		expect(errors()).toEqual([]);
	});

	test('the Jacobian widget shows ‖W_hh‖₂ beside ρ and judges the product it draws', async ({ page }) => {
		await gotoHydrated(page, '/embed/jacobians?radius=1.5&bias=2');
		const values = { ...defaults(jacobianSchema), radius: 1.5, bias: 2 };
		const Whh = setup(values).network.layers[0].params.Whh;
		const norm = Number(await page.getByTestId('norm-whh').getAttribute('data-value'));
		expect(norm).toBeCloseTo(spectralNorm(Whh, values.hidden, values.hidden), 10);
		await expect(page.getByTestId('radius-engine')).toHaveText('1.5');
		// ρ = 1.5 > 1, yet the product with tanh vanishes: the verdict follows the product.
		await expect(page.getByTestId('story')).toHaveAttribute('data-verdict', 'vanish');
		await expect(page.getByTestId('story')).toContainText('of the unit-steps sit on tanh');
		await page.getByRole('radio', { name: 'without tanh' }).check();
		await expect(page.getByTestId('story')).toHaveAttribute('data-verdict', 'explode');
	});
});

test.describe('lesson 4 and the shapes widget', () => {
	test('the loss never reads “J = +” after switching shapes, and the decoder label fits', async ({ page }) => {
		await gotoHydrated(page, '/embed/paradigms?inputs=6&outputs=1');
		for (const shape of [...SHAPES, ...SHAPES.slice().reverse()]) {
			await page.getByRole('radio', { name: new RegExp(`^${layoutTitle(shape)}`) }).check();
			const want = lossTermsText(layoutOf({ shape, inputs: 6, outputs: 1 } as ParadigmValues));
			await expect(page.getByTestId('loss-terms')).toHaveText(want);
			await expect(page.getByTestId('loss-terms')).not.toContainText('= +');
		}
		await page.getByRole('radio', { name: /encoder/ }).check();
		const fits = await page.locator('[data-testid="part-label"]').evaluateAll((labels) =>
			labels.map((label) => {
				const box = (label as SVGTextElement).getBBox();
				const view = ((label as SVGTextElement).ownerSVGElement as SVGSVGElement).viewBox.baseVal;
				return box.x >= 0 && box.x + box.width <= view.width;
			})
		);
		expect(fits).toEqual([true, true]);
	});

	test('activity recognition is listed as per-step (many-to-many, aligned), and the predictions are checked', async ({ page }) => {
		await gotoHydrated(page, '/lessons/paradigms');
		await page.getByRole('radio', { name: 'Many-to-many, aligned' }).check();
		await expect(page.getByTestId('examples')).toContainText('Activity recognition');
		await page.getByRole('radio', { name: 'Many-to-one' }).check();
		await expect(page.getByTestId('examples')).not.toContainText('Activity recognition');
		const questions = page.getByRole('group', { name: 'Question' });
		const q6 = questions.nth(5);
		await q6.getByRole('textbox').fill(String(layoutOf({ shape: 'many-to-many', inputs: 6, outputs: 1 }).lossTerms));
		await q6.getByRole('button', { name: 'Check' }).click();
		await expect(q6.getByRole('status')).toContainText('Right');
	});
});

const layoutTitle = (shape: (typeof SHAPES)[number]) =>
	({ 'one-to-one': 'One-to-one', 'one-to-many': 'One-to-many', 'many-to-one': 'Many-to-one', 'many-to-many': 'Many-to-many, aligned', 'encoder-decoder': 'Many-to-many, unaligned' })[shape];

test.describe('predict-first questions and notation', () => {
	test('lesson 5: the mean rises when the cheapest step is unticked; the index summary shows no raw J_t', async ({ page }) => {
		await gotoHydrated(page, '/lessons/loss-over-time');
		await expect(await choose(page, 4, 'It goes up')).toContainText('Right');
		await expect(await choose(page, 4, 'It goes down')).toContainText('Not what the widget does');
		await expect(page.locator('article')).toContainText('labels every time step of a recording');
		await gotoHydrated(page, '/');
		const card = page.locator('.lesson-card').filter({ hasText: 'Loss over time' });
		await expect(card).not.toContainText('J_t');
		await expect(card).toContainText('J = J₁ + J₂ + …');
	});

	test('lesson 6: t is the loss step; term 1 for W_xh is predicted and checked', async ({ page }) => {
		await gotoHydrated(page, '/lessons/bptt');
		await expect(page.locator('label').filter({ hasText: /^Loss/ }).first()).toContainText('step t');
		await expect(await choose(page, 4, 'Not zero')).toContainText('Right');
		await expect(page.locator('article')).not.toContainText('tiny anyway');
	});

	test('lesson 11: the two l’s differ only in the state; generation stops at <eos>; τ is the temperature', async ({ page }) => {
		await gotoHydrated(page, '/lessons/char-language-model');
		const model = trainCharMemory();
		const rows = walk(model);
		const table = page.getByTestId('walk-row');
		await expect(table).toHaveCount(rows.length);
		for (const [i, row] of rows.entries()) await expect(table.nth(i)).toContainText(`${row.top} (${row.topP.toFixed(2)})`);
		const ending = generateUntilEnd(model, 'h', 20);
		expect(ending.stoppedBy).toBe('eos');
		await expect(page.getByTestId('ending')).toHaveText(ending.tokens.join(' '));
		await expect(await choose(page, 3, 'A different next letter')).toContainText('Right');
		await expect(await choose(page, 4, 'It rises')).toContainText('Right');
		await expect(page.locator('label').filter({ hasText: 'Temperature τ' })).toBeVisible();
	});

	test('lesson 12: the horizon-1 prediction is checked against the engine', async ({ page }) => {
		await gotoHydrated(page, '/lessons/forecasting');
		await expect(await choose(page, 2, 'Equal')).toContainText('Right');
	});

	test('lessons 1 and 2: equal spacing, the non-solution, SimpleRNN’s (None, 32), and 10,400 is a plain RNN', async ({ page }) => {
		await gotoHydrated(page, '/lessons/why-sequences');
		await expect(page.locator('article')).toContainText('That only works if a step always means the same thing');
		await gotoHydrated(page, '/lessons/recurrent-cell');
		await expect(page.getByTestId('simple-rnn-shape')).toHaveText('(None, 32)');
		await expect(page.locator('article')).toContainText('The lecture’s network is an LSTM');
		await expect(page.locator('article')).toContainText('A first try that fails');
	});

	test('every lesson links to /notation, which maps the lectures and explains the two ids of “h”', async ({ page }) => {
		for (const slug of ['why-sequences', 'vanishing-exploding', 'char-language-model']) {
			await gotoHydrated(page, `/lessons/${slug}`);
			await expect(page.getByRole('link', { name: /Notation/ })).toHaveAttribute('href', '/notation');
		}
		await page.getByRole('link', { name: /Notation/ }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notation');
		const ids = helloIds();
		expect(ids.lesson3).not.toBe(ids.lesson11);
		await expect(page.getByTestId('h-lesson3')).toHaveText(String(ids.lesson3));
		await expect(page.getByTestId('h-lesson11')).toHaveText(String(ids.lesson11));
		await expect(page.getByTestId('lectures')).toContainText('NUS-ISS');
	});
});

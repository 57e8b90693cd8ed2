import { expect, test, type Page } from '@playwright/test';
import { finiteDifference, gradientChain, lossAtStep, relativeDifference, termFiniteDifferences, truncatedGradient } from '../../src/lib/engine/index';
import { parseQuery } from '../../src/lib/widgets/params';
import { inputRows, toNetwork } from '../../src/lib/widgets/unrolled/model';
import { lossSpec, PARAMS, readBptt, schema } from '../../src/lib/widgets/bptt/model';
import { expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';

/** The engine in Node, on the network a query describes: the chain of L_T for one entry. */
function engine(query: string, overrides: { at?: number; param?: keyof typeof PARAMS; entry?: number; trunc?: number } = {}) {
	const state = { ...readBptt(parseQuery(schema, query).values).state, ...overrides };
	const network = toNetwork(state.net);
	const x = inputRows(state.net);
	const param = PARAMS[state.param];
	const chain = gradientChain(network, x, lossSpec(state), { step: state.at, param });
	const e = state.entry;
	const numeric = finiteDifference(network, x, lossAtStep(lossSpec(state), state.net.sizes.steps, state.net.sizes.output, state.at), { param, epsilon: 1e-6 });
	return {
		terms: chain.terms.map((t) => t.term[e] + 0), // + 0: a data-value attribute writes −0 as 0
		gradient: chain.gradient[e],
		sum: chain.sum[e],
		numeric: numeric[e],
		truncated: (K: number) => truncatedGradient(network, x, lossSpec(state), { step: state.at, length: K, param })[e],
		/** Each term by finite differences, W nudged at step k alone (k = 1 … T). */
		termNumeric: Array.from(termFiniteDifferences(network, x, lossSpec(state), { step: state.at, param, index: e, epsilon: 1e-6 })),
		/** dJ_t/dW by finite differences of J_t alone, t = 1 … steps. */
		stepNumeric: Array.from({ length: state.net.sizes.steps }, (_, i) =>
			finiteDifference(network, x, lossAtStep(lossSpec(state), state.net.sizes.steps, state.net.sizes.output, i + 1), { param, epsilon: 1e-6, entries: [e] })[e]
		)
	};
}

const counter = (page: Page) => page.getByTestId('bptt-counter');
const value = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
/** A column of the terms table (2 = term_k, 3 = its finite difference, 4 = relative difference), k = T … 1, full precision. */
async function termColumn(page: Page, column: number): Promise<number[]> {
	const cells = page.getByTestId('terms').locator(`tbody tr td:nth-child(${column + 1})`);
	return (await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).map(Number);
}
const shownTerms = (page: Page) => termColumn(page, 2);

test.describe('bptt backward step-through', () => {
	test('steps forward then backward with buttons and keys; the numbers are the engine’s', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/bptt?step=4');
		await expect(counter(page)).toHaveText('Forward: step 4 of 5');
		const query = new URL(page.url()).search.slice(1);
		const live = engine(query);

		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect(counter(page)).toHaveText('Forward: step 5 of 5');
		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect(counter(page)).toContainText('Backward: ∂L5/∂h5');
		expect(await value(page, 'term-now')).toBe(live.terms[4]);
		expect(await value(page, 'running')).toBeCloseTo(live.terms[4], 15);

		// Keys work while the widget has focus.
		await page.getByRole('region', { name: /Unfolded network with the backward pass/ }).focus();
		await page.keyboard.press('ArrowRight');
		await expect(counter(page)).toContainText('∂L5/∂h4');
		expect(await value(page, 'term-now')).toBe(live.terms[3]);
		expect(await value(page, 'running')).toBe(live.truncated(2));
		await page.keyboard.press('ArrowLeft');
		await expect(counter(page)).toContainText('∂L5/∂h5');
		await page.keyboard.press('End');
		await expect(counter(page)).toContainText('∂L5/∂h1 (5 of 5)');

		expect(await shownTerms(page)).toEqual([...live.terms].reverse());
		expect(await value(page, 'sum')).toBe(live.sum);
		expect(await value(page, 'gradient')).toBe(live.gradient);
		expect(await value(page, 'numeric')).toBe(live.numeric);
		expect(Math.abs(live.numeric - live.gradient) / Math.abs(live.gradient)).toBeLessThan(1e-7);
		expect(Number(await page.getByTestId('relative').getAttribute('data-value'))).toBeLessThan(1e-7);

		await page.keyboard.press('Home');
		await expect(counter(page)).toContainText('Forward: start');
		expect(errors()).toEqual([]);
	});

	test('picking a parameter, an entry and a loss step shows the engine’s chain for it', async ({ page }) => {
		await gotoHydrated(page, '/embed/bptt?back=5');
		const query = new URL(page.url()).search.slice(1);
		await page.getByLabel('Parameter').selectOption({ label: 'W_xh' });
		await page.getByLabel('Entry').selectOption({ label: 'W_xh row 2 column 3' });
		await page.getByLabel(/Loss/).selectOption('4');
		const live = engine(query, { param: 'wxh', entry: 5, at: 4 });
		await expect(page.getByTestId('terms').locator('tbody tr')).toHaveCount(4);
		// Back at 5 steps is clamped to the new T = 4: the chain is complete.
		await expect(counter(page)).toContainText('∂L4/∂h1 (4 of 4)');
		await expect(page.getByRole('button', { name: 'End of the backward pass' })).toBeDisabled();
		expect(await shownTerms(page)).toEqual([...live.terms].reverse());
		expect(await value(page, 'gradient')).toBe(live.gradient);
		expect(await value(page, 'numeric')).toBe(live.numeric);
	});

	test('the truncation slider cuts the far terms; the truncated gradient is the engine’s', async ({ page }) => {
		await gotoHydrated(page, '/embed/bptt?back=5');
		const live = engine(new URL(page.url()).search.slice(1));
		expect(await value(page, 'truncated')).toBe(live.gradient);
		const slider = page.getByRole('slider', { name: 'Truncation length K' });
		await slider.fill('2');
		await expect(page.getByTestId('trunc-value')).toHaveText('2 steps');
		await expect(page.getByTestId('truncated')).not.toHaveAttribute('data-value', String(live.gradient));
		expect(await value(page, 'truncated')).toBe(live.truncated(2));
		expect(await value(page, 'full')).toBe(live.gradient);
		await expect(page.locator('tr.cut')).toHaveCount(3);
		await slider.fill('5');
		await expect(page.getByTestId('trunc-value')).toContainText('full BPTT');
		expect(await value(page, 'truncated')).toBe(live.truncated(5));
	});

	test('keyboard and screen reader: pressed-to-the-end buttons keep focus, one short settled announcement', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/bptt?step=4');
		// Enter on End disables it; the focus must stay on it, not fall back to the page.
		const end = page.getByRole('button', { name: 'End of the backward pass' });
		await end.focus();
		await page.keyboard.press('Enter');
		await expect(counter(page)).toContainText('(5 of 5)');
		await expect(end).toBeDisabled();
		await expect(end).toBeFocused();
		// The worked term is not a live region; one status speaks once the position settles.
		await expect(page.getByTestId('current-term')).not.toHaveAttribute('aria-live');
		await expect(page.getByRole('group', { name: 'Backpropagation through time' }).locator('[aria-live]:not([aria-live="off"]), output')).toHaveCount(1);
		const status = page.getByTestId('announce');
		await expect(status).toContainText('(5 of 5)');
		await page.evaluate(() => {
			const w = window as unknown as { changes: number };
			w.changes = 0;
			new MutationObserver(() => w.changes++).observe(document.querySelector('[data-testid="announce"]')!, { childList: true, characterData: true, subtree: true });
		});
		await page.getByRole('slider', { name: 'Position in the forward and backward pass' }).focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
		await expect(status).toHaveText(/^Backward: ∂L5\/∂h4 \(2 of 5\)\. term 4 = /);
		expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(1);
		// The Show buttons' names contain their visible word.
		await expect(page.getByRole('button', { name: 'Show L2' })).toBeVisible();
		// The loss table fits a phone: no Show button hidden in a sideways scroll.
		await page.setViewportSize({ width: 375, height: 800 });
		const wrap = page.getByTestId('split').locator('..');
		expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
		expect(errors()).toEqual([]);
	});

	test('a link pointing past the network says what is shown instead', async ({ page }) => {
		await gotoHydrated(page, '/embed/bptt?steps=3&at=12&param=b&entry=40');
		await expect(page.getByRole('alert')).toContainText('at=12 is past the last step');
		await expect(page.getByRole('alert')).toContainText('entry=40 is past the last entry of b');
		await expect(page.getByLabel('Entry')).toHaveValue('3');
	});

	test('an /embed/unrolled query opens here with the same network, and links back', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'input=1&hidden=2&output=2&steps=4&step=4&seed=3&wxh=0.5,-0.3&whh=0.9,0.1,-0.2,0.8&b=0,0.1&why=1,0,0,1&by=0,0&h0=0.5,-0.5&x=1,0.5,-0.5,1';
		await gotoHydrated(page, `/embed/bptt?${query}`);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await page.getByRole('button', { name: 'End of the backward pass' }).click();
		const live = engine(query);
		expect(await shownTerms(page)).toEqual([...live.terms].reverse());
		const href = await page.getByRole('link', { name: 'See the forward pass of this network' }).getAttribute('href');
		const back = new URL(href ?? '', 'http://x').searchParams;
		expect(back.get('whh')).toBe('0.9,0.1,-0.2,0.8');
		expect(back.get('h0')).toBe('0.5,-0.5');
		await page.setViewportSize({ width: 375, height: 800 });
		expect(await horizontalOverflow(page)).toBe(0);
		expect(errors()).toEqual([]);
	});

	test('every term and every step’s gradient has its finite-difference check beside it, the engine’s', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/bptt?seed=4&back=5&param=wxh&entry=2');
		const live = engine(new URL(page.url()).search.slice(1));
		// Beside each term k (rows k = T … 1): its own finite difference and the relative difference.
		expect(await shownTerms(page)).toEqual([...live.terms].reverse());
		// Finite differences amplify a last-bit difference in the loss by 1/2ε, and the browser's
		// Math.exp/log may round differently from Node's: equal to within that (≈ 10⁻¹⁰), not bit for bit.
		const near = (shown: number[], expected: number[]) => {
			expect(shown).toHaveLength(expected.length);
			shown.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-9));
		};
		const fd = await termColumn(page, 3);
		near(fd, [...live.termNumeric].reverse());
		expect(await termColumn(page, 4)).toEqual([...live.terms].reverse().map((t, i) => relativeDifference(t, fd[i])));
		fd.forEach((v, i) => expect(Math.abs(v - [...live.terms].reverse()[i])).toBeLessThan(1e-9));
		// Beside each step's dJ_t/dW in the loss table: the finite difference of J_t alone.
		const split = page.getByTestId('split');
		const stepFd = (await split.getByTestId('step-numeric').evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).map(Number);
		near(stepFd, live.stepNumeric);
		const relative = (await split.getByTestId('step-relative').evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).map(Number);
		relative.forEach((r) => expect(r).toBeLessThan(1e-6));
		// The worked term shows its check too, and names its factors as the lesson does.
		await page.getByRole('slider', { name: 'Position in the forward and backward pass' }).focus();
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await expect(counter(page)).toContainText('∂L5/∂h3');
		near([await value(page, 'term-now-numeric')], [live.termNumeric[2]]);
		await expect(page.getByTestId('factor-arriving')).toContainText('the gradient arriving at h5');
		await expect(page.getByTestId('factor-chain')).toContainText('the chain of Jacobians: the product of 2 step Jacobians');
		await expect(page.getByTestId('factor-explicit')).toContainText('the explicit derivative');
		await expect(page.getByTestId('term-role')).toContainText('one term of the implicit part');
		await expect(page.getByTestId('current-term')).not.toContainText('implicit part)');
		await expectNoAxeViolations(page);
		await page.keyboard.press('Home');
		await page.keyboard.press('End');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await expect(counter(page)).toContainText('∂L5/∂h5');
		await expect(page.getByTestId('term-role')).toContainText('the explicit part of ∂L5/∂W');
		await expect(page.getByTestId('factor-chain')).toContainText('no step in between');
		expect(errors()).toEqual([]);
	});

	test('the truncation sentence is right for every K: one cut term, several, none, and a single step', async ({ page }) => {
		await gotoHydrated(page, '/embed/bptt?steps=4&back=2&at=2');
		const slider = page.getByRole('slider', { name: 'Truncation length K' });
		const sentence = page.getByTestId('trunc-sentence');
		await slider.fill('1');
		await expect(page.getByTestId('trunc-value')).toHaveText('1 step');
		await expect(sentence).toHaveText('The gradient stops at h2: h1 is treated as a given start, so the term k = 1 is cut off.');
		await expect(page.locator('tr.cut')).toHaveCount(1);
		await slider.fill('2');
		await expect(sentence).toContainText('Nothing is cut: the gradient flows back through all 2 steps.');
		await page.getByLabel(/Loss/).selectOption('4');
		await slider.fill('1');
		await expect(sentence).toHaveText('The gradient stops at h4: h3 is treated as a given start, so the terms k = 1 … 3 are cut off.');
		await slider.fill('2');
		await expect(sentence).toHaveText('The gradient stops at h3: h2 is treated as a given start, so the terms k = 1 and 2 are cut off.');
		await page.getByLabel(/Loss/).selectOption('1');
		await expect(sentence).toHaveText('Nothing can be cut: L1 has a single term, at step 1.');
		await expect(slider).toBeDisabled();
		await expect(page.getByTestId('trunc-value')).toHaveText('1 step (full BPTT)');
	});
});

import { expect, test, type Locator, type Page } from '@playwright/test';
import { compareCarry, countParameters, createNetwork, forward, sigmoid } from '../../src/lib/engine/index';
import { sig } from '../../src/lib/ui/format';

/** How the LSTM widget and lesson write a carry: three significant figures. */
const sigText = (x: number) => sig(x, 3);
import { schema as longLagSchema } from '../../src/lib/widgets/long-lag/model';
import { defaults } from '../../src/lib/widgets/params';
import { expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';

const GATES = ['i', 'f', 'g', 'o'] as const;

/** The network a share link describes, run by the engine in Node: c_t for t = 0 … T and the carry comparison. */
function engineRun(link: string) {
	const params = new URL(link, 'http://x').searchParams;
	const list = (name: string) => (params.get(name) ?? '').split(',').map(Number);
	const [I, H, T] = ['input', 'hidden', 'steps'].map((n) => Number(params.get(n)));
	const clamp = Object.fromEntries((params.get('clamp') ?? '').split(',').filter(Boolean).map((p) => [p.split(':')[0], Number(p.split(':')[1])]));
	const network = createNetwork({ inputSize: I, layers: [{ cell: 'lstm', hiddenSize: H, clamp }], outputSize: 1 });
	const p = network.layers[0].params;
	for (const g of GATES) {
		p[`Wx${g}`].set(list(`wx${g}`));
		p[`Wh${g}`].set(list(`wh${g}`));
		p[`b${g}`].set(list(`b${g}`));
	}
	network.layers[0].h0.set(list('h0'));
	network.layers[0].c0?.set(list('c0'));
	const x = list('x');
	const inputs = Array.from({ length: T }, (_, t) => x.slice(t * I, (t + 1) * I));
	const trace = forward(network, inputs).layers[0];
	return { T, c: [list('c0'), ...(trace.c as Float64Array[]).map((c) => Array.from(c))], carry: compareCarry(network, inputs) };
}

const counter = (scope: Page | Locator) => scope.getByTestId('step-counter');
/** A vector of the equation at full precision (data-value). */
async function shown(scope: Page | Locator, testid: string): Promise<number[]> {
	const cells = scope.getByTestId(testid).first().getByRole('spinbutton');
	return (await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).map(Number);
}
async function typeInto(scope: Page | Locator, name: string, value: string) {
	await scope.getByRole('spinbutton', { name, exact: true }).first().click();
	const editor = scope.getByRole('textbox', { name, exact: true });
	await editor.fill(value);
	await editor.press('Enter');
}

test.describe('lstm-cell embed', () => {
	// Each test drives many recomputations; a busy 2-core machine needs more than the default 30 s.
	test.slow();
	test('editing a forget-gate weight changes f_t and c_t; the gates follow the steps', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/lstm-cell?step=3');
		await expect(counter(page)).toHaveText('Step 3 of 6');
		const f = await shown(page, 'eq-gate-f');
		const c = await shown(page, 'eq-c');
		await typeInto(page, 'W_hf row 1 column 1', '2.5');
		await expect(page.getByRole('spinbutton', { name: 'W_hf row 1 column 1', exact: true }).first()).toHaveAttribute('data-value', '2.5');
		expect(await shown(page, 'eq-gate-f')).not.toEqual(f);
		expect(await shown(page, 'eq-c')).not.toEqual(c);
		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect(counter(page)).toHaveText('Step 4 of 6');
		await expect(page.getByTestId('eq-c').first().getByRole('spinbutton').first()).toHaveAccessibleName('c_4 entry 1');
		expect(errors()).toEqual([]);
	});

	test('clamping f to 1 and i to 0: c_T = c_0 exactly and ∂c_T/∂c_0 = 1 for every unit', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/lstm-cell?steps=8&step=8&hidden=3');
		await expect(page.getByTestId('carry-status')).not.toContainText('identical');
		await page.getByRole('combobox', { name: /Forget gate/ }).selectOption({ label: 'clamped to 1' });
		await page.getByRole('combobox', { name: /Input gate/ }).selectOption({ label: 'clamped to 0' });
		await expect(page.getByTestId('clamped-f')).toHaveText('clamped to 1');
		await expect(page.getByRole('button', { name: /Constant error carousel/ })).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByTestId('carry-status')).toContainText('identical, bit for bit');
		await expect(page.getByTestId('carry-dc0')).toHaveText('[1, 1, 1]');
		await expect(page.getByTestId('carry-row-0').locator('td').nth(1)).toHaveText('1');
		const cT = await shown(page, 'eq-c');
		await page.getByRole('button', { name: 'First step' }).click();
		expect(await shown(page, 'eq-c0')).toEqual(cT);
		// Releasing the input gate lets the cell write again: c_T moves away from c_0.
		await page.getByRole('combobox', { name: /Input gate/ }).selectOption({ label: 'computed' });
		await expect(page.getByTestId('carry-status')).not.toContainText('identical');
		await expect(page.getByTestId('carry-dc0')).toHaveText('[1, 1, 1]');
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('a bad clamp in the link is named and dropped; locked=1 leaves the numbers read-only', async ({ page }) => {
		await gotoHydrated(page, '/embed/lstm-cell?clamp=f:2');
		await expect(page.getByRole('alert').filter({ hasText: 'clamp=f:2' })).toContainText('from 0 to 1');
		await expect(page.getByRole('combobox', { name: /Forget gate/ })).toHaveValue('free');
		await gotoHydrated(page, '/embed/lstm-cell?locked=1&clamp=f:1');
		await expect(page.getByRole('combobox', { name: /Forget gate/ })).toBeDisabled();
		await expect(page.getByRole('spinbutton', { name: 'W_hf row 1 column 1', exact: true }).first()).toHaveAttribute('aria-readonly', 'true');
	});

	test('fits a 375 px phone without page overflow', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await gotoHydrated(page, '/embed/lstm-cell');
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	});
});

test.describe('lesson 8, LSTM', () => {
	// A long page with two cells and KaTeX: axe alone takes tens of seconds on a busy 2-core machine.
	test.slow();
	test('the cell’s numbers are the engine’s, before and after an edit; the carousel holds c_0', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/lstm');
		const widget = page.getByRole('figure', { name: 'LSTM cell, step by step' }).first();
		await typeInto(widget, 'b_f entry 1', '-2');
		await widget.getByRole('button', { name: 'Last step' }).click();
		await widget.getByRole('button', { name: 'Share / embed' }).click();
		const run = engineRun(await widget.getByLabel('Link').inputValue());
		expect(new URL(await widget.getByLabel('Link').inputValue(), 'http://x').searchParams.get('bf')?.split(',')[0]).toBe('-2');
		expect(await shown(widget, 'eq-c')).toEqual(run.c[run.T]);
		await expect(widget.getByTestId('carry-row-0').locator('td').nth(2)).toHaveText(sigText(run.carry.rnn[0]));

		const carousel = page.getByRole('figure', { name: 'LSTM cell, step by step' }).nth(1);
		await expect(carousel.getByTestId('carry-status')).toContainText('identical, bit for bit');
		await expect(carousel.getByTestId('carry-dc0')).toHaveText(/^\[1(, 1)*\]$/);
		expect(errors()).toEqual([]);
	});

	test('shows the counts and the forget-bias products computed live, checks an answer, and is axe clean', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/lstm');
		const main = page.locator('main');
		const keras = countParameters({ cell: 'lstm', inputSize: 64, hiddenSizes: [32], headSize: 1 });
		const torch = countParameters({ cell: 'lstm', inputSize: 64, hiddenSizes: [32], convention: 'pytorch' });
		const nptel = countParameters({ cell: 'lstm', inputSize: 3, hiddenSizes: [100], headSize: 5 });
		expect([keras.layers[0].total, keras.total, torch.total, nptel.layers[0].total, nptel.total]).toEqual([12416, 12449, 12544, 41600, 42105]);
		for (const text of ['12,416', '12,449', '12,544', '41,600', '42,105', '10,400']) await expect(main).toContainText(text);
		// The span is the long-lag widget's default lag plus the cue, as the lesson reads it.
		const span = defaults(longLagSchema).lag + 1;
		await expect(main).toContainText(sigText(sigmoid(3) ** span));
		await expect(main).toContainText(sigText(sigmoid(1) ** span));
		// And at lag 40, the lecture's σ(b)^41 for forget biases 1 and 3.
		for (const b of [1, 3]) await expect(main).toContainText(sigText(sigmoid(b) ** 41));

		// Question 3's answer is small: 0, or the bias-3 figure beside it, must not count as right.
		const fraction = page.getByRole('textbox', { name: 'Fraction left' });
		for (const [typed, verdict] of [['0', 'Not quite'], [sigText(sigmoid(3) ** 41), 'Not quite'], [sigText(sigmoid(2) ** 41), 'Right']]) {
			await fraction.fill(typed);
			await fraction.press('Enter');
			await expect(fraction.locator('xpath=ancestor::form').getByRole('status')).toContainText(verdict);
		}

		const check = page.getByRole('textbox', { name: 'Parameters' });
		await check.fill('1600');
		await check.press('Enter');
		await expect(check.locator('xpath=ancestor::form').getByRole('status')).toContainText('Right');
		// The whole page is checked in pages.spec; here, the checks, one of them answered.
		await expectNoAxeViolations(page, { include: 'form.check' });
		expect(errors()).toEqual([]);
	});
});


import { expect, test, type Locator, type Page } from '@playwright/test';
import { createNetwork, forward } from '../../src/lib/engine/index';
import { gotoHydrated, horizontalOverflow, watchConsole } from './helpers';

/** The network a link describes, run by the engine in Node: h_t for every step. */
function engineStates(link: string): number[][] {
	const params = new URL(link, 'http://x').searchParams;
	const list = (name: string) => (params.get(name) ?? '').split(',').map(Number);
	const size = (name: string) => Number(params.get(name));
	const [I, H, O, T] = [size('input'), size('hidden'), size('output'), size('steps')];
	const network = createNetwork({ inputSize: I, layers: [{ cell: 'rnn', hiddenSize: H }], outputSize: O });
	network.layers[0].params.Wxh.set(list('wxh'));
	network.layers[0].params.Whh.set(list('whh'));
	network.layers[0].params.bh.set(list('b'));
	network.layers[0].h0.set(list('h0'));
	network.head.W.set(list('why'));
	network.head.b.set(list('by'));
	const x = list('x');
	const inputs = Array.from({ length: T }, (_, t) => x.slice(t * I, (t + 1) * I));
	return forward(network, inputs).layers[0].h.map((h) => Array.from(h));
}

const counter = (scope: Page | Locator) => scope.getByTestId('step-counter');
const weight = (scope: Page | Locator, name: string) => scope.getByRole('spinbutton', { name, exact: true });
/** h_t as the page shows it, at full precision (data-value), from the equation's h_t vector. */
async function shownState(scope: Page | Locator): Promise<number[]> {
	const cells = scope.getByTestId('eq-h').getByRole('spinbutton');
	return (await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).map(Number);
}

async function shareLink(widget: Locator): Promise<string> {
	await widget.getByRole('button', { name: 'Share / embed' }).click();
	return widget.getByLabel('Link').inputValue();
}

test.describe('unrolled step-through', () => {
	test('steps with the buttons, the scrubber and the keyboard; the equation follows', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/unrolled');
		await expect(counter(page)).toHaveText('Step 1 of 5');
		await expect(page.getByTestId('eq-h').getByRole('spinbutton').first()).toHaveAccessibleName('h_1 entry 1');

		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect(counter(page)).toHaveText('Step 2 of 5');
		await expect(page.getByTestId('eq-h').getByRole('spinbutton').first()).toHaveAccessibleName('h_2 entry 1');
		await expect(page.getByTestId('eq-hprev').getByRole('spinbutton').first()).toHaveAccessibleName('h_1 entry 1');
		await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Step 2 of 5' })).toBeAttached();

		// Keyboard shortcuts work while the widget has focus (here: the diagram).
		await page.getByRole('region', { name: /Unrolled network diagram/ }).focus();
		await page.keyboard.press('ArrowRight');
		await expect(counter(page)).toHaveText('Step 3 of 5');
		await page.keyboard.press('ArrowLeft');
		await expect(counter(page)).toHaveText('Step 2 of 5');
		await page.keyboard.press('End');
		await expect(counter(page)).toHaveText('Step 5 of 5');
		await page.keyboard.press('Home');
		await expect(counter(page)).toContainText('Start');
		await expect(page.getByTestId('eq-h0')).toBeVisible();

		await page.getByRole('slider', { name: 'Time step' }).fill('4');
		await expect(counter(page)).toHaveText('Step 4 of 5');

		// Space plays from here to the end, then stops.
		await page.getByLabel('Speed').selectOption({ label: 'Fast' });
		await page.getByRole('region', { name: /Unrolled network diagram/ }).focus();
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
		await expect(counter(page)).toHaveText('Step 5 of 5', { timeout: 5000 });
		await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
		expect(errors()).toEqual([]);
	});

	test('the arrow keys do not scroll the page when the widget is not focused', async ({ page }) => {
		await gotoHydrated(page, '/lessons/recurrent-cell');
		await page.locator('h1').first().click();
		await page.keyboard.press('ArrowRight');
		await expect(counter(page)).toHaveText('Step 1 of 5');
	});

	test('typing a weight recomputes h_t to exactly the engine’s value; “abc” and 1e999 are refused', async ({ page }) => {
		await gotoHydrated(page, '/embed/unrolled?step=2');
		await expect(counter(page)).toHaveText('Step 2 of 5');
		const before = await shownState(page);

		await weight(page, 'W_hh row 1 column 1').click();
		const editor = page.getByRole('textbox', { name: 'W_hh row 1 column 1' });
		await expect(editor).toBeFocused();
		await editor.fill('0.9');
		await editor.press('Enter');
		await expect(weight(page, 'W_hh row 1 column 1')).toHaveAttribute('data-value', '0.9');
		await expect(weight(page, 'W_hh row 1 column 1')).toBeFocused();

		expect(await shownState(page)).not.toEqual(before);

		// In a lesson the Share panel gives the link, which holds every number: the engine, run here
		// in Node on the link's numbers, must agree with the page exactly.
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const widget = page.getByRole('figure', { name: 'Unrolled RNN, step by step' });
		await widget.getByRole('button', { name: 'Step forward' }).click();
		await weight(widget, 'W_hh row 1 column 1').click();
		await widget.getByRole('textbox', { name: 'W_hh row 1 column 1' }).fill('0.9');
		await widget.getByRole('textbox', { name: 'W_hh row 1 column 1' }).press('Enter');
		const link = await shareLink(widget);
		expect(new URL(link).searchParams.get('whh')?.split(',')[0]).toBe('0.9');
		const shown = await shownState(widget);
		expect(shown).toEqual(engineStates(link)[1]);

		// Invalid text: an inline message, the last good value kept, h_t unchanged.
		await weight(widget, 'W_hh row 1 column 1').click();
		const field = widget.getByRole('textbox', { name: 'W_hh row 1 column 1' });
		await field.fill('abc');
		await field.press('Enter');
		await expect(widget.getByRole('alert').filter({ hasText: '“abc” is not allowed' })).toContainText('Keeping 0.90');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await field.fill('1e999');
		await field.press('Enter');
		await expect(widget.getByRole('alert').filter({ hasText: '“1e999” is not allowed' })).toContainText('from -100 to 100');
		await field.press('Escape');
		await expect(weight(widget, 'W_hh row 1 column 1')).toHaveAttribute('data-value', '0.9');
		expect(await shownState(widget)).toEqual(shown);
	});

	test('↑/↓ nudge a focused number; Ctrl+Z undoes and Ctrl+Shift+Z redoes', async ({ page }) => {
		await gotoHydrated(page, '/embed/unrolled?step=1');
		const b1 = weight(page, 'b entry 1');
		const original = Number(await b1.getAttribute('data-value'));
		await b1.focus();
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('ArrowUp');
		await expect(b1).toHaveAttribute('data-value', String(Number((original + 0.2).toPrecision(12))));
		await page.keyboard.press('Shift+ArrowDown');
		await expect(b1).toHaveAttribute('data-value', String(Number((original + 0.19).toPrecision(12))));
		// The nudges were quick, so they undo as one step.
		await page.keyboard.press('Control+z');
		await expect(b1).toHaveAttribute('data-value', String(original));
		await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
		await page.keyboard.press('Control+Shift+z');
		await expect(b1).toHaveAttribute('data-value', String(Number((original + 0.19).toPrecision(12))));
		await page.getByRole('button', { name: 'Start over' }).click();
		await expect(b1).toHaveAttribute('data-value', String(original));
	});

	test('dragging a number sideways changes it', async ({ page }) => {
		await gotoHydrated(page, '/embed/unrolled?step=1');
		const cell = weight(page, 'W_xh row 1 column 1');
		const box = (await cell.boundingBox())!;
		const original = Number(await cell.getAttribute('data-value'));
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 + 25, box.y + box.height / 2, { steps: 5 });
		await page.mouse.move(box.x + box.width / 2 + 50, box.y + box.height / 2, { steps: 5 });
		await page.mouse.up();
		await expect(cell).toHaveAttribute('data-value', String(Number((original + 0.5).toFixed(2))));
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(cell).toHaveAttribute('data-value', String(original));
	});

	test('presets: zero weights give h_t = 0; identity W_hh; a new seed', async ({ page }) => {
		await gotoHydrated(page, '/embed/unrolled?step=3');
		await page.getByRole('button', { name: 'All zero' }).click();
		expect(await shownState(page)).toEqual([0, 0, 0, 0]);
		await page.getByRole('button', { name: 'Set W_hh to the identity matrix' }).click();
		await expect(weight(page, 'W_hh row 2 column 2')).toHaveAttribute('data-value', '1');
		await expect(weight(page, 'W_hh row 2 column 1')).toHaveAttribute('data-value', '0');
		await page.getByLabel('Seed').fill('42');
		await page.getByRole('button', { name: 'Random', exact: true }).click();
		const state = await shownState(page);
		expect(state.some((v) => v !== 0)).toBe(true);
	});

	test('lesson 2: the Seed field, the weights and the share link always agree (Random, Start over, typing a seed)', async ({ page }) => {
		const errors = watchConsole(page);
		const whhOf = async (scope: Page | Locator) =>
			(await scope.getByTestId('eq-whh').getByRole('spinbutton').evaluateAll((els) => els.map((el) => el.getAttribute('data-value')))).join(',');
		// The weights a seed stands for, read from a fresh embed of that seed.
		const seedWeights = async (seed: string) => {
			const other = await page.context().newPage();
			await gotoHydrated(other, `/embed/unrolled?seed=${seed}`);
			const whh = await whhOf(other);
			await other.close();
			return whh;
		};
		const linkOf = async (widget: Locator) => {
			const params = new URL(await shareLink(widget)).searchParams;
			await widget.getByRole('button', { name: 'Share / embed' }).click();
			return { seed: params.get('seed'), whh: params.get('whh') };
		};

		await gotoHydrated(page, '/lessons/recurrent-cell');
		const widget = page.getByRole('figure', { name: 'Unrolled RNN, step by step' });
		const seedField = widget.getByLabel('Seed');
		await expect(seedField).toHaveValue('7');
		const seven = await whhOf(widget);

		// Random on the untouched network draws visibly new weights, and names their seed.
		await widget.getByRole('button', { name: 'Random', exact: true }).click();
		await expect(seedField).not.toHaveValue('7');
		const drawn = await seedField.inputValue();
		const after = await whhOf(widget);
		expect(after).not.toBe(seven);
		expect(await linkOf(widget)).toEqual({ seed: drawn, whh: after });
		expect(after).toBe(await seedWeights(drawn));

		// Start over brings back seed 7's weights and the field says 7 again.
		await widget.getByRole('button', { name: 'Start over' }).click();
		await expect(seedField).toHaveValue('7');
		expect(await whhOf(widget)).toBe(seven);
		expect(await linkOf(widget)).toEqual({ seed: '7', whh: seven });

		// Typing a seed draws that seed's weights at once; Random then moves on from it.
		await seedField.fill('42');
		await expect.poll(() => whhOf(widget)).toBe(await seedWeights('42'));
		expect((await linkOf(widget)).seed).toBe('42');
		await widget.getByRole('button', { name: 'Random', exact: true }).click();
		await expect(seedField).not.toHaveValue('42');
		expect(await whhOf(widget)).toBe(await seedWeights(await seedField.inputValue()));
		expect(errors()).toEqual([]);
	});

	test('pointing at a W_hh entry lights every W_hh arrow and its uses', async ({ page }) => {
		await gotoHydrated(page, '/embed/unrolled?step=2');
		await weight(page, 'W_hh row 1 column 2').hover();
		await expect(page.locator('.arrow.whh.lit')).toHaveCount(5);
		await expect(page.locator('.arrow.wxh.lit')).toHaveCount(0);
		await expect(page.getByTestId('eq-hprev').getByRole('spinbutton').nth(1)).toHaveClass(/related/);
		await expect(page.getByTestId('eq-a').getByRole('spinbutton').nth(0)).toHaveClass(/related/);
	});

	test('a shared link opens the same network at the same step; a reload keeps edits', async ({ page }) => {
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const widget = page.getByRole('figure', { name: 'Unrolled RNN, step by step' });
		await widget.getByRole('button', { name: 'Last step' }).click();
		await widget.getByRole('button', { name: 'Step back' }).click();
		await expect(counter(widget)).toHaveText('Step 4 of 5');
		await weight(widget, 'b entry 2').click();
		await widget.getByRole('textbox', { name: 'b entry 2' }).fill('-0.375');
		await widget.getByRole('textbox', { name: 'b entry 2' }).press('Enter');
		const state = await shownState(widget);

		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(widget.getByText('Your last state was restored.')).toBeVisible();
		await expect(counter(widget)).toHaveText('Step 4 of 5');
		await expect(weight(widget, 'b entry 2')).toHaveAttribute('data-value', '-0.375');

		const link = await shareLink(widget);
		await gotoHydrated(page, new URL(link).pathname + new URL(link).search);
		await expect(counter(page)).toHaveText('Step 4 of 5');
		await expect(weight(page, 'b entry 2')).toHaveAttribute('data-value', '-0.375');
		expect(await shownState(page)).toEqual(state);
		expect(state).toEqual(engineStates(link)[3]);
	});

	test('check it yourself: the maths cell uses the live network and agrees with the engine', async ({ page }) => {
		await gotoHydrated(page, '/lessons/recurrent-cell');
		const check = page.getByRole('region', { name: 'Check it yourself' });
		await check.getByRole('button', { name: 'tanh(Whh * h1 + Wxh * x2 + b)' }).click();
		// The first evaluation also loads the calculator (mathjs, in its worker).
		await expect(check.getByTestId('cell-verdict')).toContainText('Agrees with the engine', { timeout: 20_000 });
		await check.getByRole('button', { name: 'Whh * h1 + Wxh * x2 + b', exact: true }).click();
		await expect(check.getByTestId('cell-engine')).toContainText('a2');
		await expect(check.getByTestId('cell-verdict')).toContainText('Agrees with the engine');
	});

	test('375 px: the page never scrolls sideways; the diagram scrolls inside its frame', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		for (const path of ['/lessons/recurrent-cell', '/embed/unrolled?hidden=8&input=6&steps=12&output=4&step=12']) {
			await gotoHydrated(page, path);
			expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
			const frame = page.getByRole('region', { name: /Unrolled network diagram/ });
			const scrolls = await frame.evaluate((el) => el.scrollWidth > el.clientWidth);
			expect(scrolls).toBe(true);
		}
		// Touch targets: every number and transport button is at least 32 px tall.
		const heights = await page
			.locator('[role="spinbutton"], .transport button')
			.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
		expect(Math.min(...heights)).toBeGreaterThanOrEqual(32);
	});
});

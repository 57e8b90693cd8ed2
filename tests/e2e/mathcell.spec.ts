import { expect as baseExpect, test, type Page } from '@playwright/test';
import { tanh, tanhDerivativeFromOutput } from '../../src/lib/engine/activations';
import { formatNumber } from '../../src/lib/mathcell/format';
import { THEME_RULES, expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';

// The first evaluation on a page also loads the calculator (mathjs, in its worker): allow for it
// on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const cell = (page: Page) => page.getByRole('textbox', { name: 'Check it yourself' });
const result = (page: Page) => page.getByTestId('cell-result').getByTestId('value');
const engine = (page: Page) => page.getByTestId('cell-engine').getByTestId('value');
const error = (page: Page) => page.getByTestId('cell-error');

async function evaluate(page: Page, expression: string) {
	await cell(page).fill(expression);
	await cell(page).press('Enter');
}

test.describe('“check it yourself” cell in the tanh widget', () => {
	let errors: () => string[];
	test.beforeEach(async ({ page }) => {
		errors = watchConsole(page);
		await gotoHydrated(page, '/embed/tanh?cell=1&a=1.5');
		await expect(cell(page)).toBeVisible();
	});
	test.afterEach(() => expect(errors()).toEqual([]));

	test('tanh(a) equals the engine’s value, with a ✓, and follows the slider', async ({ page }) => {
		await evaluate(page, 'tanh(a)');
		await expect(result(page)).toHaveText(formatNumber(tanh(1.5)));
		await expect(engine(page)).toHaveText(formatNumber(tanh(1.5)));
		await expect(page.getByTestId('cell-verdict')).toContainText('Agrees with the engine');

		await page.getByLabel('Show full precision').check();
		await expect(result(page)).toHaveText(String(tanh(1.5)));
		await page.getByLabel('Show full precision').uncheck();

		// The lesson's numbers change: the cell re-evaluates and still agrees.
		await page.getByLabel('Pre-activation a').focus();
		await page.keyboard.press('Shift+ArrowRight');
		await expect(page.getByTestId('a')).toHaveText('2');
		await expect(result(page)).toHaveText(formatNumber(tanh(2)));
		await expect(page.getByTestId('cell-verdict')).toContainText('Agrees with the engine');
	});

	test('examples and name chips fill the box; the slope example matches the engine', async ({ page }) => {
		await page.getByRole('button', { name: '1 - tanh(a)^2' }).click();
		await expect(cell(page)).toHaveValue('1 - tanh(a)^2');
		await expect(result(page)).toHaveText(formatNumber(tanhDerivativeFromOutput(tanh(1.5))));
		await expect(page.getByTestId('cell-verdict')).toContainText('Agrees');

		await cell(page).fill('2 * ');
		await page.getByRole('button', { name: 'Insert slope (number)' }).click();
		await expect(cell(page)).toHaveValue('2 * slope');
		await expect(cell(page)).toBeFocused();
		await cell(page).press('Enter');
		await expect(result(page)).toHaveText(formatNumber(2 * tanhDerivativeFromOutput(tanh(1.5))));
		await expect(page.getByTestId('cell-engine')).toHaveCount(0);
	});

	test('zeros(3000,3000) and endless recursion give a message, and the page stays responsive', async ({ page }) => {
		await evaluate(page, 'zeros(3000,3000)');
		await expect(error(page)).toContainText('9,000,000 entries', { timeout: 5000 });

		await evaluate(page, 'f(x) = f(x); f(1)');
		await expect(error(page)).toContainText('kept calling itself', { timeout: 5000 });
	});

	test('a computation that runs too long is stopped; the slider works meanwhile', async ({ page }) => {
		// The calculator loads mathjs on first use; the time limit is about evaluating, so start it first.
		await evaluate(page, 'tanh(a)');
		await expect(result(page)).toHaveText(formatNumber(tanh(1.5)));
		await evaluate(page, 'f(n) = n > 0 ? f(n - 1) + f(n - 1) : 1; f(40)');
		await expect(page.getByTestId('cell-working')).toBeVisible();
		// The main thread is free while the worker grinds: the slider moves and the readout updates.
		await page.getByLabel('Pre-activation a').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('a')).toHaveText('1.55', { timeout: 500 });
		await expect(page.getByTestId('y')).toHaveText(formatNumber(tanh(1.55)));
		// The cell's own time limit ends it; how soon on the clock depends on the machine, so no
		// wall-clock bound here (the worker's limit is unit-tested).
		await expect(error(page)).toContainText('took too long', { timeout: 20_000 });

		// A fresh worker takes over.
		await evaluate(page, 'tanh(a)');
		await expect(result(page)).toHaveText(formatNumber(tanh(1.55)));
	});

	for (const expression of ['import({}, {})', 'createUnit("foo")', 'evaluate("1")']) {
		test(`${expression} is refused as disabled`, async ({ page }) => {
			await evaluate(page, expression);
			await expect(error(page)).toContainText('is switched off in this calculator');
			await expect(error(page)).toHaveAttribute('data-kind', 'disabled');
		});
	}

	test('a 400-character expression is refused with a length message', async ({ page }) => {
		const expression = `a + ${'1 + '.repeat(120)}`.slice(0, 399) + '1';
		expect(expression).toHaveLength(400);
		await evaluate(page, expression);
		await expect(error(page)).toContainText('400 characters long; the cell takes at most 300');
		await expect(cell(page)).toHaveAttribute('aria-invalid', 'true');
	});

	test('a shape mismatch and an unknown name are explained in words', async ({ page }) => {
		await evaluate(page, '[1, 2] + [1, 2, 3]');
		await expect(error(page)).toContainText('The shapes do not match');
		await evaluate(page, 'W * a');
		await expect(error(page)).toContainText('“W” is not defined here. The names you can use are a, y, slope.');
	});

	test('screen readers hear the result', async ({ page }) => {
		await evaluate(page, 'tanh(a)');
		await expect(page.getByRole('status').filter({ hasText: 'Result:' })).toHaveText(
			`Result: ${formatNumber(tanh(1.5))}. The engine agrees.`
		);
	});
});

test('without cell=1 the widget has no calculator and loads no worker', async ({ page }) => {
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await gotoHydrated(page, '/embed/tanh');
	await expect(page.getByTestId('y')).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Check it yourself' })).toHaveCount(0);
	await page.waitForTimeout(300);
	expect(workers).toEqual([]);
});

test('the cell with a result and with an error has no axe violation, in light and dark', async ({ page }) => {
	// One load for both schemes: every rule runs in light; dark re-checks what a scheme changes
	// (THEME_RULES), in both states of the cell.
	await page.emulateMedia({ colorScheme: 'light' });
	await gotoHydrated(page, '/embed/tanh?cell=1');
	await evaluate(page, 'tanh(a)');
	await expect(page.getByTestId('cell-verdict')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page, { rules: THEME_RULES });
	await evaluate(page, 'import({}, {})');
	await expect(error(page)).toBeVisible();
	await expectNoAxeViolations(page, { rules: THEME_RULES });
	await page.emulateMedia({ colorScheme: 'light' });
	await expectNoAxeViolations(page);
});

test('on a 375 px phone a wide matrix result scrolls inside the cell, not the page', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	await gotoHydrated(page, '/embed/tanh?cell=1');
	await evaluate(page, '[a, y, slope, a, y, slope, a, y; 1, 2, 3, 4, 5, 6, 7, 8] * 123456.789');
	await expect(result(page)).toBeVisible();
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

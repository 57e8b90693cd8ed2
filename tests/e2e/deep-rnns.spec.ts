import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated, horizontalOverflow, watchConsole } from './helpers';
import { gradientsOf, parametersOf, runsOf, schema as depthSchema } from '../../src/lib/widgets/depth/model';
import { seededNetwork } from '../../src/lib/training/network';
import { parseQuery } from '../../src/lib/widgets/params';
import { createSession } from '../../src/lib/training/session';
import { evaluateNow } from '../../src/lib/training/evaluation';

const shapes = (page: Page) => page.getByTestId('shape');
const keras = (page: Page) => page.getByTestId('keras');
const pytorch = (page: Page) => page.getByTestId('pytorch');

// A loaded 2-core machine can take many seconds to hydrate a page.
test.describe.configure({ timeout: 90_000 });

test.describe('stack embed', () => {
	test('shows the lecture’s stack: shapes, 364 + 612 + 10 = 986 (PyTorch 392 + 648 + 10 = 1,050)', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/stack');
		await expect(shapes(page)).toHaveText(['(None, 3, 5)', '(None, 3, 7)', '(None, 9)', '(None, 1)']);
		await expect(keras(page)).toHaveText(['0', '364', '612', '10']);
		await expect(pytorch(page)).toHaveText(['0', '392', '648', '10']);
		await expect(page.getByTestId('total-keras')).toHaveText('986');
		await expect(page.getByTestId('total-pytorch')).toHaveText('1,050');
		// axe, light and dark, runs on this page in pages.spec.ts.
		expect(errors()).toEqual([]);
	});

	test('return_sequences changes the shape, never the count; off below another layer gives a message', async ({ page }) => {
		await gotoHydrated(page, '/embed/stack');
		// Top layer returns sequences: (None, 3, 9), and the head runs at every step.
		await page.getByRole('checkbox', { name: 'return_sequences of layer 2' }).check();
		await expect(shapes(page)).toHaveText(['(None, 3, 5)', '(None, 3, 7)', '(None, 3, 9)', '(None, 3, 1)']);
		await expect(page.getByTestId('total-keras')).toHaveText('986');
		// Layer 1 without it: layer 2 has no time axis to run over.
		await page.getByRole('checkbox', { name: 'return_sequences of layer 1' }).uncheck();
		await expect(page.getByRole('alert')).toContainText('Layer 2, LSTM(9, return_sequences=True), needs a sequence');
		await expect(page.getByRole('alert')).toContainText('Turn return_sequences on for layer 1');
		await expect(shapes(page).nth(1)).toHaveText('(None, 7)');
		await expect(page.getByTestId('total-keras')).toHaveText('—');
		await page.getByRole('checkbox', { name: 'return_sequences of layer 1' }).check();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page.getByTestId('total-keras')).toHaveText('986');
	});

	test('the number of steps never enters the counts', async ({ page }) => {
		await gotoHydrated(page, '/embed/stack');
		await page.getByRole('textbox', { name: 'Steps' }).fill('64480');
		await expect(shapes(page).nth(1)).toHaveText('(None, 64,480, 7)');
		await expect(keras(page)).toHaveText(['0', '364', '612', '10']);
		await expect(page.getByTestId('total-keras')).toHaveText('986');
	});

	test('adding a layer on top stacks it on the old top, which now returns sequences; Remove takes it away', async ({ page }) => {
		await gotoHydrated(page, '/embed/stack');
		await page.getByRole('button', { name: 'Add a layer on top' }).click();
		await expect(page.getByTestId('layer-row')).toHaveCount(3);
		await expect(page.getByRole('checkbox', { name: 'return_sequences of layer 2' })).toBeChecked();
		await expect(shapes(page)).toHaveText(['(None, 3, 5)', '(None, 3, 7)', '(None, 3, 9)', '(None, 9)', '(None, 1)']);
		// LSTM(9) on 9 features: 4·(9·9 + 9·9 + 9) = 684.
		await expect(keras(page).nth(3)).toHaveText('684');
		await page.getByRole('textbox', { name: 'Units of layer 3' }).fill('4');
		await expect(keras(page).nth(3)).toHaveText(String(4 * (4 * 9 + 4 * 4 + 4)));
		await page.getByRole('button', { name: 'Remove layer 3' }).click();
		await expect(page.getByTestId('layer-row')).toHaveCount(2);
	});

	test('bad URL values are named and the defaults used: a 10,000-unit layer, an unknown cell, too many layers', async ({ page }) => {
		for (const [query, message] of [
			['layers=lstm:10000', 'has 10,000 units; a layer here has 1 to 1,024'],
			['layers=transformer:8', '“transformer” is not a cell; use rnn, lstm or gru'],
			[`layers=${Array(9).fill('rnn:2:seq').join(',')}`, '9 layers is too many: at most 8'],
			['input=3', 'input takes two whole numbers']
		]) {
			await gotoHydrated(page, `/embed/stack?${query}`);
			await expect(page.getByRole('alert').first()).toContainText(message);
			await expect(page.getByTestId('total-keras')).toHaveText('986');
		}
	});

	test('locked=1 disables the editor; hide=layers removes it; the table stays; fits 375 px', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await gotoHydrated(page, '/embed/stack?layers=gru:4:seq,rnn:3&input=6,2&head=&locked=1');
		await expect(page.getByRole('button', { name: 'Add a layer on top' })).toBeDisabled();
		await expect(keras(page)).toHaveText(['0', '96', '24']);
		expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await gotoHydrated(page, '/embed/stack?hide=layers');
		await expect(page.getByTestId('layer-row')).toHaveCount(0);
		await expect(page.getByTestId('total-keras')).toHaveText('986');
	});
});

test.describe('depth embed', () => {
	test('trains 1, 2 and 3 layers in workers; parameters, loss and accuracy equal the engine’s; gradients per layer appear', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchConsole(page);
		const query = 'steps=150&hidden=8';
		const values = parseQuery(depthSchema, query).values;
		const rms = (network: Parameters<typeof gradientsOf>[0]) => gradientsOf(network, values.seed).parts.map((part) => part.rms);
		const expected = runsOf(values).map((run) => {
			const session = createSession(run.config);
			const start = rms(seededNetwork(run.config));
			session.runSteps(run.config.steps);
			return { run, accuracy: evaluateNow(session).classes!.accuracy, parameters: session.network.params.length, start, trained: rms(session.network) };
		});
		// The workers measure the gradients: the engine's numbers (Chromium's Math may differ from
		// Node's in the last bit, so to twelve significant digits).
		const expectRms = async (testid: string, want: number[]) => {
			const shown = await Promise.all((await page.getByTestId(testid).all()).map(async (cell) => Number(await cell.getAttribute('data-value'))));
			expect(shown).toHaveLength(want.length);
			shown.forEach((value, i) => expect(Math.abs(value - want[i]) / want[i], `${testid} ${i}: ${value} vs ${want[i]}`).toBeLessThan(1e-12));
		};

		await gotoHydrated(page, `/embed/depth?${query}`);
		// The training workers load only when wanted; asked, they measure the untrained stacks before
		// any training: 1 + 2 + 3 layers and three heads.
		expect(page.workers()).toHaveLength(0);
		await page.getByRole('button', { name: 'Measure the untrained stacks' }).click();
		await expect(page.getByTestId('start-rms')).toHaveCount(9);
		await expectRms('start-rms', expected.flatMap((e) => e.start));
		await page.getByRole('button', { name: 'Train 1, 2 and 3 layers' }).click();
		for (const { run, accuracy, parameters } of expected) {
			await expect(page.getByTestId(`params-${run.id}`)).toHaveText(parameters.toLocaleString('en-US'));
			expect(parameters).toBe(parametersOf(values, run.layers));
			await expect(page.getByTestId(`accuracy-${run.id}`)).toHaveAttribute('data-value', String(accuracy), { timeout: 40_000 });
		}
		await expect(page.getByTestId('trained-rms')).toHaveCount(9, { timeout: 20_000 });
		await expectRms('trained-rms', expected.flatMap((e) => e.trained));
		for (const id of ['d1', 'd2', 'd3']) {
			expect(Number(await page.getByTestId(`speed-${id}`).getAttribute('data-value'))).toBeGreaterThan(0);
			expect(Number(await page.getByTestId(`loss-${id}`).getAttribute('data-value'))).toBeGreaterThan(0);
		}
		await expectNoAxeViolations(page);
		// The finished runs are kept: a reload brings them back with the same accuracies and gradients.
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:depth:')));
		await gotoHydrated(page, `/embed/depth?${query}`);
		await expect(page.getByTestId('restored')).toBeVisible({ timeout: 20_000 });
		for (const { run, accuracy } of expected) {
			await expect(page.getByTestId(`accuracy-${run.id}`)).toHaveAttribute('data-value', String(accuracy), { timeout: 20_000 });
		}
		await expect(page.getByTestId('trained-rms')).toHaveCount(9, { timeout: 20_000 });
		await expectRms('trained-rms', expected.flatMap((e) => e.trained));
		expect(errors()).toEqual([]);
	});
});

test('the lesson shows the lecture’s numbers live, and its two stack widgets', async ({ page }) => {
	const errors = watchConsole(page);
	await gotoHydrated(page, '/lessons/deep-rnns');
	const main = page.locator('main');
	for (const text of ['(None, 3, 7)', '(None, 7)', '986', '1,050', '364', '612', '392', '648']) await expect(main).toContainText(text);
	await expect(page.getByRole('alert').filter({ hasText: 'needs a sequence' })).toHaveCount(1);
	expect(errors()).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated, watchConsole } from './helpers';
import { chanceOf, runsOf, schema as longLagSchema, verdictOf } from '../../src/lib/widgets/long-lag/model';
import { parseQuery } from '../../src/lib/widgets/params';
import { createSession } from '../../src/lib/training/session';
import { evaluateNow } from '../../src/lib/training/evaluation';

const LECTURE_09 = ['0.90', '0.81', '0.73', '0.66', '0.59', '0.53', '0.48', '0.43', '0.39'];
const LECTURE_15 = ['1.50', '2.25', '3.38', '5.06', '7.59', '11.39', '17.09', '25.63'];

const row = (page: Page, index = 0) => page.getByTestId(`row-${index}`).locator('td');

test.describe('power sequence embed', () => {
	test('shows the lecture’s 0.9ⁿ and 1.5ⁿ rows', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/power?factor=0.9&steps=9');
		await expect(row(page)).toHaveText(LECTURE_09);
		await expect(page.getByTestId('last-0')).toHaveText('0.39');
		await gotoHydrated(page, '/embed/power?factor=1.5&steps=8');
		await expect(row(page)).toHaveText(LECTURE_15);
		await expect(page.getByTestId('last-0')).toHaveText('25.63');
		expect(errors()).toEqual([]);
	});

	test('a typed factor and a comparison update the table; a bad factor is refused and the last good one kept', async ({ page }) => {
		await gotoHydrated(page, '/embed/power?factor=0.9&steps=8');
		await page.getByLabel('Compare with (0 = none)').fill('1.5');
		await expect(row(page, 1)).toHaveText(LECTURE_15);
		const factor = page.getByRole('textbox', { name: 'Factor c' });
		await factor.fill('abc');
		await expect(page.getByRole('alert')).toContainText('Please enter a number from 0.01 to 4');
		await expect(row(page)).toHaveText(LECTURE_09.slice(0, 8));
		await factor.fill('1.5');
		await expect(row(page)).toHaveText(LECTURE_15);
	});

	test('whole powers are exact in the headline and the table: 4⁹ = 262,144, not 262000', async ({ page }) => {
		await gotoHydrated(page, '/embed/power?factor=4&steps=9');
		await expect(page.getByTestId('last-0')).toHaveText('262,144');
		await expect(row(page).last()).toHaveText('262,144');
		await expect(page.getByTestId('summary')).not.toContainText('262000');
		await expect(page.getByTestId('rounding')).toContainText('Whole numbers are exact');
	});

	test('the steps slider moves with the keyboard', async ({ page }) => {
		await gotoHydrated(page, '/embed/power?factor=0.9&steps=8');
		await page.getByRole('slider', { name: 'Steps n, slider' }).focus();
		await page.keyboard.press('ArrowRight');
		await expect(row(page)).toHaveText(LECTURE_09);
	});

	test('bad URL values show the message and fall back to the defaults', async ({ page }) => {
		await gotoHydrated(page, '/embed/power?factor=-2&steps=9');
		await expect(page.getByRole('alert')).toContainText('factor=-2');
		await expect(row(page)).toHaveText(LECTURE_09);
	});
});

test.describe('Jacobian-norm embed', () => {
	const cellValue = async (page: Page) => Number(await page.getByTestId('cell-value').getAttribute('data-value'));
	const corner = (page: Page) => page.locator('[data-testid="heatmap"] rect[data-cell="24,0"]');

	test('the radius slider rescales W_hh: readouts agree and the heatmap fades', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/jacobians?radius=0.9');
		await expect(page.getByTestId('radius-engine')).toHaveText('0.9');
		// mathjs loads only for the reader's cross-check; the engine's eigenvalues are drawn at once.
		expect(page.workers().filter((w) => w.url().includes('eigs'))).toHaveLength(0);
		await expect(page.getByRole('img', { name: /complex plane: 8 points, the farthest at distance 0\.9 from 0/ })).toBeVisible();
		await page.getByRole('button', { name: /Cross-check ρ with mathjs/ }).click();
		await expect(page.getByTestId('radius-mathjs')).toHaveText('0.9', { timeout: 15_000 });
		await expect(page.getByTestId('cell-readout')).toContainText('∂h24/∂h0');
		const before = await cellValue(page);
		const fillBefore = await corner(page).getAttribute('fill');

		await page.getByRole('slider', { name: /Spectral radius/ }).focus();
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByTestId('radius-target')).toHaveText('0.80');
		await expect(page.getByTestId('radius-engine')).toHaveText('0.8');
		await expect(page.getByTestId('radius-mathjs')).toHaveText('0.8', { timeout: 15_000 });
		await expect.poll(() => cellValue(page)).toBeLessThan(before);
		expect(await corner(page).getAttribute('fill')).not.toBe(fillBefore);

		// Above 1 and without tanh, the same cell explodes.
		await page.keyboard.press('End');
		await expect(page.getByTestId('radius-target')).toHaveText('2.00');
		await page.getByRole('radio', { name: 'without tanh' }).check();
		await expect.poll(() => cellValue(page)).toBeGreaterThan(1e4);
		await expect(page.getByTestId('story')).toContainText('Exploding.');
		expect(errors()).toEqual([]);
	});

	test('saturation shrinks the norms while ρ stays fixed', async ({ page }) => {
		test.setTimeout(90_000);
		await gotoHydrated(page, '/embed/jacobians?radius=1');
		const calm = await cellValue(page);
		await page.getByRole('slider', { name: 'Input scale' }).focus();
		for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('slider', { name: 'Input scale' })).toHaveValue('4');
		await expect(page.getByTestId('radius-engine')).toHaveText('1');
		await expect.poll(() => cellValue(page)).toBeLessThan(calm / 10);
		// Input scale 4 saturates no unit (issue 12): the story says slopes below 1 compound, not "flat ends".
		await expect(page.getByTestId('saturated')).toHaveText('0%');
		await expect(page.getByTestId('story')).toContainText('No unit-step is saturated');
		await expect(page.getByTestId('story')).not.toContainText('flat ends');
		// A bias of 2 does saturate them, and then the story says so.
		await gotoHydrated(page, '/embed/jacobians?radius=1&inputScale=4&bias=2');
		await expect(page.getByTestId('story')).toContainText('flat ends');
	});

	test('the heatmap is explorable with the arrow keys', async ({ page }) => {
		await gotoHydrated(page, '/embed/jacobians?steps=6&hidden=4');
		await page.getByTestId('heatmap').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('cell-readout')).toContainText('∂h6/∂h1');
		await page.keyboard.press('ArrowUp');
		await expect(page.getByTestId('cell-readout')).toContainText('∂h5/∂h1');
		await page.getByText('Data table: heatmap').click();
		await expect(page.locator('.data-table tbody').first().locator('tr')).toHaveCount(6);
	});

	test('hide= removes controls and locked=1 disables the rest, but the heatmap stays explorable', async ({ page }) => {
		await gotoHydrated(page, '/embed/jacobians?hide=radius,network&locked=1');
		await expect(page.getByRole('slider', { name: /Spectral radius/ })).toHaveCount(0);
		await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveCount(0);
		await expect(page.getByRole('slider', { name: 'Input scale' })).toBeDisabled();
		await expect(page.getByRole('radio', { name: 'without tanh' })).toBeDisabled();
		await page.getByTestId('heatmap').focus();
		await page.keyboard.press('ArrowUp');
		await expect(page.getByTestId('cell-readout')).toContainText('∂h23/∂h0');
	});

	test('bad URL values show the message and fall back to the defaults', async ({ page }) => {
		await gotoHydrated(page, '/embed/jacobians?radius=5&view=relu');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('radius=5');
		await expect(alert).toContainText('view=relu');
		await expect(page.getByTestId('radius-target')).toHaveText('0.90');
		await expect(page.getByTestId('radius-engine')).toHaveText('0.9');
	});
});

// One visit for the lesson's own checks: its numbers, the study table, then leaving it.
test('the lesson shows the lecture’s numbers live and the long-lag study; leaving it stops the eigenvalue worker', async ({ page }) => {
	const errors = watchConsole(page);
	await gotoHydrated(page, '/lessons/vanishing-exploding');
	const article = page.locator('main');
	for (const value of [...LECTURE_09, ...LECTURE_15]) await expect(article).toContainText(value);
	await expect(page.getByTestId('row-0').first().locator('td')).toHaveText(LECTURE_09);

	const table = page.getByTestId('lag-study');
	await expect(table).toBeVisible();
	await expect(table.locator('thead th')).toHaveText(['lag', 'RNN', 'RNN + clipping', 'LSTM, Chrono', 'LSTM, Keras', 'LSTM, PyTorch']);
	await expect(table.getByTestId('study-rnn-10')).toContainText('5/5 seeds');
	expect(errors()).toEqual([]);

	await page.getByRole('button', { name: /Cross-check ρ with mathjs/ }).first().click();
	await expect(page.getByTestId('radius-mathjs').first()).toHaveText(/^\d/, { timeout: 15_000 });
	await expect.poll(() => page.workers().filter((w) => w.url().includes('eigs')).length).toBeGreaterThan(0);
	await page.getByRole('link', { name: /Next/ }).first().click();
	await expect(page).not.toHaveURL(/vanishing-exploding/);
	await expect.poll(() => page.workers().filter((w) => w.url().includes('eigs')).length).toBe(0);
});

test.describe('long-lag comparison embed', () => {
	const runIds = ['rnn', 'clip', 'lstm'] as const;
	const stepOf = async (page: Page, id: string) => Number((await page.getByTestId(`step-${id}`).textContent())?.replace(/,/g, ''));

	test('trains the three runs in workers; accuracies and verdicts equal the engine’s', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'lag=5&steps=300';
		const values = parseQuery(longLagSchema, query).values;
		const chance = chanceOf(values);
		const expected = runsOf(values).map((run) => {
			const session = createSession(run.config);
			session.runSteps(run.config.steps);
			return { run, accuracy: evaluateNow(session).classes!.accuracy };
		});

		await gotoHydrated(page, `/embed/long-lag?${query}`);
		await expect(page.getByTestId('verdict')).toContainText('Press start');
		await page.getByRole('button', { name: 'Start the three runs' }).click();
		await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Lag (distractor steps)' })).toBeDisabled();
		for (const { run, accuracy } of expected) {
			await expect(page.getByTestId(`verdict-${run.id}`)).toHaveText(verdictOf(run.label, accuracy, chance), { timeout: 25_000 });
			expect(Number(await page.getByTestId(`accuracy-${run.id}`).getAttribute('data-value'))).toBe(accuracy);
			expect(await stepOf(page, run.id)).toBe(300);
		}
		await expect(page.getByTestId('trials').locator('tbody tr')).toHaveCount(1);
		await expect(page.getByTestId('trials').locator('tbody th')).toHaveText('5');
		// A second lag adds a second row to the table of lags tried.
		await page.getByRole('textbox', { name: 'Lag (distractor steps)' }).fill('6');
		await page.getByRole('button', { name: 'Train again' }).click();
		await expect(page.getByTestId('verdict')).toContainText('At lag 6', { timeout: 25_000 });
		await expect(page.getByTestId('trials').locator('tbody th')).toHaveText(['5', '6']);
		await expect(page.getByRole('button', { name: 'Train again' })).toBeEnabled();
		await expect(page.getByTestId('loss-chart').getByTestId('chart-lines')).toHaveAttribute('data-lines', /current/);
		// Labels and contrast still hold with results, verdicts and the table of lags on screen.
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('keyboard: the lag slider moves, Enter starts, Stop ends all three', async ({ page }) => {
		await gotoHydrated(page, '/embed/long-lag?lag=59&steps=5000&hidden=64');
		const slider = page.getByRole('slider', { name: 'Lag, slider' });
		await slider.focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('textbox', { name: 'Lag (distractor steps)' })).toHaveValue('60');
		await page.getByRole('button', { name: 'Start the three runs' }).focus();
		await page.keyboard.press('Enter');
		// The first run trains; the others train beside it or wait for a free core (on a 2-core
		// machine the page keeps one core, so they take turns).
		await expect.poll(() => stepOf(page, 'rnn'), { timeout: 15_000 }).toBeGreaterThan(0);
		for (const id of runIds) await expect(page.getByTestId(`run-${id}`)).toContainText(/training|waiting for a free core/);
		await expect(slider).toBeDisabled();
		await page.getByRole('button', { name: 'Stop' }).focus();
		await page.keyboard.press('Enter');
		for (const id of runIds) await expect(page.getByTestId(`run-${id}`)).toContainText('stopped');
		const stoppedAt = await stepOf(page, 'rnn');
		expect(stoppedAt).toBeLessThan(5000);
		await expect(page.getByTestId('verdict')).toContainText('stopped before the end of the budget', { timeout: 15_000 });
		await expect(page.getByRole('button', { name: 'Train again' })).toBeEnabled();
		await expect(slider).toBeEnabled();
	});

	test('a double click on Start keeps the runs training, and one on Stop leaves them stopped', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/long-lag?lag=30&steps=5000&hidden=64');
		// The second click lands on Stop, which replaced Start under the pointer: it must not stop.
		await page.getByTestId('start').dblclick();
		await expect.poll(() => stepOf(page, 'rnn'), { timeout: 15_000 }).toBeGreaterThan(0);
		await expect(page.getByTestId('stop')).toBeVisible();
		for (const id of runIds) await expect(page.getByTestId(`run-${id}`)).toContainText(/training|waiting for a free core/);
		// …and the second click of a double click on Stop must not start three new runs.
		await page.getByTestId('stop').dblclick();
		for (const id of runIds) await expect(page.getByTestId(`run-${id}`)).toContainText('stopped');
		await page.waitForTimeout(500);
		await expect(page.getByRole('button', { name: 'Train again' })).toBeVisible();
		for (const id of runIds) await expect(page.getByTestId(`run-${id}`)).toContainText('stopped');
		expect(errors()).toEqual([]);
	});

	test('broken URL values are all named; the widget still works with the defaults', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/long-lag?lag=-1&steps=abc&clip=1e999');
		const alert = page.getByRole('alert');
		for (const part of ['lag=-1', 'steps=abc', 'clip=1e999']) await expect(alert).toContainText(part);
		await expect(page.getByRole('textbox', { name: 'Steps per run' })).toHaveValue(String(longLagSchema.steps.default));
		await expect(page.getByTestId('start')).toBeEnabled();
		expect(errors()).toEqual([]);
	});

	test('a bad lag in the URL is named and the default used', async ({ page }) => {
		await gotoHydrated(page, '/embed/long-lag?lag=201');
		await expect(page.getByRole('alert')).toContainText('lag=201');
		await expect(page.getByRole('textbox', { name: 'Lag (distractor steps)' })).toHaveValue(String(longLagSchema.lag.default));
	});
});

test('the LSTM’s start: init= in the URL, the switch, the note and the run’s label agree', async ({ page }) => {
	const errors = watchConsole(page);
	await gotoHydrated(page, '/embed/long-lag?init=keras&lag=5&steps=100');
	const group = page.getByRole('radiogroup', { name: "How the LSTM's gates start" });
	await expect(group.getByRole('radio', { name: 'Keras' })).toBeChecked();
	await expect(page.getByTestId('init-note')).toContainText('forget-gate bias +1');
	await expect(page.getByTestId('run-lstm')).toContainText('LSTM (Keras init)');
	await group.getByText('PyTorch').click();
	await expect(page.getByTestId('init-note')).toContainText('PyTorch’s default');
	await page.getByTestId('start').click();
	await expect(page.getByTestId('verdict-lstm')).toContainText('LSTM (PyTorch init)', { timeout: 25_000 });
	await expect(page.getByTestId('trials').locator('tbody td').last()).toContainText('PyTorch');
	expect(errors()).toEqual([]);
});

test.describe('long-lag comparison: runs kept across a reload', () => {
	const stepOf = async (page: Page, id: string) => Number((await page.getByTestId(`step-${id}`).textContent())?.replace(/,/g, ''));
	test('the three finished runs come back with the same accuracies and verdicts; a corrupt entry is ignored', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'lag=4&steps=120&seed=3';
		await gotoHydrated(page, `/embed/long-lag?${query}`);
		await page.getByRole('button', { name: 'Start the three runs' }).click();
		await expect(page.getByTestId('verdict').locator('li')).toHaveCount(3, { timeout: 25_000 });
		const ids = ['rnn', 'clip', 'lstm'];
		const accuracies = await Promise.all(ids.map((id) => page.getByTestId(`accuracy-${id}`).getAttribute('data-value')));
		const verdict = await page.getByTestId('verdict').textContent();
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:long-lag:')));

		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('restored')).toContainText(/^Restored your training from .+\. Train again to start over\.$/);
		await expect(page.getByTestId('verdict')).toHaveText(verdict!, { timeout: 10_000 });
		for (const [i, id] of ids.entries()) {
			await expect(page.getByTestId(`accuracy-${id}`)).toHaveAttribute('data-value', accuracies[i]!);
			await expect(page.getByTestId(`step-${id}`)).toHaveText('120');
		}
		await expect(page.getByTestId('loss-chart').getByTestId('chart-lines')).toHaveAttribute('data-lines', /current/);
		await expect(page.getByRole('button', { name: 'Train again' })).toBeEnabled();
		await expectNoAxeViolations(page);

		await page.evaluate(() => {
			for (const k of Object.keys(localStorage)) if (k.startsWith('unrolled:run:long-lag:')) localStorage.setItem(k, '{"format":"unrolled-saved/1","widget":"long-lag"}');
		});
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('verdict')).toContainText('Press start');
		await expect(page.getByTestId('restored')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Start the three runs' })).toBeEnabled();
		expect(errors()).toEqual([]);
	});

	test('runs stopped early come back at the step they reached, still called stopped', async ({ page }) => {
		// On a busy machine the LSTM waits for a free core until the other two runs finish.
		test.setTimeout(180_000);
		const errors = watchConsole(page);
		// Big and slow enough to stop mid-way; the runs may train side by side or one after another,
		// so Stop waits until the last has begun.
		await gotoHydrated(page, '/embed/long-lag?lag=59&steps=5000&seed=2&hidden=32');
		await page.getByTestId('start').click();
		await expect.poll(() => stepOf(page, 'lstm'), { timeout: 120_000, intervals: [50] }).toBeGreaterThan(10);
		await page.getByTestId('stop').click();
		await expect(page.getByTestId('verdict')).toContainText('stopped before the end of the budget', { timeout: 15_000 });
		const verdict = await page.getByTestId('verdict').textContent();
		const steps = await Promise.all(['rnn', 'clip', 'lstm'].map((id) => stepOf(page, id)));
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:long-lag:')));
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('verdict')).toHaveText(verdict!, { timeout: 10_000 });
		expect(await Promise.all(['rnn', 'clip', 'lstm'].map((id) => stepOf(page, id)))).toEqual(steps);
		await expect(page.getByTestId('restored')).toBeVisible();
		expect(errors()).toEqual([]);
	});
});

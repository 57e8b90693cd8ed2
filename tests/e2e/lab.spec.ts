import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, gotoHydrated, watchConsole } from './helpers';
import { loss, step } from './lab-helpers';

test.describe('training lab', () => {
	// One at a time: each test trains a network, and on a 2-core machine two trainings at once
	// would spoil the long-task measurement.
	test.describe.configure({ mode: 'default' });

	test('the configuration lives in the URL: an edit survives a reload, and the last run can be restored', async ({ page }) => {
		await gotoHydrated(page, '/lab?task=char&text=hello&cell=gru&hidden=12&steps=150');
		await expect(page.getByLabel('GRU')).toBeChecked();
		await page.getByLabel('Hidden units').fill('20');
		await expect(page).toHaveURL(/hidden=20/);
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished');
		await expect(page.getByTestId('greedy')).toHaveText('hello');

		// On a phone: the charts below the settings come when scrolled to, and a restored run is drawn.
		await page.setViewportSize({ width: 375, height: 800 });
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByLabel('Hidden units')).toHaveValue('20');
		await expect(page.getByLabel('GRU')).toBeChecked();
		await expect(page.getByLabel('Training text')).toHaveValue('hello');
		await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
		await expect(page.getByText('Press Train to watch the loss fall')).toBeVisible();
		await page.evaluate(() => scrollTo(0, 0));
		await expect(page.getByText('Your last run is still here')).toBeVisible();
		await page.getByRole('button', { name: 'Restore it' }).click();
		await expect(page.getByTestId('step')).toHaveText('150');
		await expect(page.getByTestId('status')).toHaveText('Finished');
		await expect(page.getByTestId('greedy')).toHaveText('hello');
		await expect(page.getByTestId('loss-chart').getByTestId('chart-lines')).toHaveAttribute('data-lines', 'current');
	});

	test('export downloads the run as JSON; a broken import is refused and changes nothing', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lab?task=echo&hidden=8&steps=60');
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished');
		await expect(page.getByTestId('accuracy')).toHaveText(/%$/);
		await expectNoAxeViolations(page);

		const downloading = page.waitForEvent('download');
		await page.getByTestId('export').click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^unrolled-run-echo-rnn-8-.*\.json$/);
		const run = JSON.parse(readFileSync((await download.path())!, 'utf8'));
		expect(run).toMatchObject({ format: 'unrolled-run/1', step: 60, config: { task: 'echo', hidden: 8, steps: 60 } });
		expect(run.network.format).toBe('unrolled-network/1');
		expect(run.history.loss).toHaveLength(60);

		await page.getByTestId('import').setInputFiles({
			name: 'photo.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ format: 'something-else', weights: [1, 2, 3] }))
		});
		await expect(page.getByTestId('runs-message')).toHaveText(
			'“photo.json” was not imported: This file is not an Unrolled run: its format is "something-else", expected “unrolled-run/1”. Nothing was changed.'
		);
		await page.getByTestId('import').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "unrolled-run/1", "conf') });
		await expect(page.getByTestId('runs-message')).toContainText('“cut.json” was not imported: This file is not a run file: it is not valid JSON');
		await expect(page.getByTestId('step')).toHaveText('60');
		await expect(page.getByLabel('Hidden units')).toHaveValue('8');

		// The exported file imports into a lab set up differently.
		await gotoHydrated(page, '/lab?task=char&hidden=5');
		await page.getByTestId('import').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: readFileSync((await download.path())!) });
		await expect(page.getByText(/^Imported “.*” at step 60\.$/)).toBeVisible();
		await expect(page.getByLabel('Hidden units')).toHaveValue('8');
		await expect(page.getByLabel('Task')).toHaveValue('echo');
		await expect(page.getByTestId('accuracy')).toHaveText(/%$/);
		expect(errors()).toEqual([]);
	});

	test('finished runs stay on the charts as faded lines with a legend, to compare', async ({ page }) => {
		await gotoHydrated(page, '/lab?task=lag&lag=5&hidden=8&steps=100');
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished');
		await page.getByText('LSTM', { exact: true }).click();
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished');
		const legend = page.getByRole('list', { name: 'Runs on the charts' });
		await expect(legend.getByRole('listitem')).toHaveCount(2);
		await expect(legend.getByRole('listitem').first()).toContainText('Lag · RNN 8 · Adam 0.01 · clip 5 · lag 5 — finished at step 100');
		await expect(legend.getByRole('listitem').last()).toContainText('Lag · LSTM 8 · Adam 0.01 · clip 5 · lag 5 · Chrono init — this run');
		const chart = page.getByTestId('loss-chart');
		// The lines are drawn on a canvas, which names what it shows: the earlier run under this one.
		await expect(chart.getByTestId('chart-lines')).toHaveAttribute('data-lines', 'faded current');
		await chart.getByRole('button', { name: 'log' }).click();
		await expect(chart.getByRole('button', { name: 'log' })).toHaveAttribute('aria-pressed', 'true');
		await chart.getByText('Data table').click();
		await expect(chart.locator('thead th')).toHaveText(['step', 'Lag · RNN 8 · Adam 0.01 · clip 5 · lag 5 (earlier)', 'Lag · LSTM 8 · Adam 0.01 · clip 5 · lag 5 · Chrono init']);
		await expect(chart.locator('tbody tr')).toHaveCount(20);
		await page.getByRole('button', { name: 'Clear earlier runs' }).click();
		await expect(legend.getByRole('listitem')).toHaveCount(1);
	});

	test('bad input gets clear messages and never breaks the page', async ({ page }) => {
		await gotoHydrated(page, '/lab?hidden=10000&lr=abc');
		const alert = page.getByRole('alert').first();
		await expect(alert).toContainText('“hidden=10000” is not valid: hidden accepts a whole number from 1 to 128. Using the default, 32.');
		await expect(alert).toContainText('“lr=abc” is not valid');
		await expect(page.getByLabel('Hidden units')).toHaveValue('32');

		await page.getByLabel('Training text').fill('héllo wörld');
		await expect(page.getByTestId('text-error')).toHaveText(
			"The text has characters outside the lab's vocabulary: “é”, “ö” (first at character 2). Use letters, digits, spaces, new lines and ASCII punctuation."
		);
		await expect(page.getByTestId('train')).toBeDisabled();
		await page.getByLabel('Training text').fill('x'.repeat(1001));
		await expect(page.getByTestId('text-error')).toContainText('The text is too long: 1,001 characters');
		await page.getByLabel('Training text').fill('hello again');
		await expect(page.getByTestId('train')).toBeEnabled();

		await page.getByLabel('Hidden units').fill('10000');
		await expect(page.getByText('Please enter a whole number from 1 to 128.')).toBeVisible();

		await gotoHydrated(page, '/embed/trainer?task=sine&optimizer=sgd&lr=10&clip=0&autostart=1');
		await expect(page.getByTestId('error')).toHaveText(/^training diverged: loss became NaN at step \d+ — lower the learning rate or turn on clipping$/);
		await expect(page.getByTestId('status')).toHaveText('Stopped by an error');
	});

	test('/embed/trainer?task=echo&autostart=1 starts by itself', async ({ page }) => {
		const errors = watchConsole(page);
		await page.emulateMedia({ colorScheme: 'dark' });
		await gotoHydrated(page, '/embed/trainer?task=echo&autostart=1');
		await expect.poll(() => step(page)).toBeGreaterThan(0);
		await expect(page.getByTestId('accuracy')).toHaveText(/%$/);
		await expect(page.getByTestId('status')).toHaveText('Finished', { timeout: 20_000 });
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('with a validation set, both loss curves are drawn, early stopping ends the run and says where', async ({ page }) => {
		const errors = watchConsole(page);
		// The GRU lesson's overfitting example, with early stopping on.
		const lesson = readFileSync('lessons/gru.md', 'utf8');
		const link = /\]\((\/lab\?[^)]*val=[^)]*)\)/.exec(lesson)![1];
		await gotoHydrated(page, `${link}&patience=500`);
		await expect(page.getByLabel('Validation (0–0.5)')).toHaveValue('0.3');
		await expect(page.getByLabel('Patience (0 = off)')).toHaveValue('500');
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Stopped early', { timeout: 60_000 });
		const note = page.getByTestId('early-stop');
		await expect(note).toContainText(/Stopped early at step [\d,]+: the validation loss had not gone below [\d.]+\s+\(step [\d,]+\)/);
		const text = (await note.textContent())!.replace(/\s+/g, ' ');
		const [, stoppedAt, bestAt] = /at step ([\d,]+).*\(step ([\d,]+)\)/.exec(text)!.map((t) => t.replace(/,/g, ''));
		expect(Number(stoppedAt)).toBeLessThan(3000);
		expect(await step(page)).toBe(Number(stoppedAt));
		await expect(page.getByText(`evaluated at step ${Number(bestAt).toLocaleString('en')}`)).toBeVisible();
		const chart = page.getByTestId('loss-chart');
		await expect(chart.getByRole('heading', { name: 'Training and validation loss' })).toBeVisible();
		await expect(chart.getByTestId('chart-lines')).toHaveAttribute('data-lines', 'current dashed');
		await chart.getByText('Data table').click();
		await expect(chart.locator('thead th').last()).toContainText('(validation)');
		await expect(page.getByRole('list', { name: 'Runs on the charts' })).toContainText('validation 30% · patience 500');
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('run labels: a learning-rate change is in the legend; a run of another task is listed apart, not drawn', async ({ page }) => {
		// Two runs started and stopped by hand: on 2 busy cores the default 30 s was once too short.
		test.setTimeout(90_000);
		await gotoHydrated(page, '/lab?task=lag&lag=30&hidden=32&steps=20000');
		await page.getByTestId('train').click();
		await expect.poll(() => step(page)).toBeGreaterThan(20);
		await page.getByLabel('Learning rate').fill('0.003');
		await page.getByLabel('Learning rate').blur();
		const legend = page.getByRole('list', { name: 'Runs on the charts' });
		await expect(legend).toContainText(/Lag · RNN 32 · Adam 0\.01 → 0\.003 at step [\d,]+/);
		const stop = page.getByRole('button', { name: 'Stop' });
		if (await stop.isEnabled()) await stop.click();
		await page.getByLabel('Task').selectOption('echo');
		await page.getByTestId('train').click();
		await expect.poll(() => step(page)).toBeGreaterThan(0);
		const apart = page.getByRole('list', { name: 'Earlier runs of other tasks' });
		await expect(apart).toContainText(/Lag · RNN 32 · Adam 0\.01 → 0\.003 at step [\d,]+ · clip 5 · lag 30 — (stopped|finished) at step/);
		await expect(legend.getByRole('listitem')).toHaveCount(1);
		await expect(page.getByTestId('loss-chart').getByTestId('chart-lines')).not.toHaveAttribute('data-lines', /faded/);
		if (await stop.isEnabled()) await stop.click();
	});

	test('the activity confusion matrix fits at 1280 px: every column header shows whole', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await gotoHydrated(page, '/lab?task=activity&hidden=8&steps=40');
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Finished', { timeout: 60_000 });
		const region = page.getByRole('region', { name: /Confusion matrix/ });
		await expect(region.getByRole('columnheader', { name: 'running' })).toBeVisible();
		const { scroll, client } = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
		expect(scroll).toBeLessThanOrEqual(client);
		const header = await region.getByRole('columnheader', { name: 'running' }).boundingBox();
		const box = await region.boundingBox();
		expect(header!.x + header!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
	});
});

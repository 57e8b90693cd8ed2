import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';
import { loss, step } from './lab-helpers';

/**
 * Training happens in the worker, never on the page's main thread. Checked without a clock (the
 * smoothness figures are `npm run bench:ui`'s): from before the page's first script, every worker
 * the page creates is recorded with the progress messages it sends, and every Float64Array the
 * main thread constructs is counted. The engine works on Float64Arrays throughout (a training
 * step allocates activations, gradients and state), while the page only displays numbers the
 * worker sends (structured clones, which call no constructor). So while a run goes on for ten
 * progress messages, the main thread must construct none. (The sampler's generations, too, are
 * made by the worker: the page only shows them.)
 */
function instrument() {
	const seen = { workers: [] as string[], progress: 0, float64: 0, firstLoss: NaN };
	Object.defineProperty(window, '__training', { value: seen });
	window.Float64Array = new Proxy(Float64Array, {
		construct(target, args, newTarget) {
			seen.float64++;
			return Reflect.construct(target, args, newTarget);
		}
	});
	window.Worker = new Proxy(Worker, {
		construct(target, args, newTarget) {
			const worker = Reflect.construct(target, args, newTarget) as Worker;
			seen.workers.push(String(args[0]));
			worker.addEventListener('message', (event) => {
				if (event.data?.type !== 'progress') return;
				seen.progress++;
				if (Number.isNaN(seen.firstLoss)) seen.firstLoss = event.data.loss;
			});
			return worker;
		}
	});
}

type Seen = { workers: string[]; progress: number; float64: number; firstLoss: number };
const read = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __training: Seen }).__training }));

/** Opens `url`, starts training (clicks `start`, or the URL has autostart=1) and checks the above. */
async function trainsInWorker(page: Page, url: string, start: string | null, ready?: () => Promise<void>) {
	const messages = 4;
	const errors = watchConsole(page);
	await page.addInitScript(instrument);
	await gotoHydrated(page, url);
	if (start) await page.locator(start).first().click();
	// Let set-up pass (the page may build its own untrained network before the run starts).
	await expect.poll(async () => (await read(page)).progress, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
	if (ready) await ready();
	const before = await read(page);
	await expect.poll(async () => (await read(page)).progress, { timeout: 60_000 }).toBeGreaterThanOrEqual(before.progress + messages);
	const after = await read(page);
	console.log(`${url}: ${after.progress - before.progress} progress messages; Float64Arrays made on the main thread meanwhile: ${after.float64 - before.float64}`);
	expect(after.workers.some((url) => /trainer\.worker/.test(url)), `workers: ${JSON.stringify(after.workers)}`).toBe(true);
	expect(after.float64 - before.float64, `Float64Arrays made on the main thread during ${after.progress - before.progress} progress messages`).toBe(0);
	expect(errors()).toEqual([]);
	return after;
}

test.describe('training runs in the worker, not on the page', () => {
	test.describe.configure({ timeout: 90_000 });

	// Runs large enough to be still training after the counted messages on a quiet machine (a lag-10
	// run of 20,000 steps finishes in about 3 s there).
	test('the lab', async ({ page }) => {
		await trainsInWorker(page, '/lab?task=char&text=hello%20world%2C%20hello%20there&hidden=128&optimizer=adam&lr=0.01&steps=20000&seed=1', '[data-testid=train]');
		await expect(page.getByTestId('status')).toHaveText('Training');
		// It learns while the page stays free: the loss halves, and Stop stops it for good.
		const firstLoss = (await read(page)).firstLoss;
		await expect.poll(() => loss(page), { timeout: 60_000 }).toBeLessThan(firstLoss / 2);
		await page.getByRole('button', { name: 'Stop' }).click();
		await expect(page.getByTestId('status')).toHaveText('Stopped');
		// The word changes on the click; the steps the worker made before it read the stop arrive
		// just after (on a busy machine, later still).
		await page.waitForTimeout(1000);
		const stoppedAt = await step(page);
		await page.waitForTimeout(500);
		expect(await step(page)).toBe(stoppedAt);
		expect(stoppedAt).toBeLessThan(20000);
		await expect(page.getByTestId('greedy')).toContainText('hello');
	});

	test('the trainer embed (autostart)', async ({ page }) => {
		await trainsInWorker(page, '/embed/trainer?task=lag&lag=100&hidden=128&steps=20000&autostart=1', null);
	});

	// The widgets below start by themselves with autostart=1 (instructors embed running demos);
	// their Train / Start buttons are clicked in their own specs.
	test('the forecaster (autostart)', async ({ page }) => {
		// The largest run the widget allows, so it is still training when the messages are counted.
		await trainsInWorker(page, '/embed/forecaster?cell=lstm&hidden=64&window=50&steps=20000&autostart=1', null);
		await expect(page.getByTestId('train')).toHaveText('Pause');
	});

	test('the long-lag comparison (autostart)', async ({ page }) => {
		// Runs take turns on a 2-core machine: a budget long enough that the first run is still
		// training when the messages are counted (a finished run is saved on the page, legitimately).
		await trainsInWorker(page, '/embed/long-lag?lag=20&steps=20000&hidden=16&autostart=1', null);
	});

	test('the sampler (autostart)', async ({ page }) => {
		// A long text and an LSTM, so the run lasts well beyond the messages counted.
		const text = encodeURIComponent('The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! How vexingly quick daft zebras jump; sphinx of black quartz, judge my vow.');
		await trainsInWorker(page, `/embed/sampler?text=${text}&cell=lstm&hidden=64&steps=5000&autostart=1`, null);
		await expect(page.getByTestId('train')).toHaveText('Pause');
		// What it shows meanwhile was generated with the trained weights, by the worker.
		await expect(page.getByTestId('model-state')).toContainText('trained weights, step');
	});

	test('the cell race (autostart)', async ({ page }) => {
		await trainsInWorker(page, '/embed/cell-race?lag=30&hidden=16&steps=5000&autostart=1', null);
	});

	test('the depth comparison (autostart)', async ({ page }) => {
		// The workers measure the stacks' gradients (the untrained ones as the page opens, a
		// finished run's trained ones), so the page only draws them: the count starts once the
		// untrained ones are on screen, and the largest stacks keep every run training while it lasts.
		await trainsInWorker(page, '/embed/depth?hidden=64&steps=10000&autostart=1', null, () =>
			// The page shows all three stacks' measurements at once, when the last is done.
			expect(page.getByTestId('start-rms').first()).toBeAttached({ timeout: 30_000 })
		);
	});
});

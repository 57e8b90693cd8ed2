import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';
import { configOf, generate, schema, shown, untrainedNetwork, vocabularyOf } from '../../src/lib/widgets/sampler/model';
import { parseQuery } from '../../src/lib/widgets/params';
import { createSession } from '../../src/lib/training/session';

/** The probabilities the engine gives at generation step `at`, for the widget's query, trained or not. */
function expected(query: string, trained: boolean, at = 1): string[] {
	const values = parseQuery(schema, query).values;
	let network = untrainedNetwork(values);
	if (trained) {
		const session = createSession(configOf(values));
		session.runSteps(values.steps);
		network = session.network;
	}
	const steps = generate(network, values, [0]);
	return Array.from(steps[at - 1].probabilities, (p) => p.toFixed(3));
}

const probs = (page: Page) => page.getByTestId('prob');

test.describe('sampler', () => {
	test('trains on “hello”, steps through generation, and the temperature reshapes the distribution', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'length=4&steps=150&hidden=16&seed=1&draw=3';
		await gotoHydrated(page, `/embed/sampler?${query}`);
		await expect(page.getByTestId('vocabulary').locator('tbody tr')).toHaveText([/h\s*0\s*\[1 0 0 0\]/, /e\s*1\s*\[0 1 0 0\]/, /l\s*2\s*\[0 0 1 0\]/, /o\s*3\s*\[0 0 0 1\]/]);
		// Untrained: close to uniform, exactly the engine's numbers for the seeded weights.
		await expect(page.getByTestId('model-state')).toContainText('untrained');
		await expect(probs(page)).toHaveText(expected(query, false));

		await page.getByTestId('train').click();
		await expect(page.getByTestId('model-state')).toContainText('trained weights, step 150', { timeout: 20_000 });
		await expect(probs(page)).toHaveText(expected(query, true));
		// After "h" the model is sure of "e".
		expect(Number(await probs(page).nth(1).textContent())).toBeGreaterThan(0.9);

		// Step 3: the input is what step 2 drew, and the step's distribution is the engine's.
		await page.getByRole('button', { name: 'Next →' }).click();
		await page.getByRole('button', { name: 'Next →' }).click();
		await expect(page.getByTestId('at')).toHaveText('step 3 of 4');
		await expect(probs(page)).toHaveText(expected(query, true, 3));

		// Greedy: the model writes "hello".
		const slider = page.getByRole('slider', { name: /Temperature/ });
		await slider.fill('0');
		await expect(page.getByTestId('temperature')).toHaveText('0 (greedy)');
		await expect(page.getByTestId('sample')).toHaveText('hello');
		// Hot: the distribution flattens, to the engine's numbers.
		await slider.fill('3');
		await expect(probs(page)).toHaveText(expected(`${query}&temperature=3`, true, 3));
		// The formula names the τ those probabilities were drawn at (it changes with the steps, not before).
		await expect(page.getByTestId('formula')).toContainText('with τ = 3');
		const hot = (await probs(page).allTextContents()).map(Number);
		expect(Math.max(...hot)).toBeLessThan(0.9);
		expect(errors()).toEqual([]);
	});

	test('a double click on Train keeps training; a setting changed mid-run is flagged and Train again uses it', async ({ page }) => {
		const errors = watchConsole(page);
		// A long text and a big LSTM, so the run lasts long enough to be changed mid-way.
		const text = encodeURIComponent('the quick brown fox jumps over the lazy dog, then pack my box with five dozen liquor jugs. '.repeat(2));
		await gotoHydrated(page, `/embed/sampler?text=${text}&prime=t&steps=5000&hidden=64&cell=lstm`);
		const train = page.getByTestId('train');
		// The second click lands on Pause, which replaced Train under the pointer: it must not pause.
		await train.dblclick();
		await expect.poll(async () => Number((await page.getByTestId('step').textContent())!.replace(/,/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);
		await expect(train).toHaveText('Pause');
		await expect(page.getByTestId('announce')).toHaveText('Training started.');
		await expect(page.getByTestId('stale')).toHaveCount(0);
		// Mid-run change: the page says the run is for the old settings, and after a pause the
		// button offers to train again (it would not resume the old run).
		await page.getByRole('textbox', { name: 'Hidden units' }).fill('48');
		await expect(page.getByTestId('stale')).toContainText('The settings changed');
		await train.click();
		await expect(page.getByTestId('announce')).toHaveText('Training paused.');
		await expect(train).toHaveText('Train again');
		await train.click();
		await expect(page.getByTestId('stale')).toHaveCount(0);
		await expect(train).toHaveText('Pause');
		expect(errors()).toEqual([]);
	});

	test('keyboard: the generated characters are one tab stop, and the arrow keys, Home and End move the step', async ({ page }) => {
		await gotoHydrated(page, '/embed/sampler?length=30');
		const chips = page.getByTestId('sample').getByRole('button');
		await expect(chips).toHaveCount(30);
		// Only the current chip is in the tab order (30 tab stops would bury Previous/Next).
		expect(await chips.evaluateAll((all) => all.filter((b) => (b as HTMLElement).tabIndex === 0).length)).toBe(1);
		await chips.first().focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('at')).toHaveText('step 3 of 30');
		await expect(chips.nth(2)).toBeFocused();
		await page.keyboard.press('End');
		await expect(page.getByTestId('at')).toHaveText('step 30 of 30');
		await expect(chips.nth(29)).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: '← Previous' })).toBeFocused();
	});

	test('at 320 px: no sideways scroll, and the temperature slider is a 24 px touch target', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 800 });
		await gotoHydrated(page, '/embed/sampler?prime=z');
		const box = await page.getByRole('slider', { name: /Temperature/ }).boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(24);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
		// The start's error message is tied to its field, so a screen reader reads it there.
		await expect(page.getByRole('textbox', { name: 'Start' })).toHaveAccessibleDescription(/“z” is not in the vocabulary/);
	});

	test('a start character the text never uses, and a text with characters outside the alphabet, get messages', async ({ page }) => {
		await gotoHydrated(page, '/embed/sampler?prime=z');
		await expect(page.getByTestId('prime-error')).toContainText('“z” is not in the vocabulary (h, e, l, o)');
		await page.getByRole('textbox', { name: 'Training text' }).fill('héllo');
		await expect(page.getByTestId('text-error')).toContainText('“é”');
		await expect(page.getByTestId('train')).toBeDisabled();
	});
});

test.describe('sampler: training kept across a reload', () => {
	test('a finished run comes back after a reload with the same generation; a corrupt one is ignored', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'length=6&steps=120&hidden=8&seed=2&draw=5&at=3';
		await gotoHydrated(page, `/embed/sampler?${query}`);
		await expect(page.getByTestId('restored')).toHaveCount(0);
		await page.getByTestId('train').click();
		await expect(page.getByTestId('model-state')).toContainText('trained weights, step 120', { timeout: 20_000 });
		await expect(probs(page)).toHaveText(expected(query, true, 3));
		const sample = await page.getByTestId('sample').textContent();
		const before = await probs(page).allTextContents();
		// Saved once the run is done (a snapshot, then a write): wait for the entry.
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:sampler:')));

		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('restored')).toContainText(/^Restored your training from .+\. Train again to start over\.$/);
		await expect(page.getByTestId('model-state')).toContainText('trained weights, step 120', { timeout: 10_000 });
		await expect(page.getByTestId('step')).toHaveText('120');
		await expect(page.getByTestId('sample')).toHaveText(sample!);
		await expect(probs(page)).toHaveText(before);
		await expect(page.getByTestId('train')).toHaveText('Train again');

		// Another seed has no kept run: untrained, no note; back to seed 2 restores it again.
		await page.getByRole('textbox', { name: 'Seed', exact: true }).fill('3');
		await expect(page.getByTestId('model-state')).toContainText('untrained');
		await expect(page.getByTestId('restored')).toHaveCount(0);
		await page.getByRole('textbox', { name: 'Seed', exact: true }).fill('2');
		await expect(page.getByTestId('model-state')).toContainText('trained weights, step 120', { timeout: 10_000 });
		await expect(probs(page)).toHaveText(before);

		await page.evaluate(() => {
			for (const k of Object.keys(localStorage)) if (k.startsWith('unrolled:run:sampler:')) localStorage.setItem(k, '{"format":"unrolled-saved/1","data":{');
		});
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('model-state')).toContainText('untrained');
		await expect(probs(page)).toHaveText(expected(query, false, 3));
		await expect(page.getByTestId('restored')).toHaveCount(0);
		await expect(page.getByTestId('train')).toHaveText('Train');
		expect(errors()).toEqual([]);
	});
});


test.describe('sampler: the vocabulary and the probability strip read whole (lesson 11)', () => {
	test('“hello world”: all eight vocabulary rows show, every visible slice is labelled', async ({ page }) => {
		await gotoHydrated(page, `/embed/sampler?text=${encodeURIComponent('hello world')}&length=4`);
		const vocabulary = page.getByTestId('vocabulary');
		const rows = vocabulary.locator('tbody tr');
		await expect(rows).toHaveCount(8);
		await expect(rows.nth(7)).toHaveText(/d\s*7/);
		// Nothing of the table is cut: its box holds the last row, and it does not scroll.
		const region = page.getByRole('region', { name: 'Vocabulary and one-hot rows' });
		const regionBox = (await region.boundingBox())!;
		const lastRow = (await rows.nth(7).boundingBox())!;
		expect(lastRow.y + lastRow.height).toBeLessThanOrEqual(regionBox.y + regionBox.height + 0.5);
		expect(await region.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);

		// Untrained and near uniform: eight slices, each labelled with its character (the strip is a
		// canvas; where the labels go and that none touches another or the marker: strip.ts's unit tests).
		const strip = page.getByTestId('strip');
		await expect(strip).toHaveAttribute('data-labels', 'h e l o ␣ w r d');
		// It is drawn when it comes near the screen, and then it is not blank.
		await strip.scrollIntoViewIfNeeded();
		await expect(strip).toHaveAttribute('data-current', 'true');
		await expect.poll(() => strip.evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0))).toBe(true);
	});

	test('a text of 28 different characters: the table shows the 10 most likely first, the drawn one included, and all on request', async ({ page }) => {
		const text = 'the quick brown fox jumps over a lazy dog!';
		const query = `text=${encodeURIComponent(text)}&prime=t&length=6&temperature=3&draw=5&at=4`;
		await gotoHydrated(page, `/embed/sampler?${query}`);
		const vocabulary = vocabularyOf(text).vocab.tokens;
		const values = parseQuery(schema, query).values;
		const step = generate(untrainedNetwork(values), values, [0])[3];
		const byChance = Array.from(step.probabilities, (p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
		const likely = byChance.slice(0, 10).map(([, i]) => i);
		const ids = likely.includes(step.next) ? likely : [...likely, step.next];
		const rows = page.getByTestId('prob-row');
		await expect(rows).toHaveCount(ids.length);
		await expect(probs(page)).toHaveText(ids.map((i) => step.probabilities[i].toFixed(3)));
		await expect(rows.locator('th')).toHaveText(ids.map((i) => shown(vocabulary[i])));
		await expect(page.locator('tr.picked th')).toHaveText(shown(vocabulary[step.next]));
		// The input's one-hot row may be among the others: the note says so when it is.
		if (!ids.includes(step.input)) await expect(page.getByTestId('rows-note')).toContainText(`the input ${shown(vocabulary[step.input])} (xt = 1) is not among them`);
		else await expect(page.getByTestId('rows-note')).not.toContainText('the input');

		await page.getByTestId('rows-toggle').click();
		await expect(rows).toHaveCount(vocabulary.length);
		await expect(probs(page)).toHaveText(Array.from(step.probabilities, (p) => p.toFixed(3)));
		await expect(page.getByTestId('rows-toggle')).toHaveText('Show the 10 most likely');
		await page.getByTestId('rows-toggle').click();
		await expect(rows).toHaveCount(ids.length);
	});

	test('a strip below the screen is drawn when the reader scrolls to it, for the step then shown', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 500 });
		// All 28 rows: the strip sits far below the step buttons.
		await gotoHydrated(page, `/embed/sampler?text=${encodeURIComponent('the quick brown fox jumps over a lazy dog!')}&prime=t&length=6&rows=all`);
		const strip = page.getByTestId('strip');
		const next = page.getByTestId('next');
		const picture = () => strip.evaluate((c: HTMLCanvasElement) => c.toDataURL());
		await strip.scrollIntoViewIfNeeded();
		await expect(strip).toHaveAttribute('data-current', 'true');
		const stepOne = await picture();
		await next.evaluate((button) => button.scrollIntoView({ block: 'start' }));
		// More than the 200 px margin below the screen.
		expect(await strip.evaluate((c) => c.getBoundingClientRect().top - innerHeight)).toBeGreaterThan(250);
		await next.click();
		await expect(page.getByTestId('at')).toHaveText('step 2 of 6');
		// Out of sight, step 2's strip is laid out but not drawn: the canvas still shows step 1's.
		await expect(strip).toHaveAttribute('data-current', 'false');
		expect(await picture()).toBe(stepOne);
		await strip.scrollIntoViewIfNeeded();
		await expect(strip).toHaveAttribute('data-current', 'true');
		expect(await picture()).not.toBe(stepOne);
		// A printed page shows the strip of the step shown, wherever the reader had scrolled.
		await next.evaluate((button) => button.scrollIntoView({ block: 'start' }));
		await next.click();
		await expect(strip).toHaveAttribute('data-current', 'false');
		await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
		await expect(strip).toHaveAttribute('data-current', 'true');
	});

	test('in the lesson, the strip shows the seeded draw and its four characters, in light and dark', async ({ page }) => {
		for (const scheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: scheme });
			await gotoHydrated(page, '/lessons/char-language-model');
			const strip = page.getByTestId('strip').first();
			await strip.scrollIntoViewIfNeeded();
			await expect(strip).toHaveAttribute('data-marker', 'true');
			expect((await strip.getAttribute('data-labels'))!.split(' ')).toHaveLength(4);
		}
	});
});

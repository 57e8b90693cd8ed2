/**
 * The pages `npm run bench:ui` measures. Every lesson (found in `lessons/`) and the index are added
 * by `bench/ui.mjs`; this table holds the pages that train. To add a widget that trains, add a row:
 *
 *   name   label in the table (`--only` picks rows by it)
 *   url    the page, with settings that keep it training for the whole measuring window
 *   start  CSS selector of the button that starts training; omit it when the URL has `autostart=1`
 *          and the widget honours it
 *   prepare optional: what a reader does before the window opens (async (page) => …), e.g. scrolling
 *   during optional: what a reader does meanwhile (async (page) => …), run while the window is open
 *
 * Inside `during`, find elements by test id or CSS: Playwright's role queries walk the page's whole
 * accessibility tree on the main thread and would add their own long tasks to the measurement.
 * Act as a reader's hardware does: `click` below and `page.keyboard` send input events only, while
 * a locator's `click()` or `press()` first runs Playwright's actionability checks (scrolling into
 * view, waiting for a stable box, hit-testing with elementsFromPoint) in the page: about 25 ms of
 * main-thread time per action at 4×, which would be counted as the page's. (Focusing a slider
 * with `locator.focus()` is one small script call in the page, without those checks.)
 */

/**
 * Clicks the middle of an element with the mouse, as a reader would. Its box is asked for over the
 * DevTools protocol (no script in the page), each time, since the layout above it may have moved.
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').ElementHandle | null} element
 */
async function click(page, element) {
	if (!element) return void console.warn('  bench reader: the element to click was not found');
	let box = await element.boundingBox().catch(() => null);
	const viewport = page.viewportSize();
	if (box && viewport && (box.y < 0 || box.y + box.height > viewport.height)) {
		// The reader scrolls to the button first (once: it stays in view afterwards).
		await element.scrollIntoViewIfNeeded().catch(() => {});
		box = await element.boundingBox().catch(() => null);
	}
	// A reader who cannot find the button would make the page look idle: say so.
	if (!box) return void console.warn('  bench reader: no box to click (the element is gone or hidden)');
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	// A pointer resting on the button sends no move before the press (mouse.click always moves first).
	const at = pointer.get(page);
	if (!at || at.x !== x || at.y !== y) await page.mouse.move(x, y);
	pointer.set(page, { x, y });
	await page.mouse.down();
	await page.mouse.up();
}
/** Where the reader's pointer is, per page (set by `click` and `pointAt`). */
const pointer = new WeakMap();
/** Moves the reader's pointer onto `element` (before the window: it arrives over many frames). */
async function pointAt(page, locator) {
	await locator.scrollIntoViewIfNeeded();
	const box = await locator.boundingBox();
	if (!box) return void console.warn('  bench reader: no box to point at');
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	pointer.set(page, { x, y });
}
const longText = encodeURIComponent(
	'The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! 0123456789 How vexingly quick daft zebras jump; sphinx of black quartz, judge my vow? (Yes.) "OK" #1 @ 50%'
);

/** @type {{ name: string; url: string; start?: string; prepare?: (page: import('@playwright/test').Page) => Promise<void>; during?: (page: import('@playwright/test').Page) => Promise<void> }[]} */
export const trainingScenarios = [
	{
		name: 'lab (lag 40)',
		url: '/lab?task=lag&lag=40&steps=20000&autostart=1'
	},
	{
		name: 'lab (char, hidden 128)',
		url: '/lab?task=char&text=hello%20world%2C%20hello%20there&hidden=128&optimizer=adam&lr=0.01&steps=20000&seed=1&autostart=1'
	},
	{
		name: 'trainer (char LSTM 64)',
		url: '/embed/trainer?task=char&text=hello%20world%20hello%20there&cell=lstm&hidden=64&steps=20000&autostart=1'
	},
	{
		name: 'sampler',
		url: `/embed/sampler?text=${longText}&prime=T&length=60&hidden=64&steps=5000&cell=lstm&autostart=1`,
		// A reader's pointer reaches the button over many frames before the first click, and rests
		// there between clicks: hovering it is not part of each click.
		prepare: (page) => pointAt(page, page.locator('[data-testid=next]')),
		during: async (page) => {
			const next = await page.locator('[data-testid=next]').elementHandle();
			const slider = page.locator('[data-testid=temperature-slider]');
			for (let i = 0; i < 12; i++) {
				await click(page, next);
				if (i % 4 === 3) {
					await slider.focus().catch(() => {});
					await page.keyboard.press('ArrowRight');
				}
				await page.waitForTimeout(300);
			}
		}
	},
	{
		name: 'forecaster',
		url: '/embed/forecaster?length=2000&window=50&hidden=64&steps=20000&horizon=25&autostart=1',
		during: async (page) => {
			await page.locator('input[type=range]').first().focus().catch(() => {});
			for (let i = 0; i < 10; i++) {
				await page.keyboard.press('PageUp');
				await page.waitForTimeout(300);
			}
		}
	},
	{
		name: 'long-lag',
		url: '/embed/long-lag?lag=40&steps=5000&hidden=64&autostart=1'
	},
	{
		name: 'long-lag (lesson 7)',
		url: '/lessons/vanishing-exploding',
		start: '.long-lag [data-testid=start]'
	},
	{
		name: 'cell-race',
		url: '/embed/cell-race?lag=30&hidden=32&steps=5000&autostart=1'
	},
	{
		name: 'depth',
		url: '/embed/depth?hidden=32&steps=10000&autostart=1'
	},
	{
		name: 'activity-trainer (lecture)',
		url: '/embed/activity-trainer?setup=lecture&epochs=5&autostart=1'
	},
	{
		// Lesson 13's recommended setup evaluates every few seconds: the window sees the judging redrawn.
		name: 'activity-trainer (recommended)',
		url: '/embed/activity-trainer?setup=recommended&epochs=12&autostart=1'
	}
];

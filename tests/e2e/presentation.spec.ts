import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated } from './helpers';

/**
 * The height text is drawn at: the box of the element's first line of text. (Chrome reports the
 * computed font size before zoom, so the glyphs' box is what shows the growth.)
 */
function shownFontSize(target: Locator) {
	return target.evaluate((el) => {
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		let text = walker.nextNode();
		while (text && !text.textContent?.trim()) text = walker.nextNode();
		if (!text) return 0;
		const range = document.createRange();
		range.selectNodeContents(text);
		return range.getClientRects()[0]?.height ?? 0;
	});
}

async function expectFillsWindow(page: Page, dialog: Locator) {
	const box = await dialog.boundingBox();
	const view = page.viewportSize()!;
	expect(box).not.toBeNull();
	expect(box!.x).toBe(0);
	expect(box!.y).toBe(0);
	expect(box!.width).toBeGreaterThanOrEqual(view.width - 20); // less a scrollbar
	expect(box!.height).toBe(view.height);
}

test('a lesson widget is presented full-window, larger, and Escape returns to its Present button', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await gotoHydrated(page, '/lessons/recurrent-cell');
	const frame = page.locator('figure.widget').first();
	const sample = frame.locator('.present-body').locator('button, label, input, p, td, th').first();
	const before = await shownFontSize(sample);
	const targetBefore = (await sample.boundingBox())!.height;

	const present = frame.getByRole('button', { name: 'Present', exact: true });
	await present.click();
	const dialog = page.getByRole('dialog', { name: /presentation mode/ });
	await expect(dialog).toBeVisible();
	await expectFillsWindow(page, dialog);
	await expect(dialog.getByRole('button', { name: /Leave presentation/ })).toBeFocused();
	// The same control, still mounted, drawn about 1.8 times larger (type and target alike).
	await expect.poll(() => shownFontSize(sample)).toBeGreaterThan(before * 1.5);
	await expect.poll(async () => (await sample.boundingBox())!.height).toBeGreaterThan(targetBefore * 1.5);
	await expectNoAxeViolations(page);

	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(present).toBeFocused();
	await expect.poll(() => shownFontSize(sample)).toBeCloseTo(before, 5);
});

test('presentation mode is black on white in light and white on black in dark', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await gotoHydrated(page, '/lessons/recurrent-cell');
		await page.locator('figure.widget').first().getByRole('button', { name: 'Present', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: /presentation mode/ });
		const colours = await dialog.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
		expect(colours).toEqual(scheme === 'light' ? ['rgb(255, 255, 255)', 'rgb(0, 0, 0)'] : ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
		await dialog.getByRole('button', { name: /Leave presentation/ }).click();
		await expect(dialog).toHaveCount(0);
	}
});

test('a widget is presented from the gallery at a larger size, and Escape returns to the card', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await gotoHydrated(page, '/embed/tanh');
	const embedded = await shownFontSize(page.locator('main button, main label').first());

	await gotoHydrated(page, '/widgets');
	const card = page.locator('[data-widget="tanh"]');
	const present = card.getByRole('button', { name: 'Present' });
	await present.click();
	const dialog = page.getByRole('dialog', { name: /tanh squashing \(presentation mode\)/ });
	await expect(dialog).toBeVisible();
	await expectFillsWindow(page, dialog);
	const shown = dialog.locator('.present-body button, .present-body label').first();
	await expect(shown).toBeVisible();
	await expect.poll(() => shownFontSize(shown)).toBeGreaterThan(embedded * 1.5);

	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(present).toBeFocused();
});

test('gallery summaries show subscripts, not raw h_t or W_xh', async ({ page }) => {
	await gotoHydrated(page, '/widgets');
	const summary = page.locator('[data-widget="unrolled"] .summary');
	await expect(summary.locator('sub').first()).toHaveText('t');
	await expect(summary).not.toContainText('h_t');
	await expect(summary).not.toContainText('W_xh');
});

for (const width of [375, 1280]) {
	test(`at ${width} px a lesson trainer's four buttons share one line and the step count stays whole`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		for (const url of ['/lessons/paradigms', '/lessons/loss-over-time']) {
			await gotoHydrated(page, url);
			const transport = page.getByRole('group', { name: 'Training' }).first();
			await transport.scrollIntoViewIfNeeded();
			const buttons = transport.locator('.buttons > button');
			await expect(buttons).toHaveCount(4);
			// One line: every button overlaps every other vertically (Train is taller, centred).
			const boxes = await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON() as DOMRect));
			const lowestTop = Math.max(...boxes.map((b) => b.top));
			const highestBottom = Math.min(...boxes.map((b) => b.bottom));
			expect(lowestTop, `${url}: the buttons sit on more than one line`).toBeLessThan(highestBottom);
			const right = Math.max(...boxes.map((b) => b.right));
			const edge = await transport.evaluate((el) => el.getBoundingClientRect().right);
			expect(right, `${url}: the buttons stay inside the transport`).toBeLessThanOrEqual(edge);
			// An inline box that wraps has one client rectangle per line.
			const step = transport.locator('.num', { has: page.getByTestId('step') });
			await expect(step).toContainText(/step \d[\d,]* \/ \d[\d,]*/);
			expect(await step.evaluate((el) => el.getClientRects().length), `${url}: “${await step.textContent()}”`).toBe(1);
		}
	});
}

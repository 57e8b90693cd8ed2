import { expect, test, type Page } from '@playwright/test';
import { builtPages, expectNoAxeViolations, gotoHydrated } from './helpers';

/**
 * Every box that cuts its content sideways must say so: it is a focusable, labelled region
 * (so a keyboard can scroll it) and shows a fade at the edge with more content.
 */
async function clippedBoxes(page: Page) {
	return page.evaluate(() => {
		const found: { what: string; focusable: boolean; label: string; cue: boolean }[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) continue;
			const style = getComputedStyle(el);
			if (style.overflowX === 'visible' || style.display === 'none') continue;
			if (el.scrollWidth <= el.clientWidth + 1) continue;
			// Visually hidden text is clipped on purpose (it is read, not seen).
			if (el.clientWidth <= 2 || style.clip !== 'auto') continue;
			if (el.closest('[aria-hidden="true"]')) continue;
			const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
			found.push({
				what: `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} “${(el.textContent ?? '').trim().slice(0, 40)}” (${el.scrollWidth} > ${el.clientWidth})`,
				focusable: el.tabIndex >= 0 && el.hasAttribute('role'),
				label:
					el.getAttribute('aria-label') ??
					(el.getAttribute('aria-labelledby') ?? '')
						.split(' ')
						.map((id) => document.getElementById(id)?.textContent ?? '')
						.join(' ')
						.trim(),
				cue: style.maskImage !== 'none' && style.maskImage !== ''
			});
		}
		return found;
	});
}

/** Scrolls down the page so widgets that mount near the viewport are all on it. */
async function visitWholePage(page: Page) {
	let y = 0;
	for (let i = 0; i < 80; i++) {
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		if (y >= height) break;
		y += 600;
		await page.evaluate((top) => window.scrollTo(0, top), y);
		await page.waitForTimeout(60);
	}
	await page.evaluate(() => window.scrollTo(0, 0));
	// The regions are marked when the page is idle; give it a moment.
	await page.waitForTimeout(400);
}

const lessons = builtPages().filter((url) => url.startsWith('/lessons/'));

for (const width of [375, 1280]) {
	test(`at ${width} px every lesson's cut-off content is a focusable, labelled scroll region with a cue`, async ({ page }) => {
		test.slow();
		await page.setViewportSize({ width, height: 900 });
		const problems: string[] = [];
		for (const url of lessons) {
			await gotoHydrated(page, url);
			await visitWholePage(page);
			for (const box of await clippedBoxes(page)) {
				if (!box.focusable || !box.label || !box.cue) {
					problems.push(`${url}: ${box.what} focusable=${box.focusable} label=“${box.label}” cue=${box.cue}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});
}

test('a display equation cut at 375 px scrolls by keyboard and passes axe', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	await gotoHydrated(page, '/lessons/vanishing-exploding');
	const region = page.locator('.katex-display[role="region"]').first();
	await expect(region).toHaveAttribute('tabindex', '0');
	await expect(region).toHaveAttribute('aria-label', /Equation/);
	await expect(region).toHaveAttribute('data-scroll', 'end');
	await region.focus();
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
	await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	await expect(region).toHaveAttribute('data-scroll', /start|both/);
	await expectNoAxeViolations(page, ['iframe']);
});

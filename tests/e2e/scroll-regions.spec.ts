import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated } from './helpers';

// Every page's cut-off content (a focusable, labelled region with a fade, at 1280 and at 375 px) is
// checked in pages.spec.ts, on the visit that also runs axe there, rather than by loading every
// lesson twice more here.

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

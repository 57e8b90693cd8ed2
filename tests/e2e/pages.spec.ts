import { expect, test } from '@playwright/test';
import { widgets } from '../../src/lib/widgets/registry';
import { THEME_RULES, builtPages, expectNoAxeViolations, gotoHydrated, horizontalOverflow, scrollRegionProblems, watchConsole, watchCsp } from './helpers';

const pages = builtPages();

// The registry itself (its entries load their widget code lazily, so importing it here runs none).
const embeds = widgets.map((widget) => `/embed/${widget.name}`);

test('the build contains the index, lesson 1 and every registered widget’s embed, so the tests below visit each', () => {
	expect(embeds.length).toBeGreaterThan(10);
	expect(pages).toEqual(expect.arrayContaining(['/', '/lessons/why-sequences', ...embeds]));
	// No embed page outlives its registry entry.
	expect(pages.filter((path) => path.startsWith('/embed/'))).toEqual([...embeds].sort());
});

for (const path of pages) {
	// One load per page: every check below reads the same page, switched between schemes and widths,
	// rather than loading it three times (page loads and lazy widgets were most of the suite's time).
	test(`${path}: no console error, no CSP violation, no axe violation in light and dark; fits 375 px; cut-off content is a labelled scroll region at 1280 and 375 px; no raw Markdown`, async ({ page }) => {
		// axe walks every element; long lessons take a while on a loaded 2-core machine.
		test.setTimeout(120_000);
		await page.emulateMedia({ colorScheme: 'light' });
		const errors = watchConsole(page);
		const violations = await watchCsp(page);
		await gotoHydrated(page, path);
		await expect(page.locator('h1').first()).toBeAttached();
		// The policy is there to be obeyed: a page without it would pass the check below vacuously.
		await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveAttribute('content', /script-src 'self'/);
		// Frames (the gallery's previews, the share preview) are embeds, each checked on its own page
		// here. Every rule runs in light; dark re-checks what a theme can change (colours): the site's
		// colours follow the colour scheme through CSS, so switching it restyles the loaded page.
		await expectNoAxeViolations(page, { exclude: ['iframe'] });
		// Every box that cuts its content sideways is a focusable, labelled region with a fade, at a
		// desktop width and (below) a phone's. Its widgets have all started (gotoHydrated), so
		// nothing mounts later; the regions are marked when the page is idle, hence the poll.
		await expect.poll(() => scrollRegionProblems(page)).toEqual([]);
		await page.emulateMedia({ colorScheme: 'dark' });
		await expectNoAxeViolations(page, { exclude: ['iframe'], rules: THEME_RULES });

		await page.setViewportSize({ width: 375, height: 800 });
		await expect.poll(() => horizontalOverflow(page)).toBeLessThanOrEqual(0);
		await expect.poll(() => scrollRegionProblems(page)).toEqual([]);
		// Markdown the parser gave up on shows its $…$ and **…** to the reader.
		const raw = await page.evaluate(() => {
			const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
			const found: string[] = [];
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (node.parentElement?.closest('code, pre, textarea, script, style, .katex')) continue;
				const match = /\$[^$\s][^$]{0,40}\$|\*\*\S[^*]{0,40}\*\*/.exec(node.textContent ?? '');
				if (match) found.push(match[0]);
			}
			return found;
		});
		expect(raw).toEqual([]);
		expect(await violations()).toEqual([]);
		expect(errors()).toEqual([]);
	});
}

test('the index lists lesson 1 with its summary and shows progress', async ({ page }) => {
	await gotoHydrated(page, '/');
	await expect(page.getByRole('heading', { level: 1, name: 'Unrolled' })).toBeVisible();
	const card = page.locator('.lesson-card', { hasText: 'Why sequences need memory' });
	await expect(card).toContainText('Order carries meaning');
	await expect(card).toContainText('Not started');

	await card.getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why sequences need memory');
	await page.getByLabel('I have finished this lesson').check();
	await page.goto('/');
	await expect(page.locator('.lesson-card', { hasText: 'Why sequences need memory' })).toContainText('Finished');
	await expect(page.getByText(/1 of \d+ finished/)).toBeVisible();
});

test('a lesson has a table of contents, reading time, questions with hidden answers, and a next link', async ({ page }) => {
	await gotoHydrated(page, '/lessons/why-sequences');
	await expect(page.getByText(/\d+ min read/)).toBeVisible();
	const toc = page.getByRole('navigation', { name: 'On this page' });
	await toc.getByRole('link', { name: 'Throwing away the order' }).click();
	await expect(page).toHaveURL(/#throwing-away-the-order$/);

	const answerButton = page.getByRole('button', { name: 'Show answer' }).first();
	const answer = page.locator('.answer .content').first();
	await expect(answer).toBeHidden();
	await answerButton.click();
	await expect(answer).toBeVisible();
	await expect(answer).toContainText('[2, 1, 1, 1]');
});

test('maths is rendered by KaTeX at build time, not shown as raw TeX', async ({ request }) => {
	const html = await (await request.get('/lessons/why-sequences')).text();
	expect(html).toContain('class="katex"');
	expect(html).not.toContain('$x_1');
});

test('the theme toggle switches to dark and is remembered across a reload', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await gotoHydrated(page, '/');
	await page.getByLabel('Colour theme').selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(background).toBe('rgb(21, 23, 26)');
});

test('keyboard users can skip to the content', async ({ page }) => {
	// As a reader opens it, without the helper scrolling each widget into view: Chromium 150 moves
	// the Tab key's starting point to an element scrolled into view with scrollIntoView().
	await gotoHydrated(page, '/lessons/why-sequences', { lazy: true });
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
});

test('an unknown lesson gives a 404 page', async ({ page }) => {
	const response = await page.goto('/lessons/no-such-lesson');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	// The site's header stays, so the reader can find the way back.
	await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Lessons' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the site header fits a 320 px phone, and the logo link is still called Unrolled', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await gotoHydrated(page, '/lessons/why-sequences');
	expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
	await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Unrolled' })).toBeVisible();
});

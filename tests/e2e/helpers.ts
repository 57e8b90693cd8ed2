import AxeBuilder from '@axe-core/playwright';
import axeCore, { type ElementContext, type Result, type RunOptions } from 'axe-core';
import { expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every page the build produced, found on disk so a new lesson or widget is tested automatically. */
export function builtPages(): string[] {
	const pages: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== '_app') walk(path);
			} else if (entry.name.endsWith('.html') && entry.name !== '404.html') {
				const url = '/' + relative('build', path).replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '');
				pages.push(url);
			}
		}
	};
	walk('build');
	return pages.sort();
}

/** Collects console errors and uncaught exceptions; call the returned function to read them. */
export function watchConsole(page: Page): () => string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
	return () => errors;
}

/**
 * Records Content-Security-Policy violations (the browser's securitypolicyviolation events, which
 * also cover ones the console does not report); call before navigating, read with the result.
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const found: string[] = [];
		(window as unknown as { __csp: string[] }).__csp = found;
		document.addEventListener('securitypolicyviolation', (event) => {
			found.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
		});
	});
	return () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? ['the CSP watcher did not run']);
}

/** What an axe pass looks at: a part of the page (`include`), minus some parts, and optionally only some rules. */
export interface AxeScope {
	include?: string;
	exclude?: string[];
	rules?: string[];
}

/**
 * The rules a colour scheme can change: what the second (dark) pass over a page re-checks. The
 * other rules read structure, names and roles, which the theme does not touch, and walking them
 * again took most of the suite's time.
 */
export const THEME_RULES = ['color-contrast', 'link-in-text-block'];

export async function expectNoAxeViolations(page: Page, scope: string[] | AxeScope = []) {
	const { include, exclude = [], rules } = Array.isArray(scope) ? { exclude: scope } : scope;
	// axe.run in the page itself, reporting nodes for violations only: AxeBuilder's default
	// (runPartial in each frame, then finishRun in a fresh blank page) serialises every passing node
	// of the page and took about three times as long on a long lesson, for the same violations.
	const options: RunOptions = { resultTypes: ['violations'], ...(rules && { runOnly: { type: 'rule', values: rules } }) };
	let violations: Result[];
	if (exclude.includes('iframe')) {
		// Frames left to their own pages: axe goes into the page only (AxeBuilder injects itself into
		// every frame first, and the gallery has dozens).
		if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeCore.source);
		const context = { ...(include && { include: [[include]] }), exclude: exclude.map((selector) => [selector]) };
		violations = await page.evaluate(
			async ([context, options]) => (await (window as unknown as { axe: typeof axeCore }).axe.run(context as ElementContext, options)).violations,
			[context, { ...options, iframes: false }] as const
		);
	} else {
		// Same-origin frames are checked too: axe is injected into each and asked by axe.run.
		let builder = new AxeBuilder({ page }).setLegacyMode().options(options);
		if (include) builder = builder.include(include);
		for (const selector of exclude) builder = builder.exclude(selector);
		violations = (await builder.analyze()).violations;
	}
	const summary = violations.map(
		(violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

/**
 * Every box that cuts its content sideways must say so: it is a focusable, labelled region (so a
 * keyboard can scroll it) and shows a fade at the edge with more content. Returns one line per box
 * that does not; empty when all do.
 */
export async function scrollRegionProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) continue;
			const style = getComputedStyle(el);
			if (style.overflowX === 'visible' || style.display === 'none') continue;
			if (el.scrollWidth <= el.clientWidth + 1) continue;
			// Visually hidden text is clipped on purpose (it is read, not seen).
			if (el.clientWidth <= 2 || style.clip !== 'auto') continue;
			if (el.closest('[aria-hidden="true"]')) continue;
			const focusable = el.tabIndex >= 0 && el.hasAttribute('role');
			const label =
				el.getAttribute('aria-label') ??
				(el.getAttribute('aria-labelledby') ?? '')
					.split(' ')
					.map((id) => document.getElementById(id)?.textContent ?? '')
					.join(' ')
					.trim();
			const cue = style.maskImage !== 'none' && style.maskImage !== '';
			if (focusable && label && cue) continue;
			const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
			const what = `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} “${(el.textContent ?? '').trim().slice(0, 40)}” (${el.scrollWidth} > ${el.clientWidth})`;
			problems.push(`${what} focusable=${focusable} label=“${label}” cue=${cue}`);
		}
		return problems;
	});
}

export async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Waits until SvelteKit has hydrated, so clicks reach live handlers. A lesson starts each widget
 * only when the reader comes near it; unless `lazy` is set, this then scrolls to every widget
 * still waiting, as a reader scrolling through would, and back to where the page opened.
 */
export async function gotoHydrated(page: Page, url: string, { lazy = false }: { lazy?: boolean } = {}) {
	await page.goto(url);
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
	if (!lazy) await startAllWidgets(page);
}

/** Scrolls to each lesson widget that has not started yet until all have, then back. */
export async function startAllWidgets(page: Page) {
	const waiting = page.locator('[data-widget-pending]');
	let left = await waiting.count();
	if (left === 0) return;
	const opened = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
	while (left > 0) {
		// One evaluate finds and scrolls: a widget may start on its own between a count and a
		// locator's wait, and `waiting.first()` would then wait for one that no longer exists.
		await page.evaluate(() => document.querySelector('[data-widget-pending]')?.scrollIntoView({ block: 'center' }));
		await expect.poll(() => waiting.count(), { timeout: 60_000 }).toBeLessThan(left);
		left = await waiting.count();
	}
	await page.evaluate((opened) => {
		const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
		if (target) target.scrollIntoView();
		else scrollTo(opened.x, opened.y);
	}, opened);
}

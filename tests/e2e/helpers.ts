import AxeBuilder from '@axe-core/playwright';
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
	let builder = new AxeBuilder({ page });
	if (include) builder = builder.include(include);
	for (const selector of exclude) builder = builder.exclude(selector);
	if (rules) builder = builder.withRules(rules);
	const results = await builder.analyze();
	const summary = results.violations.map(
		(violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

export async function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Waits until SvelteKit has hydrated, so clicks reach live handlers. */
export async function gotoHydrated(page: Page, url: string) {
	await page.goto(url);
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
}

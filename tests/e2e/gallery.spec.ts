import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gotoHydrated, watchConsole } from './helpers';

// The registry is the list of embeddable widgets; read its names from source so a new widget
// that is missing from the gallery fails here.
const registered = [...readFileSync('src/lib/widgets/registry.ts', 'utf8').matchAll(/name: '([\w-]+)'/g)].map(
	(match) => match[1]
);

test.describe('widget gallery', () => {
	test('an instructor finds it from the header and sees every widget with its lesson', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/');
		await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Widgets' }).click();
		await expect(page).toHaveURL(/\/widgets$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Widget gallery' })).toBeVisible();
		const cards = page.locator('[data-widget]');
		await expect(cards).toHaveCount(registered.length);
		await expect(cards.last().locator('iframe')).not.toHaveAttribute('src', /./);
		for (const name of registered) {
			const card = page.locator(`[data-widget="${name}"]`);
			await expect(card.getByRole('heading', { level: 2 })).not.toBeEmpty();
			// Each preview loads its embed when it comes into view, not all on arrival.
			await card.scrollIntoViewIfNeeded();
			await expect(card.locator('iframe')).toHaveAttribute('src', `/embed/${name}`);
		}
		// Lesson 2 places the parameter counter; lesson 1 the bag-of-words comparer.
		await expect(page.locator('[data-widget="param-counter"] .lesson')).toContainText('From lesson 2');
		await expect(page.locator('[data-widget="bag-of-words"] .lesson')).toContainText('From lesson 1');
		expect(errors()).toEqual([]);
	});

	test('the preview is the live embed, and "configure" opens the share panel in the lesson', async ({ page }) => {
		await gotoHydrated(page, '/widgets');
		const card = page.locator('[data-widget="param-counter"]');
		await card.scrollIntoViewIfNeeded();
		// Computed live inside the preview: the lecture's RNN, 3 inputs and 100 hidden units.
		await expect(card.frameLocator('iframe').getByTestId('total')).toHaveText('10,400', { timeout: 60_000 });
		await card.getByRole('link', { name: 'Configure and copy the embed' }).click();
		await expect(page).toHaveURL(/\/lessons\/recurrent-cell\?share=lecture#widget-lecture$/);
		const figure = page.locator('#widget-lecture');
		await expect(figure.getByRole('button', { name: 'Share / embed' })).toHaveAttribute('aria-expanded', 'true');
		await expect(figure.getByLabel("Link", { exact: true })).toHaveValue(/\/embed\/param-counter\?/);
	});

	// axe over /widgets (light and dark) runs in pages.spec with every other built page.
});

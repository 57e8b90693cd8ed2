import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gotoHydrated } from './helpers';

test('a bad list in an embed link names what happens instead of “the default, nothing”', async ({ page }) => {
	await gotoHydrated(page, '/embed/bptt?targets=banana');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('“targets=banana” is not valid');
	await expect(alert).toContainText('Ignoring it, as if the link did not set targets.');
	await expect(alert).not.toContainText('nothing');
});

test('the two reset buttons of a lesson’s trainer say what they reset', async ({ page }) => {
	await gotoHydrated(page, '/lessons/paradigms');
	const trainer = page.locator('figure.widget', { has: page.getByRole('group', { name: 'Training' }) }).first();
	await expect(trainer.getByRole('button', { name: 'Reset settings' })).toHaveCount(1);
	await expect(trainer.getByRole('button', { name: 'Reset training' })).toHaveCount(1);
	await expect(trainer.getByRole('button', { name: 'Reset', exact: true })).toHaveCount(0);
});

test('the course index explains every gap in the lesson numbers', async ({ page }) => {
	const orders = new Set(
		readdirSync('lessons')
			.filter((file) => file.endsWith('.md'))
			.map((file) => Number(/^order:\s*(\d+)/m.exec(readFileSync(`lessons/${file}`, 'utf8'))?.[1]))
	);
	const gaps = Array.from({ length: Math.max(...orders) }, (_, i) => i + 1).filter((n) => !orders.has(n));
	await gotoHydrated(page, '/');
	const numbers = await page.locator('.lesson-card .number').allTextContents();
	expect(numbers.map(Number)).toEqual([...orders].sort((a, b) => a - b));
	if (gaps.length === 0) {
		await expect(page.getByTestId('gap-note')).toHaveCount(0);
		return;
	}
	const note = page.getByTestId('gap-note');
	await expect(note).toContainText('still being written');
	for (const n of gaps) {
		const text = (await note.textContent()) ?? '';
		// Each missing number is named, alone or inside a range such as 8–10.
		const named = [...text.matchAll(/(\d+)(?:–(\d+))?/g)].some(
			(m) => Number(m[1]) <= n && n <= Number(m[2] ?? m[1])
		);
		expect(named, `lesson ${n} is missing and the note does not say so: ${text}`).toBe(true);
	}
});

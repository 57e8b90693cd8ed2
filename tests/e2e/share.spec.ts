import { expect, test } from '@playwright/test';
import { gotoHydrated } from './helpers';

test('the share control gives a link and an iframe that reproduce the widget’s current state', async ({ page }) => {
	await gotoHydrated(page, '/lessons/why-sequences');
	const widget = page.getByRole('figure', { name: 'Bag-of-words comparer' });
	await widget.getByRole('textbox', { name: 'Sentence B' }).fill('the man bit the dog');
	await widget.getByRole('textbox', { name: 'Sentence A' }).fill('the dog bit the man');
	await expect(widget.getByTestId('verdict')).toContainText('Identical vectors, different sentences');

	await widget.getByRole('button', { name: 'Share / embed' }).click();
	await widget.getByLabel('Read-only (locked)').check();
	const link = await widget.getByLabel('Link').inputValue();
	const snippet = await widget.getByLabel('Iframe').inputValue();
	expect(snippet).toContain(`src="${link.replace(/&/g, '&amp;')}"`);

	await gotoHydrated(page, new URL(link).pathname + new URL(link).search);
	await expect(page.getByRole('textbox', { name: 'Sentence A' })).toHaveValue('the dog bit the man');
	await expect(page.getByRole('textbox', { name: 'Sentence B' })).toHaveValue('the man bit the dog');
	await expect(page.getByRole('textbox', { name: 'Sentence A' })).toBeDisabled();
	await expect(page.getByTestId('verdict')).toContainText('Identical vectors, different sentences');
});

test('edits to a widget survive a reload, and Reset brings back the lesson’s state', async ({ page }) => {
	await gotoHydrated(page, '/lessons/why-sequences');
	const widget = page.getByRole('figure', { name: 'Bag-of-words comparer' });
	await widget.getByRole('textbox', { name: 'Sentence A' }).fill('a completely different sentence');
	await expect(widget.getByTestId('verdict')).toContainText('The vectors differ');
	await page.reload();
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
	await expect(widget.getByRole('textbox', { name: 'Sentence A' })).toHaveValue('a completely different sentence');
	await expect(widget.getByText('Your last state was restored.')).toBeVisible();
	await widget.getByRole('button', { name: 'Reset settings' }).click();
	await expect(widget.getByRole('textbox', { name: 'Sentence A' })).toHaveValue('David is good at math but is bad in science');
});

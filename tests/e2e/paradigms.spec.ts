import { expect, test, type Page } from '@playwright/test';
import { describe as describeLayout, layoutOf, lossTermsText, type ParadigmValues } from '../../src/lib/widgets/paradigms/model';
import { echoTask } from '../../src/lib/engine/data';
import { gotoHydrated, watchConsole } from './helpers';
import { step } from './lab-helpers';

/** What the widget must say for these values, computed in Node by the same model and the engine's mask. */
function expected(values: ParadigmValues) {
	const layout = layoutOf(values);
	return {
		description: describeLayout(layout),
		targets: `[${layout.targets.map((t) => (t === null ? 'null' : 'y')).join(', ')}]`,
		loss: lossTermsText(layout)
	};
}

async function expectShape(page: Page, values: ParadigmValues) {
	const want = expected(values);
	await expect(page.getByTestId('description')).toHaveText(want.description);
	await expect(page.getByTestId('targets')).toHaveText(want.targets);
	await expect(page.getByTestId('loss-terms')).toHaveText(want.loss);
}

test.describe('paradigms embed', () => {
	test('arrow keys switch the shape; the description, targets and loss terms follow', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/paradigms?inputs=5&outputs=3');
		await expectShape(page, { shape: 'many-to-one', inputs: 5, outputs: 3 });
		await expect(page.getByTestId('targets')).toHaveText('[null, null, null, null, y]');

		await page.getByRole('radio', { name: 'Many-to-one' }).focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('radio', { name: 'Many-to-many, aligned' })).toBeChecked();
		await expectShape(page, { shape: 'many-to-many', inputs: 5, outputs: 3 });
		await expect(page.getByTestId('description')).toContainText('at every step');

		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('radio', { name: /encoder/ })).toBeChecked();
		await expectShape(page, { shape: 'encoder-decoder', inputs: 5, outputs: 3 });
		await expect(page.getByTestId('loss-terms')).toHaveText('J = J6 + J7 + J8');

		// The output-length slider, by keyboard.
		await page.getByRole('slider', { name: /Output steps/ }).focus();
		await page.keyboard.press('ArrowLeft');
		await expectShape(page, { shape: 'encoder-decoder', inputs: 5, outputs: 2 });

		await page.getByRole('radio', { name: 'One-to-one' }).check();
		await expectShape(page, { shape: 'one-to-one', inputs: 5, outputs: 2 });
		await expect(page.getByRole('slider')).toHaveCount(0);
		expect(errors()).toEqual([]);
	});

	test('screen reader: the description is spoken once the length slider settles, not on every tick', async ({ page }) => {
		await gotoHydrated(page, '/embed/paradigms?shape=many-to-many&inputs=2');
		await expect(page.getByTestId('description')).not.toHaveAttribute('aria-live');
		await page.evaluate(() => {
			const w = window as unknown as { changes: number };
			w.changes = 0;
			new MutationObserver(() => w.changes++).observe(document.querySelector('[data-testid="announce"]')!, { childList: true, characterData: true, subtree: true });
		});
		await page.getByRole('slider', { name: /Input steps/ }).focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('announce')).toHaveText(await page.getByTestId('description').innerText());
		await expect(page.getByTestId('announce')).toContainText('6 steps');
		expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(1);
	});

	test('hide=shape,lengths leaves only the picture; a bad shape is refused', async ({ page }) => {
		await gotoHydrated(page, '/embed/paradigms?shape=one-to-many&outputs=4&hide=shape,lengths');
		await expect(page.getByRole('radio')).toHaveCount(0);
		await expect(page.getByRole('slider')).toHaveCount(0);
		await expect(page.getByTestId('loss-terms')).toHaveText('J = J1 + J2 + J3 + J4');
		await gotoHydrated(page, '/embed/paradigms?shape=two-to-two');
		await expect(page.getByRole('alert')).toContainText('shape=two-to-two');
		await expect(page.getByRole('radio', { name: 'Many-to-one' })).toBeChecked();
	});
});

test.describe('lesson 4: paradigms', () => {
	test('the echo trainer starts from the lesson and shows progress; chance comes from the task', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/lessons/paradigms');
		const chance = `${echoTask({ count: 1, seed: 1 }).chance * 100}%`;
		await expect(page.locator('article, main').first()).toContainText(`Guessing gives ${chance}`);
		const trainer = page.getByRole('figure', { name: /Echo the 2nd digit/ });
		// hide=task,runs in the lesson's query: no task picker, no saving.
		await expect(trainer.getByText('Keep your runs')).toHaveCount(0);
		await expect(trainer.getByRole('alert')).toHaveCount(0);
		await trainer.getByTestId('train').click();
		await expect.poll(() => step(page), { timeout: 15_000 }).toBeGreaterThan(0);
		await expect(trainer.getByTestId('accuracy')).toHaveText(/%$/, { timeout: 15_000 });
		await expect(trainer.getByTestId('loss')).not.toHaveText('—');
		expect(errors()).toEqual([]);
	});

	test('question 3 checks both numbers; question 4 accepts an answer typed with a % sign', async ({ page }) => {
		await gotoHydrated(page, '/lessons/paradigms');
		const questions = page.getByRole('group', { name: 'Question' });
		const q3 = layoutOf({ shape: 'encoder-decoder', inputs: 4, outputs: 6 });
		const firstTarget = questions.nth(2).locator('form').filter({ hasText: 'First target at step' });
		await firstTarget.getByRole('textbox').fill(String(q3.steps.find((s) => s.target)!.t));
		await firstTarget.getByRole('button', { name: 'Check' }).click();
		await expect(firstTarget.getByRole('status')).toContainText('Right');
		const q4 = questions.nth(3);
		await q4.getByRole('textbox').fill(`${echoTask({ count: 1, seed: 1 }).chance * 100}%`);
		await q4.getByRole('button', { name: 'Check' }).click();
		await expect(q4.getByRole('status')).toContainText('Right');
		await q4.getByRole('textbox').fill('ten');
		await q4.getByRole('button', { name: 'Check' }).click();
		await expect(q4.getByRole('status')).toContainText('Please type a number');
	});
});

import { expect, test } from '@playwright/test';
import { gotoHydrated, watchConsole } from './helpers';
import { configOf, schema, seriesOf } from '../../src/lib/widgets/forecaster/model';
import { sig } from '../../src/lib/ui/format';
import { parseQuery } from '../../src/lib/widgets/params';
import { createSession } from '../../src/lib/training/session';
import { evaluateNow } from '../../src/lib/training/evaluation';

test.describe('forecaster', () => {
	test('trains with a short budget, shows the engine’s test MSE and a recursive forecast', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'steps=300&hidden=8&length=120&horizon=10';
		const values = parseQuery(schema, query).values;
		const session = createSession(configOf(values, seriesOf(values)));
		session.runSteps(values.steps);
		const report = evaluateNow(session, 1, values.horizon).forecast!;

		await gotoHydrated(page, `/embed/forecaster?${query}`);
		await expect(page.getByTestId('split')).toContainText('120 values');
		await expect(page.getByTestId('test-mse')).toHaveText('—');
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Trained', { timeout: 20_000 });
		await expect(page.getByTestId('test-mse')).toHaveText(sig(report.mse));
		await expect(page.getByTestId('naive-mse')).toHaveText(sig(report.naiveMse));
		await expect(page.getByTestId('recursive-mse')).toHaveText(sig(report.recursive!.mse));
		await expect(page.locator('path.recursive').first()).toBeVisible();

		// A longer horizon: the worker recomputes the recursive forecast from the same weights.
		await page.getByRole('slider', { name: /Recursive horizon/ }).fill('20');
		const longer = session.forecastAhead(20, report.forecast)!;
		await expect(page.getByTestId('recursive-mse')).toHaveText(sig(longer.mse));

		// Horizon 1: one step (singular), and the recursive forecast equals the one-step forecast of that value.
		await page.getByRole('slider', { name: /Recursive horizon/ }).fill('1');
		const one = session.forecastAhead(1, report.forecast)!;
		await expect(page.getByText(/Recursive, 1 step: MSE/)).toBeVisible();
		await expect(page.getByTestId('recursive-mse')).toHaveText(sig(one.mse));
		await expect(page.getByTestId('one-step-mse')).toHaveText(sig(one.oneStepMse));
		expect(one.mse).toBeCloseTo(one.oneStepMse, 12);
		expect(errors()).toEqual([]);
	});

	test('a double click on Train keeps training; the readouts stay quiet for screen readers until it ends', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchConsole(page);
		// Long enough (a few seconds) that "Training" is on screen when it is checked.
		await gotoHydrated(page, '/embed/forecaster?steps=20000&hidden=48&length=120');
		const readouts = page.getByTestId('readouts');
		await expect(readouts).toHaveAttribute('aria-live', 'polite');
		// The second click lands on Pause, which replaced Train under the pointer: it must not pause.
		await page.getByTestId('train').dblclick();
		await expect(page.getByTestId('status')).toHaveText('Training');
		// An evaluation every second would be read out every second: the live region is off meanwhile.
		await expect(readouts).toHaveAttribute('aria-live', 'off');
		await expect(page.getByRole('status').filter({ hasText: 'Trained' })).toBeVisible({ timeout: 80_000 });
		await expect(readouts).toHaveAttribute('aria-live', 'polite');
		await expect(page.getByTestId('test-mse')).not.toHaveText('—');
		expect(errors()).toEqual([]);
	});

	test('at 320 px: no sideways scroll, and the horizon slider is a 24 px touch target', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 800 });
		await gotoHydrated(page, '/embed/forecaster');
		const box = await page.getByRole('slider', { name: /Recursive horizon/ }).boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(24);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
	});

	test('broken URL values are named and the defaults used, without console errors', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/forecaster?source=pasted&data=1,2,x&window=abc&horizon=1e999');
		const alert = page.getByRole('alert').first();
		for (const part of ['data=1,2,x', 'window=abc', 'horizon=1e999']) await expect(alert).toContainText(part);
		await expect(page.getByTestId('split')).toContainText(`${schema.data.default.length} values`);
		await expect(page.getByTestId('train')).toBeEnabled();
		expect(errors()).toEqual([]);
	});

	test('a pasted series with a bad value names its position and keeps the last good series', async ({ page }) => {
		await gotoHydrated(page, '/embed/forecaster?source=pasted');
		const box = page.getByRole('textbox', { name: /Your numbers/ });
		await box.fill('1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12');
		await expect(page.getByTestId('split-error')).toContainText('longer than the window');
		await box.fill('1, 2, 3, 4, oops, 6, 7, 8, 9');
		const alert = page.getByTestId('series-error');
		await expect(alert).toContainText('"oops"');
		await expect(alert).toContainText('value number 5');
		await expect(alert).toContainText('Keeping the last good series (12 values)');
	});
});

test.describe('forecaster: training kept across a reload', () => {
	test('a finished run comes back with the same test MSE and forecast; a corrupt one is ignored', async ({ page }) => {
		const errors = watchConsole(page);
		const query = 'steps=200&hidden=6&length=100&horizon=8&seed=4';
		const values = parseQuery(schema, query).values;
		const session = createSession(configOf(values, seriesOf(values)));
		session.runSteps(values.steps);
		const report = evaluateNow(session, 1, values.horizon).forecast!;

		await gotoHydrated(page, `/embed/forecaster?${query}`);
		await page.getByTestId('train').click();
		await expect(page.getByTestId('status')).toHaveText('Trained', { timeout: 20_000 });
		await expect(page.getByTestId('test-mse')).toHaveText(sig(report.mse));
		const readouts = await page.getByTestId('readouts').textContent();
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:forecaster:')));

		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('restored')).toContainText(/^Restored your training from .+\. Train again to start over\.$/);
		await expect(page.getByTestId('status')).toHaveText('Trained', { timeout: 10_000 });
		await expect(page.getByTestId('step')).toHaveText('200');
		await expect(page.getByTestId('test-mse')).toHaveText(sig(report.mse));
		await expect(page.getByTestId('recursive-mse')).toHaveText(sig(report.recursive!.mse));
		await expect(page.getByTestId('readouts')).toHaveText(readouts!);
		await expect(page.locator('path.recursive').first()).toBeVisible();
		// The weights are back in the worker: a new horizon is forecast from them.
		await page.getByRole('slider', { name: /Recursive horizon/ }).fill('12');
		await expect(page.getByTestId('recursive-mse')).toHaveText(sig(session.forecastAhead(12, report.forecast)!.mse));

		await page.evaluate(() => {
			for (const k of Object.keys(localStorage)) if (k.startsWith('unrolled:run:forecaster:')) localStorage.setItem(k, 'not json');
		});
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
		await expect(page.getByTestId('status')).toHaveText('Not trained yet');
		await expect(page.getByTestId('test-mse')).toHaveText('—');
		await expect(page.getByTestId('restored')).toHaveCount(0);
		expect(errors()).toEqual([]);
	});
});

import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, gotoHydrated, watchConsole } from './helpers';

// Lesson 13's data half: the explorer of the synthetic people, the phone recorder fed synthetic
// devicemotion events, and CSV import.

const LECTURE = ['64,480', '53,696', '56,416', '50,688', '51,888', '54,756'];

/**
 * Dispatches `ms / 10` devicemotion events, 10 ms apart, the phone upright as in a trouser pocket
 * (gravity on y) and bouncing. Counted, not timed: a busy machine delays them but sends them all.
 */
function feedMotion(page: Page, ms: number) {
	return page.evaluate(async (duration) => {
		for (let i = 0; i < duration / 10; i++) {
			const bounce = 3 * Math.sin(i / 3);
			window.dispatchEvent(new DeviceMotionEvent('devicemotion', { accelerationIncludingGravity: { x: 0.5, y: 9.81 + bounce, z: 1 }, interval: 10 }));
			await new Promise((done) => setTimeout(done, 10));
		}
	}, ms);
}

test.describe('activity data', () => {
	test('the explorer shows the six lengths from the data and zooms by buttons and keys', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/activity-data');
		await expect(page.getByTestId('synthetic-note')).toContainText('synthetic');
		for (const [i, steps] of LECTURE.entries()) await expect(page.getByTestId(`length-${i + 1}`)).toContainText(steps);
		await expect(page.getByTestId('length-7')).toContainText('held out');
		await expect(page.getByTestId('lengths-note')).toContainText(LECTURE.join(', '));
		const shown = page.getByTestId('shown');
		await expect(shown).toContainText('64,480 steps at 50 Hz = 21 min 29.6 s. Showing 0:00.0–21:29.6');
		await page.getByTestId('zoom-in').click();
		await expect(shown).toContainText('(10 min 44.8 s)');
		await page.getByTestId('signal').focus();
		for (let i = 0; i < 8; i++) await page.keyboard.press('+');
		// 64,480 / 2⁹ steps ≈ 2.5 s: a few footfalls.
		await expect(shown).toContainText('(2.52 s)');
		await page.keyboard.press('ArrowRight');
		await expect(shown).not.toContainText('Showing 0:00.0');
		await page.keyboard.press('0');
		await expect(shown).toContainText('Showing 0:00.0–21:29.6');
		await page.getByTestId('person').selectOption({ label: '4. Dev' });
		await expect(shown).toContainText('50,688 steps');
		await expectNoAxeViolations(page);
		expect(errors()).toEqual([]);
	});

	test('the recorder records synthetic motion, labels it, saves it for the explorer and exports it', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/activity-record');
		await expect(page.getByTestId('network-state')).toContainText('No trained network');
		await page.getByTestId('start').click();
		// Each phase is fed in full before the next tap, however slowly the machine runs.
		await feedMotion(page, 600);
		await expect(page.getByTestId('recording-state')).toContainText('Recording');
		await expect(page.getByTestId('live')).toBeVisible();
		await page.getByTestId('label-walking').click();
		await feedMotion(page, 1000);
		await page.getByTestId('label-running').click();
		await feedMotion(page, 1000);
		// The screen-reader summary is renewed every few seconds while recording, not with every sample.
		await expect(page.getByTestId('live-summary')).toContainText(/^Recording for .* In the last .*: no label, then walking, then running; the acceleration's size varies by \d\.\d\d g\.$/, { timeout: 10_000 });
		await expect(page.getByTestId('recording-state').getByRole('status')).toHaveText('Recording');
		await page.getByTestId('stop').click();
		const summary = page.getByTestId('result-summary');
		await expect(summary).toContainText('at 50 Hz');
		const [steps, labelled] = (await summary.textContent())!.match(/[\d,]+(?= steps| of them)/g)!.map((n) => Number(n.replace(/,/g, '')));
		// At least 2.6 s of events at 50 Hz (the time between taps is bridged too), the first 0.6 s unlabelled.
		expect(steps).toBeGreaterThanOrEqual(130);
		expect(labelled).toBeGreaterThanOrEqual(100);
		expect(steps - labelled).toBeGreaterThanOrEqual(30);
		await expect(page.getByTestId('no-network')).toContainText('No trained network');
		await page.getByTestId('recording-name').fill('Test walk');
		await page.getByTestId('save').click();
		await expect(page.getByTestId('save-message')).toContainText('Saved “Test walk”');
		const download = page.waitForEvent('download');
		await page.getByTestId('export').click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('test-walk.csv');
		await expectNoAxeViolations(page);

		await gotoHydrated(page, '/embed/activity-data');
		await page.getByTestId('person').selectOption({ label: 'Test walk (recorded)' });
		await expect(page.getByTestId('shown')).toContainText(`Test walk: ${steps} steps at 50 Hz`);
		expect(errors()).toEqual([]);
	});

	test('a desktop without a sensor is told so', async ({ page }) => {
		await gotoHydrated(page, '/embed/activity-record');
		await page.getByTestId('start').click();
		await expect(page.getByTestId('record-problem')).toContainText('no motion sensor', { timeout: 5000 });
		await expect(page.getByTestId('start')).toBeEnabled();
	});

	test('imports a good CSV and names the line and column of a broken one', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/activity-record');
		const rows = Array.from({ length: 500 }, (_, i) => `${(i / 100).toFixed(2)},0,${(9.81 + Math.sin(i / 5)).toFixed(3)},0.5`);
		await page.getByTestId('import').setInputFiles({
			name: 'phone.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(['Time (s),Acceleration x (m/s^2),Acceleration y (m/s^2),Acceleration z (m/s^2)', ...rows].join('\n'))
		});
		await expect(page.getByTestId('result-summary')).toContainText('phone: 250 steps at 50 Hz');
		await expect(page.getByTestId('result-note').first()).toContainText('Read 500 rows: 250 steps at 50 Hz.');
		await page.getByTestId('import').setInputFiles({
			name: 'broken.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('time,x,y,z,label\n0,0,1,0,walking\n0.02,0,oops,0,walking\n')
		});
		await expect(page.getByTestId('import-error')).toContainText('“broken.csv” was not imported. Line 3, column 3 (“y”): “oops” is not a number.');
		expect(errors()).toEqual([]);
	});

	test('a 60,000-row file imports whole and can be saved', async ({ page }) => {
		const errors = watchConsole(page);
		await gotoHydrated(page, '/embed/activity-record');
		const names = ['sitting', 'standing', 'walking', 'dancing', 'running'];
		const rows = Array.from({ length: 60_000 }, (_, i) => `${(i / 50).toFixed(2)},0.1,${(1 + 0.3 * Math.sin(i / 3)).toFixed(3)},0.1,${names[Math.floor(i / 3000) % 5]}`);
		await page.getByTestId('import').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,x,y,z,label', ...rows].join('\n')) });
		await expect(page.getByTestId('result-summary')).toContainText('long: 60,000 steps at 50 Hz (20 min 0.0 s), 60,000 of them labelled.', { timeout: 60_000 });
		await expect(page.getByTestId('result-note').first()).toContainText('Read 60,000 rows: 60,000 steps at 50 Hz.');
		await page.getByTestId('save').click();
		await expect(page.getByTestId('save-message')).toContainText('Saved “long” in this browser.');
		expect(errors()).toEqual([]);
	});

	test('once the trainer has kept a network, the recorder names every step of a recording', async ({ page }) => {
		const errors = watchConsole(page);
		// A tenth of an epoch of the quick setting: enough to have a network, not to be good.
		await gotoHydrated(page, '/embed/activity-trainer?setup=quick&epochs=0.1&autostart=1');
		await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('unrolled:run:activity-trainer:')), undefined, { timeout: 120_000 });
		await gotoHydrated(page, '/embed/activity-record');
		await expect(page.getByTestId('network-state')).toContainText('The network you trained');
		await page.getByTestId('label-standing').click();
		await page.getByTestId('start').click();
		await feedMotion(page, 1500);
		await expect(page.getByTestId('live-guess')).toContainText(/The network says: (sitting|standing|walking|dancing|running)/);
		await page.getByTestId('stop').click();
		await expect(page.getByTestId('predicted')).toBeVisible();
		await expect(page.getByTestId('agreement')).toContainText(/On the [\d,]+ steps you labelled, the network agrees with you on [\d,]+\s+\([\d.]+%\)/);
		// A recording that was not named live (an import) is named in the background worker.
		const rows = Array.from({ length: 3000 }, (_, i) => `${(i / 50).toFixed(2)},0,${(1 + 0.3 * Math.sin(i / 3)).toFixed(3)},0.1,${i < 1500 ? 'standing' : 'walking'}`);
		await page.getByTestId('import').setInputFiles({ name: 'walk.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,x,y,z,label', ...rows].join('\n')) });
		await expect(page.getByTestId('result-summary')).toContainText('walk: 3,000 steps at 50 Hz');
		await expect(page.getByTestId('agreement')).toContainText(/On the 3,000 steps you labelled, the network agrees with you on [\d,]+\s+\([\d.]+%\)/);
		await expect(page.getByTestId('predicted')).toBeVisible();
		expect(errors()).toEqual([]);
	});
});

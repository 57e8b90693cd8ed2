import { describe, expect, it } from 'vitest';
import { predict, recursiveForecast } from '$lib/engine';
import { fitStandardizer, forecastSplit, sineSeries } from '$lib/engine/data';
import { parseQuery } from '$lib/widgets/params';
import { configOf, readPasted, schema, seriesOf, splitOf } from '$lib/widgets/forecaster/model';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';

const values = (query = '') => parseQuery(schema, query).values;

describe('forecaster model', () => {
	it('the sine series is the data module’s seeded sine with the chosen amplitude, period and noise', () => {
		const v = values('amplitude=2&period=10&noise=0.3&length=50&seed=4');
		expect(seriesOf(v)).toEqual(Array.from(sineSeries({ seed: 4, length: 50, amplitude: 2, period: 10, noise: 0.3 }).values));
		expect(seriesOf(values('source=pasted'))).toEqual(values().data);
	});

	it('counts training and test pairs the way forecastSplit cuts them', () => {
		const v = values('length=100&window=10&train=0.7');
		const series = seriesOf(v);
		const split = splitOf(v, series);
		const cut = forecastSplit(series, 10, 0.7);
		expect(split.ok).toBe(true);
		if (split.ok) {
			expect(split.view.trainWindows).toBe(cut.train.inputs.length);
			expect(split.view.testWindows).toBe(cut.test.inputs.length);
			expect(split.view.splitIndex).toBe(70);
		}
		const tooLong = splitOf(values('source=pasted&window=40'), values().data);
		expect(tooLong.ok).toBe(false);
	});

	it('a pasted series with a bad value names its position', () => {
		const bad = readPasted('1, 2, 3, x4, 5, 6, 7, 8, 9');
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.message).toContain('"x4"');
			expect(bad.message).toContain('value number 4');
		}
		const short = readPasted('1 2 3');
		expect(short.ok).toBe(false);
		expect(readPasted('1 2 3 4 5 6 7 8 9')).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
	});
});

describe('the worker on the forecaster’s series', () => {
	const v = values('length=120&window=8&steps=300&hidden=8');
	const series = seriesOf(v);
	const session = createSession(configOf(v, series));
	session.runSteps(v.steps);
	const report = evaluateNow(session, 1, 10).forecast!;
	// The network reads the series standardized on the training part; forecasts come back in its units.
	const scaler = fitStandardizer(series.slice(0, report.splitIndex));
	const scaled = Array.from(scaler.apply(series));

	it('test MSE is the mean squared difference between the engine’s forecasts and the truth', () => {
		const mine = report.index.map((t) => {
			const y = predict(session.network, scaled.slice(t - v.window, t).map((x) => [x]));
			return scaler.invert([y[y.length - 1][0]])[0];
		});
		mine.forEach((f, i) => expect(report.forecast[i]).toBeCloseTo(f, 12));
		const mse = mine.reduce((s, f, i) => s + (f - report.truth[i]) ** 2, 0) / mine.length;
		expect(report.mse).toBeCloseTo(mse, 12);
		expect(report.truth).toEqual(report.index.map((t) => series[t]));
		expect(report.mse).toBeLessThan(report.naiveMse);
	});

	it('the recursive forecast feeds its own predictions back (engine recursiveForecast)', () => {
		const r = report.recursive!;
		expect(r.forecast).toHaveLength(10);
		const start = report.index[0];
		const expected = scaler.invert(recursiveForecast(session.network, scaled.slice(0, start), v.window, 10));
		r.forecast.forEach((f, i) => expect(f).toBeCloseTo(expected[i], 12));
		// Step 1 reads only true values, so it equals the one-step forecast; later steps do not.
		expect(r.forecast[0]).toBeCloseTo(report.forecast[0], 12);
		expect(r.forecast[5]).not.toBeCloseTo(report.forecast[5], 6);
		expect(r.mse).toBeCloseTo(r.squaredError.reduce((a, b) => a + b, 0) / 10, 12);
		expect(session.forecastAhead(3, report.forecast)!.forecast).toEqual(r.forecast.slice(0, 3));
	});
});

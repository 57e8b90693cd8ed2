/**
 * What a forecasting series given in a configuration may be, and the lab's own sine: plain data
 * and checks with no engine behind them, so the forecaster's page can validate without it.
 */
import type { SeriesConfig } from '$lib/worker/protocol';

/** The lab's own series and cut. */
export const SINE = { length: 300, period: 25, noise: 0.1, window: 20, trainFraction: 0.75 } as const;

/** What a series given in the configuration may be. */
export const SERIES_LIMITS = {
	length: { min: 8, max: 2000 },
	window: { min: 1, max: 100 },
	trainFraction: { min: 0.1, max: 0.95 },
	/** Largest |value|. */
	value: 1e9
} as const;

/** The problems with a configuration's `series` field (an empty list when it is fine). */
export function seriesProblems(raw: unknown): string[] {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return ['series must be an object with values, window and trainFraction.'];
	}
	const series = raw as Record<string, unknown>;
	const problems: string[] = [];
	const { length, window, trainFraction, value } = SERIES_LIMITS;
	const values = series.values;
	if (!Array.isArray(values)) problems.push('series.values must be a list of numbers.');
	else {
		if (values.length < length.min || values.length > length.max) {
			problems.push(`The series has ${values.length} values; it needs ${length.min} to ${length.max}.`);
		}
		const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > value);
		if (bad >= 0) {
			problems.push(`Value number ${bad + 1} of the series is ${JSON.stringify(values[bad]) ?? String(values[bad])}; every value must be a finite number between −1e9 and 1e9.`);
		}
	}
	const w = series.window;
	if (typeof w !== 'number' || !Number.isInteger(w) || w < window.min || w > window.max) {
		problems.push(`series.window must be a whole number from ${window.min} to ${window.max}, but it is ${JSON.stringify(w)}.`);
	}
	const f = series.trainFraction;
	if (typeof f !== 'number' || !(f >= trainFraction.min && f <= trainFraction.max)) {
		problems.push(`series.trainFraction must be a number from ${trainFraction.min} to ${trainFraction.max}, but it is ${JSON.stringify(f)}.`);
	}
	if (problems.length === 0 && Array.isArray(values) && typeof w === 'number' && typeof f === 'number') {
		const splitIndex = Math.floor(values.length * f);
		if (splitIndex <= w) {
			problems.push(`The training part (${splitIndex} values) must be longer than the window (${w}): use a shorter window, a longer series or a larger training part.`);
		} else if (values.length - splitIndex < 1) {
			problems.push('The test part is empty: use a smaller training part.');
		}
	}
	return problems;
}

/** A checked copy of the series (only after `seriesProblems` found nothing). */
export function cleanSeries(raw: SeriesConfig): SeriesConfig {
	return { values: [...raw.values], window: raw.window, trainFraction: raw.trainFraction };
}


/**
 * The `sine` task's data and reports: forecasting the next value of a series from a window of
 * the values before it, trained with mean squared error, tested on the later part of the series.
 *
 * Without `config.series` this is the lab's fixed noisy sine, unscaled, exactly as before. With
 * it (the forecaster widget), the series is the page's (a seeded sine or pasted numbers): it is
 * standardized with the mean and spread of its training part only, so any units train alike,
 * and every forecast is turned back into the series' units before it is reported.
 *
 * The network's outputs come from the engine (`predict`, `recursiveForecast`); this file only
 * cuts, scales (with the data module's scaler) and averages squared errors.
 */
import { denseSequence, meanSquaredError, recursiveForecast, type Network, type Sequence } from '$lib/engine';
import { fitStandardizer, forecastDataset, forecastSplit, sineSeries, type Scaler, type VectorDataset } from '$lib/engine/data';
import type { ForecastReport, RecursiveReport, SeriesConfig, TrainConfig } from './protocol';

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

export interface ForecastTest {
	items: Sequence[];
	/** Index in the series of each test target. */
	index: number[];
	truth: number[];
	lastSeen: number[];
	series: number[];
	splitIndex: number;
	window: number;
	/** The series as the network reads it (scaled when a scaler is set). */
	scaled: Float64Array;
	scaler: Scaler | null;
}

export interface ForecastSetup {
	train: VectorDataset;
	trainCount: number;
	test: ForecastTest;
	title: string;
	summary: string;
}

export function setupForecast(config: TrainConfig): ForecastSetup {
	const given = config.series;
	const series = given ? Float64Array.from(given.values) : sineSeries({ seed: config.seed, length: SINE.length, period: SINE.period, noise: SINE.noise }).values;
	const window = given?.window ?? SINE.window;
	const fraction = given?.trainFraction ?? SINE.trainFraction;
	const splitIndex = Math.floor(series.length * fraction);
	const scaler = given ? fitStandardizer(series.subarray(0, splitIndex)) : null;
	const scaled = scaler ? scaler.apply(series) : series;
	const split = forecastSplit(scaled, window, fraction);
	const test = split.test;
	const percent = Math.round(fraction * 100);
	return {
		train: forecastDataset(split.train),
		trainCount: split.train.inputs.length,
		title: given ? 'Forecasting a series' : 'Sine forecasting',
		summary: given
			? `From the last ${window} values, forecast the next. Trained on the first ${percent}% (${splitIndex} values), tested on the rest.`
			: `A noisy sine wave (period ${SINE.period}); from the last ${SINE.window} values, forecast the next. Trained on the first ${percent}%, tested on the rest.`,
		test: {
			items: test.inputs.map((input) => denseSequence(input.map((x) => [x]), 1)),
			index: test.starts.map((s) => s + window),
			truth: test.starts.map((s) => series[s + window]),
			lastSeen: test.starts.map((s) => series[s + window - 1]),
			series: Array.from(series),
			splitIndex: split.splitIndex,
			window,
			scaled,
			scaler
		}
	};
}

function unscale(test: ForecastTest, values: ArrayLike<number>): number[] {
	return Array.from(test.scaler ? test.scaler.invert(values) : values);
}

function errors(a: readonly number[], b: readonly number[]): { each: number[]; mean: number } {
	return { each: a.map((v, i) => (v - b[i]) ** 2), mean: a.length ? meanSquaredError(a, b) : 0 };
}

/** One-step forecasts (as the network gave them, on its scale) against the truth, in the series' units. */
export function forecastReport(test: ForecastTest, networkOutputs: number[]): ForecastReport {
	const forecast = unscale(test, networkOutputs);
	return {
		index: test.index,
		truth: test.truth,
		forecast,
		series: test.series,
		splitIndex: test.splitIndex,
		mse: errors(forecast, test.truth).mean,
		naiveMse: errors(test.lastSeen, test.truth).mean,
		window: test.window
	};
}

/** Longest recursive forecast: every test value. */
export function maxHorizon(test: Pick<ForecastTest, 'index'>): number {
	return test.index.length;
}

/**
 * The forecast from the first test value on, each prediction fed back as the newest input,
 * `horizon` steps (at most to the end of the series), beside the one-step forecasts.
 */
export function recursiveReport(network: Network, test: ForecastTest, oneStep: number[], horizon: number): RecursiveReport | null {
	const steps = Math.min(Math.max(0, Math.floor(horizon)), maxHorizon(test));
	if (steps === 0) return null;
	const origin = test.index[0];
	const predicted = recursiveForecast(network, test.scaled.subarray(0, origin), test.window, steps);
	const forecast = unscale(test, predicted);
	const truth = test.truth.slice(0, steps);
	const near = oneStep.slice(0, steps);
	const far = errors(forecast, truth);
	const close = errors(near, truth);
	return {
		index: test.index.slice(0, steps),
		forecast,
		truth,
		oneStep: near,
		squaredError: far.each,
		oneStepSquaredError: close.each,
		mse: far.mean,
		oneStepMse: close.mean
	};
}

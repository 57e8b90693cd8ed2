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
import type { ForecastReport, RecursiveReport, TrainConfig } from '$lib/worker/protocol';
import { SINE } from './series';

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

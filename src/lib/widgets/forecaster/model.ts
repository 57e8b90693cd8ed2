/**
 * The forecaster: a series (a seeded sine plus noise, or numbers a student pasted), windows of a
 * chosen length, a small network trained in the worker with mean squared error on the first part,
 * then one-step and recursive forecasts of the rest. The series comes from the data module, the
 * training and every forecast from the worker (`$lib/worker`); this file only wires and words.
 */
import { sineSeries, windowCount } from '$lib/engine/data';
import { readSeries, type SeriesReading } from '$lib/ui/read-series';
import type { Schema, Values } from '$lib/widgets/params';
import { CELLS, type TrainConfig } from '$lib/worker/protocol';
import { SERIES_LIMITS, seriesProblems } from '$lib/training/series';
import { adamRun } from '$lib/training/config';

/** Pasted series longer than this are refused (a link must hold them). */
export const MAX_PASTED = 500;

export const schema = {
	source: { kind: 'enum', values: ['sine', 'pasted'] as const, default: 'sine', doc: 'sine (a seeded sine wave plus noise) or pasted (the numbers in data).' },
	amplitude: { kind: 'number', min: 0, max: 100, default: 1, doc: 'Height of the sine wave.' },
	period: { kind: 'number', min: 2, max: 200, default: 25, doc: 'Steps per full wave of the sine.' },
	noise: { kind: 'number', min: 0, max: 10, default: 0.1, doc: 'Standard deviation of the Gaussian noise added to each sine value.' },
	length: { kind: 'int', min: 40, max: SERIES_LIMITS.length.max, default: 200, doc: 'Number of sine values.' },
	data: {
		kind: 'number-list',
		min: -SERIES_LIMITS.value,
		max: SERIES_LIMITS.value,
		minLength: SERIES_LIMITS.length.min,
		maxLength: MAX_PASTED,
		default: [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166],
		doc: 'The pasted series (source=pasted), comma-separated; 8 to 500 numbers.'
	},
	window: { kind: 'int', min: SERIES_LIMITS.window.min, max: 50, default: 12, doc: 'Values per input window: the network reads this many to forecast the next.' },
	train: { kind: 'number', min: SERIES_LIMITS.trainFraction.min, max: SERIES_LIMITS.trainFraction.max, default: 0.75, doc: 'Fraction of the series used for training (the first part, by time); the rest is the test part.' },
	horizon: { kind: 'int', min: 1, max: SERIES_LIMITS.length.max, default: 25, doc: 'Steps of the recursive forecast (each prediction fed back in), from the start of the test part; cut at the end of the series.' },
	cell: { kind: 'enum', values: CELLS, default: 'gru', doc: 'The recurrent cell.' },
	hidden: { kind: 'int', min: 1, max: 64, default: 16, doc: 'Hidden units.' },
	lr: { kind: 'number', min: 1e-5, max: 1, default: 0.01, doc: 'Learning rate (Adam).' },
	steps: { kind: 'int', min: 1, max: 20000, default: 1500, doc: 'Training steps (one window each).' },
	seed: { kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'Seed of the noise, the initial weights and the order of the windows.' },
	autostart: { kind: 'bool', default: false, doc: '`1` starts training as soon as the page has loaded (also with `locked=1`).' }
} satisfies Schema;

export type ForecasterValues = Values<typeof schema>;
/** Parts an instructor may hide with hide=… */
export const controls = ['series', 'model', 'horizon'] as const;

/** The series the widget trains on: the data module's seeded sine, or the pasted numbers. */
export function seriesOf(values: ForecasterValues): number[] {
	if (values.source === 'pasted') return [...values.data];
	const { amplitude, period, noise, length, seed } = values;
	return Array.from(sineSeries({ seed, length, amplitude, period, noise }).values);
}

export interface SplitView {
	n: number;
	/** The first test index. */
	splitIndex: number;
	trainWindows: number;
	testWindows: number;
}

/** Sizes of the train and test parts, or the reason the series cannot be cut this way. */
export function splitOf(values: ForecasterValues, series: readonly number[]): { ok: true; view: SplitView } | { ok: false; message: string } {
	const problems = seriesProblems({ values: series, window: values.window, trainFraction: values.train });
	if (problems.length) return { ok: false, message: problems.join(' ') };
	const n = series.length;
	const splitIndex = Math.floor(n * values.train);
	// A window's target must lie before the cut to train, at or after it to test.
	const trainWindows = windowCount(splitIndex, values.window + 1, 1);
	const testWindows = windowCount(n, values.window + 1, 1) - trainWindows;
	return { ok: true, view: { n, splitIndex, trainWindows, testWindows } };
}

/** The worker's configuration: the `sine` task on this series. */
export function configOf(values: ForecasterValues, series: readonly number[]): TrainConfig {
	return adamRun(values, { task: 'sine', series: { values: [...series], window: values.window, trainFraction: values.train } });
}

export type Reading = SeriesReading;

/** Pasted numbers, within the forecaster's limits (the data module names a bad value). */
export function readPasted(text: string): Reading {
	return readSeries(text, {
		who: 'the forecaster',
		min: SERIES_LIMITS.length.min,
		minFor: 'forecasting',
		max: MAX_PASTED,
		valueLimit: SERIES_LIMITS.value
	});
}

/** The horizon actually used: at most the test part's length. */
export function usedHorizon(values: ForecasterValues, split: SplitView | null): number {
	return split ? Math.min(values.horizon, split.testWindows) : values.horizon;
}

/**
 * Cutting a time series into windows, reading series typed by a student, and turning a series
 * into (input sequence → next value) forecasting pairs split by time.
 *
 * Limits: values must be finite numbers (NaN and ±Infinity are refused with their index);
 * windows are copied into plain arrays, so very long series with stride 1 and long windows use
 * `length` times the memory of the series.
 */

import { DataError, requireFinite, requireInteger, show } from './errors';
import type { VectorDataset } from './sample';

export interface Windows {
	windows: number[][];
	/** Index in the series where each window starts. */
	starts: number[];
	/** Values after the end of the last complete window (too few for another window), or null. */
	droppedTail: { start: number; values: number[] } | null;
}

/**
 * The lecture's `makeSteps`: windows of `length` values, each starting `stride` after the last.
 * Windows that would run past the end are dropped; the values no window reaches are reported
 * in `droppedTail`. The number of windows is ⌊(n − length) / stride⌋ + 1 when n ≥ length.
 */
export function makeWindows(series: ArrayLike<number>, length: number, stride: number): Windows {
	requireSeries(series);
	requireInteger('The window length', length, 1);
	requireInteger('The stride', stride, 1);
	const n = series.length;
	const windows: number[][] = [];
	const starts: number[] = [];
	for (let start = 0; start + length <= n; start += stride) {
		const w = new Array<number>(length);
		for (let i = 0; i < length; i++) w[i] = series[start + i];
		windows.push(w);
		starts.push(start);
	}
	const end = starts.length > 0 ? starts[starts.length - 1] + length : 0;
	const droppedTail =
		end < n ? { start: end, values: Array.from({ length: n - end }, (_, i) => series[end + i]) } : null;
	return { windows, starts, droppedTail };
}

/** How many windows `makeWindows` gives, without making them. */
export function windowCount(n: number, length: number, stride: number): number {
	requireInteger('The window length', length, 1);
	requireInteger('The stride', stride, 1);
	return n < length ? 0 : Math.floor((n - length) / stride) + 1;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Numbers separated by commas, spaces, tabs or newlines: `0, 1, 1, 3` or one per line.
 * A trailing comma is fine; an empty value between two commas is not. `−` (Unicode minus) is
 * read as `-`. The first bad value is reported with its line, column and character offset.
 */
export function parseSeries(text: string): Float64Array {
	if (typeof text !== 'string') {
		throw new DataError('invalid-argument', `parseSeries needs text, but got ${show(text)}.`);
	}
	const values: number[] = [];
	const re = /[^\s,]+|,/g;
	let previousWasComma = true; // a comma before any value is an empty value
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		const token = m[0];
		if (token === ',') {
			if (previousWasComma) {
				throw parseError(text, m.index, ',', values.length + 1, 'a value is missing before this comma');
			}
			previousWasComma = true;
			continue;
		}
		previousWasComma = false;
		const normalized = token.replace(/\u2212/g, '-');
		const value = NUMBER.test(normalized) ? Number(normalized) : NaN;
		if (!Number.isFinite(value)) {
			const why = Number.isNaN(value)
				? 'it is not a number'
				: 'it is too large to store (over about 1.8e308)';
			throw parseError(text, m.index, token, values.length + 1, why);
		}
		values.push(value);
	}
	if (values.length === 0) {
		throw new DataError('empty-input', 'There are no numbers here. Type numbers separated by commas or spaces, like "0, 1, 1, 3".');
	}
	return Float64Array.from(values);
}

function parseError(text: string, position: number, token: string, index: number, why: string): DataError {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
	return new DataError(
		'parse-error',
		`Cannot read ${show(token)} (value number ${index}, line ${line}, column ${column}): ${why}.`,
		{ token, position, line, column, index }
	);
}

export interface ForecastPairs {
	/** Each input: `inputLength` consecutive values. */
	inputs: number[][];
	/** Each target: the value `horizon` steps after the input's last value. */
	targets: number[];
	/** Index of each input's first value; its target is at start + inputLength + horizon − 1. */
	starts: number[];
}

export interface ForecastOptions {
	/** Steps between the starts of consecutive inputs (default 1). */
	stride?: number;
	/** How far ahead the target is: 1 = the very next value (default). */
	horizon?: number;
}

/** (input sequence, next value) pairs for forecasting: inputs [x_s … x_{s+L−1}] → x_{s+L+h−1}. */
export function makeForecastPairs(
	series: ArrayLike<number>,
	inputLength: number,
	options: ForecastOptions = {}
): ForecastPairs {
	const { stride = 1, horizon = 1 } = options;
	requireInteger('The horizon', horizon, 1);
	requireInteger('The input length', inputLength, 1);
	const { windows, starts } = makeWindows(series, inputLength + horizon, stride);
	if (windows.length === 0) {
		throw new DataError(
			'series-too-short',
			`The series has ${series.length} values, but one input of ${inputLength} values plus a ` +
				`target ${horizon} step${horizon === 1 ? '' : 's'} ahead needs ${inputLength + horizon}.`,
			{ length: series.length, needed: inputLength + horizon }
		);
	}
	return {
		inputs: windows.map((w) => w.slice(0, inputLength)),
		targets: windows.map((w) => w[w.length - 1]),
		starts
	};
}

/** Forecasting pairs as a many-to-one dataset: one 1-vector per step, a 1-vector target at the end. */
export function forecastDataset(pairs: ForecastPairs): VectorDataset {
	return {
		samples: pairs.inputs.map((input, i) => ({
			inputs: input.map((x) => Float64Array.of(x)),
			targets: input.map((_, t) => (t === input.length - 1 ? Float64Array.of(pairs.targets[i]) : null))
		})),
		inputSize: 1,
		outputSize: 1,
		targetKind: 'vector',
		shape: 'many-to-one'
	};
}

/** The first ⌊n·trainFraction⌋ items for training and the rest for testing; never shuffled. */
export function splitByTime<T>(items: readonly T[], trainFraction: number): { train: T[]; test: T[]; splitIndex: number } {
	requireFinite('The training fraction', trainFraction, 0, 1);
	const splitIndex = Math.floor(items.length * trainFraction);
	return { train: items.slice(0, splitIndex), test: items.slice(splitIndex), splitIndex };
}

/**
 * Forecasting pairs split by time without leaking the future: the series is cut at
 * ⌊n·trainFraction⌋; a pair is for training if its target lies before the cut and for testing
 * otherwise. Test inputs may reach back before the cut: that is the past, which is allowed.
 */
export function forecastSplit(
	series: ArrayLike<number>,
	inputLength: number,
	trainFraction: number,
	options: ForecastOptions = {}
): { train: ForecastPairs; test: ForecastPairs; splitIndex: number } {
	requireFinite('The training fraction', trainFraction, 0, 1);
	const pairs = makeForecastPairs(series, inputLength, options);
	const splitIndex = Math.floor(series.length * trainFraction);
	const targetIndex = inputLength + (options.horizon ?? 1) - 1;
	const pick = (keep: (t: number) => boolean): ForecastPairs => {
		const idx = pairs.starts.map((s, i) => [s + targetIndex, i]).filter(([t]) => keep(t)).map(([, i]) => i);
		return {
			inputs: idx.map((i) => pairs.inputs[i]),
			targets: idx.map((i) => pairs.targets[i]),
			starts: idx.map((i) => pairs.starts[i])
		};
	};
	return { train: pick((t) => t < splitIndex), test: pick((t) => t >= splitIndex), splitIndex };
}

function requireSeries(series: ArrayLike<number>): void {
	if (series === null || typeof series !== 'object' || typeof series.length !== 'number') {
		throw new DataError('invalid-argument', `The series must be a list of numbers, but it is ${show(series)}.`);
	}
	for (let i = 0; i < series.length; i++) {
		const v = series[i];
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			throw new DataError(
				'non-finite',
				`Value number ${i + 1} of the series is ${show(v)}; every value must be a finite number.`,
				{ index: i, value: v }
			);
		}
	}
}

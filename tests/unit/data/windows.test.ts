import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DataError,
	forecastDataset,
	forecastSplit,
	makeForecastPairs,
	makeWindows,
	parseSeries,
	splitByTime,
	windowCount
} from '$lib/engine/data';

const LECTURE = [0, 1, 1, 3, 2, 2, 4, 5, 4, 7, 8, 8, 9];

function errorOf(fn: () => unknown): DataError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DataError);
		return e as DataError;
	}
	throw new Error('expected a DataError');
}

describe('makeWindows (the lecture’s makeSteps)', () => {
	it('length 4, stride 3 gives the lecture’s four windows and drops nothing', () => {
		const out = makeWindows(LECTURE, 4, 3);
		expect(out.windows).toEqual([
			[0, 1, 1, 3],
			[3, 2, 2, 4],
			[4, 5, 4, 7],
			[7, 8, 8, 9]
		]);
		expect(out.starts).toEqual([0, 3, 6, 9]);
		expect(out.droppedTail).toBeNull();
	});
	it('length 5, stride 3 gives three windows and reports the dropped tail', () => {
		const out = makeWindows(Float64Array.from(LECTURE), 5, 3);
		expect(out.windows).toEqual([
			[0, 1, 1, 3, 2],
			[3, 2, 2, 4, 5],
			[4, 5, 4, 7, 8]
		]);
		expect(out.droppedTail).toEqual({ start: 11, values: [8, 9] });
	});
	it('a series shorter than one window gives no windows and drops everything', () => {
		expect(makeWindows([1, 2], 3, 1)).toEqual({ windows: [], starts: [], droppedTail: { start: 0, values: [1, 2] } });
		expect(makeWindows([], 3, 1).droppedTail).toBeNull();
	});
	it('refuses bad lengths, strides and values with a clear message', () => {
		expect(errorOf(() => makeWindows(LECTURE, 0, 1)).message).toMatch(/window length/);
		expect(errorOf(() => makeWindows(LECTURE, 2, 1.5)).message).toMatch(/stride/);
		const e = errorOf(() => makeWindows([1, NaN, 3], 2, 1));
		expect(e.code).toBe('non-finite');
		expect(e.message).toMatch(/Value number 2/);
	});
	it('window count is ⌊(n − length)/stride⌋ + 1 and every window matches the series', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 60 }),
				fc.integer({ min: 1, max: 10 }),
				fc.integer({ min: 1, max: 10 }),
				(series, length, stride) => {
					const out = makeWindows(series, length, stride);
					const expected = series.length >= length ? Math.floor((series.length - length) / stride) + 1 : 0;
					expect(out.windows).toHaveLength(expected);
					expect(windowCount(series.length, length, stride)).toBe(expected);
					out.windows.forEach((w, i) => expect(w).toEqual(series.slice(out.starts[i], out.starts[i] + length)));
					const end = out.starts.length ? out.starts[out.starts.length - 1] + length : 0;
					expect(out.droppedTail?.values ?? []).toEqual(series.slice(end));
					// what is dropped is always too short for another window
					expect((out.droppedTail?.values.length ?? 0) < length + stride).toBe(true);
				}
			)
		);
	});
});

describe('parseSeries', () => {
	it('reads numbers separated by commas, spaces and newlines', () => {
		expect(Array.from(parseSeries('0, 1,1 3\n2\t-2.5, 1e3, .5, +4, −1,'))).toEqual([0, 1, 1, 3, 2, -2.5, 1000, 0.5, 4, -1]);
	});
	it('reports the first bad value with its line, column and position', () => {
		const e = errorOf(() => parseSeries('1, 2, 3\n4, 5x, six'));
		expect(e.code).toBe('parse-error');
		expect(e.details).toMatchObject({ token: '5x', line: 2, column: 4, position: 11, index: 5 });
		expect(e.message).toContain('"5x"');
		expect(e.message).toContain('line 2, column 4');
	});
	it('reports an empty value between two commas', () => {
		const e = errorOf(() => parseSeries('1,,2'));
		expect(e.details).toMatchObject({ position: 2, index: 2 });
	});
	it('refuses NaN, Infinity and numbers too large to store', () => {
		expect(errorOf(() => parseSeries('1 NaN')).details).toMatchObject({ token: 'NaN', index: 2 });
		expect(errorOf(() => parseSeries('Infinity')).code).toBe('parse-error');
		expect(errorOf(() => parseSeries('1e999')).message).toMatch(/too large/);
	});
	it('refuses text with no numbers', () => {
		expect(errorOf(() => parseSeries('  \n ')).code).toBe('empty-input');
	});
	it('round-trips any list of finite numbers', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }), fc.constantFrom(', ', ' ', '\n', ','), (xs, sep) => {
				expect(Array.from(parseSeries(xs.map(String).join(sep)))).toEqual(xs.map((x) => x + 0) /* String(-0) is "0" */);
			})
		);
	});
});

describe('forecasting pairs', () => {
	it('pairs each input window with the value after it', () => {
		const p = makeForecastPairs(LECTURE, 3, { stride: 3 });
		expect(p.inputs).toEqual([
			[0, 1, 1],
			[3, 2, 2],
			[4, 5, 4],
			[7, 8, 8]
		]);
		expect(p.targets).toEqual([3, 4, 7, 9]);
	});
	it('supports a longer horizon and explains a too-short series', () => {
		expect(makeForecastPairs([1, 2, 3, 4], 2, { horizon: 2 }).targets).toEqual([4]);
		expect(errorOf(() => makeForecastPairs([1, 2], 2)).code).toBe('series-too-short');
	});
	it('becomes a many-to-one dataset with a target only at the last step', () => {
		const d = forecastDataset(makeForecastPairs(LECTURE, 3));
		expect(d.samples).toHaveLength(10);
		expect(d.samples[0].inputs.map((v) => v[0])).toEqual([0, 1, 1]);
		expect(d.samples[0].targets[0]).toBeNull();
		expect(Array.from(d.samples[0].targets[2] as Float64Array)).toEqual([3]);
	});
	it('splits by time: no test target comes before any training target', () => {
		const series = Array.from({ length: 20 }, (_, i) => i);
		const { train, test, splitIndex } = forecastSplit(series, 4, 0.75);
		expect(splitIndex).toBe(15);
		expect(Math.max(...train.targets)).toBe(14);
		expect(Math.min(...test.targets)).toBe(15);
		expect(train.targets.length + test.targets.length).toBe(16);
	});
	it('splitByTime keeps order and never shuffles', () => {
		expect(splitByTime([1, 2, 3, 4, 5], 0.6)).toEqual({ train: [1, 2, 3], test: [4, 5], splitIndex: 3 });
		expect(errorOf(() => splitByTime([1], 1.5)).code).toBe('invalid-argument');
	});
});

import { describe, expect, it } from 'vitest';
import {
	cut,
	laneOf,
	LECTURE_SERIES,
	MAX_SERIES,
	readSeries,
	schema,
	seriesText,
	shapeText,
	windowText
} from '$lib/widgets/windows/model';
import { parseQuery, serializeQuery } from '$lib/widgets/params';

const defaults = () => parseQuery(schema, '').values;

describe('window maker', () => {
	it('defaults to the lecture’s 13 numbers, length 4, stride 3', () => {
		const values = defaults();
		expect(values.data).toEqual([0, 1, 1, 3, 2, 2, 4, 5, 4, 7, 8, 8, 9]);
		expect(values.length).toBe(4);
		expect(values.stride).toBe(3);
	});

	it('length 4, stride 3 gives the lecture’s four rows and drops nothing', () => {
		const view = cut(defaults());
		expect(view.windows).toEqual([
			[0, 1, 1, 3],
			[3, 2, 2, 4],
			[4, 5, 4, 7],
			[7, 8, 8, 9]
		]);
		expect(view.starts).toEqual([0, 3, 6, 9]);
		expect(view.droppedTail).toBeNull();
		expect(view.shape).toEqual([4, 4, 1]);
		expect(view.coverage.every((c) => c === 'window')).toBe(true);
	});

	it('length 5, stride 3 gives three rows and drops the tail 8, 9', () => {
		const view = cut({ ...defaults(), length: 5 });
		expect(view.windows).toEqual([
			[0, 1, 1, 3, 2],
			[3, 2, 2, 4, 5],
			[4, 5, 4, 7, 8]
		]);
		expect(view.droppedTail).toEqual({ start: 11, values: [8, 9] });
		expect(view.shape).toEqual([3, 5, 1]);
		expect(view.coverage.slice(11)).toEqual(['dropped', 'dropped']);
		expect(view.coverage.slice(0, 11).every((c) => c === 'window')).toBe(true);
	});

	it('a stride longer than the window skips values between windows', () => {
		const view = cut({ data: LECTURE_SERIES, length: 2, stride: 4 });
		expect(view.windows).toEqual([
			[0, 1],
			[2, 2],
			[4, 7],
			[9]
		].slice(0, 3));
		expect(view.coverage.slice(0, 4)).toEqual(['window', 'window', 'skipped', 'skipped']);
		expect(view.droppedTail).toEqual({ start: 10, values: [8, 8, 9] });
	});

	it('a window longer than the series gives no windows and drops everything', () => {
		const view = cut({ data: [1, 2, 3], length: 4, stride: 1 });
		expect(view.windows).toEqual([]);
		expect(view.shape).toEqual([0, 4, 1]);
		expect(view.droppedTail).toEqual({ start: 0, values: [1, 2, 3] });
	});

	it('overlapping windows are spread over lanes so no two overlapping ones share a lane', () => {
		const view = cut({ data: LECTURE_SERIES, length: 4, stride: 3 });
		expect(view.lanes).toBe(2);
		for (let i = 1; i < view.starts.length; i++) {
			const overlap = view.starts[i] < view.starts[i - 1] + 4;
			if (overlap) expect(laneOf(i, view)).not.toBe(laneOf(i - 1, view));
		}
		expect(cut({ data: LECTURE_SERIES, length: 3, stride: 3 }).lanes).toBe(1);
	});

	it('reads a pasted series with commas, spaces or new lines', () => {
		expect(readSeries('0, 1 1\n3,\t2,')).toEqual({ ok: true, value: [0, 1, 1, 3, 2] });
		expect(readSeries('−1.5 2e3')).toEqual({ ok: true, value: [-1.5, 2000] });
	});

	it('a bad token is named with its position', () => {
		const reading = readSeries('0, 1, abc, 3');
		expect(reading.ok).toBe(false);
		if (!reading.ok) {
			expect(reading.message).toContain('"abc"');
			expect(reading.message).toContain('value number 3');
			expect(reading.message).toContain('column 7');
		}
		const huge = readSeries('1, 1e999');
		expect(huge.ok).toBe(false);
		if (!huge.ok) expect(huge.message).toContain('value number 2');
	});

	it('refuses an empty series, more than the cap, and values a link cannot hold', () => {
		expect(readSeries('   ').ok).toBe(false);
		const tooMany = readSeries(Array.from({ length: MAX_SERIES + 1 }, (_, i) => i).join(','));
		expect(tooMany).toEqual({ ok: false, message: expect.stringContaining(`at most ${MAX_SERIES}`) });
		expect(readSeries(Array.from({ length: MAX_SERIES }, (_, i) => i).join(',')).ok).toBe(true);
		expect(readSeries('1, 2e12').ok).toBe(false);
	});

	it('a pasted series round-trips through a link', () => {
		const reading = readSeries('3.25, -1, 0.1, 7');
		expect(reading.ok).toBe(true);
		if (!reading.ok) return;
		const values = { ...defaults(), data: reading.value, length: 2, stride: 1 };
		const back = parseQuery(schema, serializeQuery(schema, values));
		expect(back.issues).toEqual([]);
		expect(back.values).toEqual(values);
	});

	it('a link with a bad series or a too-long list falls back to the lecture’s series with a message', () => {
		const parsed = parseQuery(schema, 'data=1,2,x&length=0');
		expect(parsed.values.data).toEqual(LECTURE_SERIES);
		expect(parsed.values.length).toBe(4);
		expect(parsed.issues.map((i) => i.param)).toEqual(['data', 'length']);
	});

	it('writes windows, series and shapes as the lecture does', () => {
		expect(windowText([0, 1, 1, 3])).toBe('[0, 1, 1, 3]');
		expect(windowText([-2, 0.5])).toBe('[−2, 0.5]');
		expect(seriesText([0, 1, 1])).toBe('0, 1, 1');
		expect(shapeText([4, 4, 1])).toBe('(4, 4, 1)');
	});
});

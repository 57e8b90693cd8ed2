/**
 * The window maker: a series cut into windows of `length` values, each starting `stride` after
 * the last (the lecture's makeSteps). Cutting and parsing are the data module's; this file only
 * arranges what the view draws.
 */
import { DataError, makeWindows, parseSeries, type Windows } from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';

/** At most this many numbers in a series: a link stays short and a phone stays responsive. */
export const MAX_SERIES = 500;
/** Values must lie within ±VALUE_LIMIT, so every one can be written back into a link. */
export const VALUE_LIMIT = 1e9;
/** Longest window and largest stride. */
export const MAX_LENGTH = 50;
export const MAX_STRIDE = 50;
/** Window rows listed under the chart; the shape always counts every window. */
export const MAX_LISTED = 40;

/** The lecture's 13 numbers. */
export const LECTURE_SERIES = [0, 1, 1, 3, 2, 2, 4, 5, 4, 7, 8, 8, 9];

export const schema = {
	data: {
		kind: 'number-list',
		min: -VALUE_LIMIT,
		max: VALUE_LIMIT,
		minLength: 1,
		maxLength: MAX_SERIES,
		default: LECTURE_SERIES,
		doc: 'The series (at most 500 values; the list shows the first 40 windows, the shape counts all).'
	},
	length: {
		kind: 'int',
		min: 1,
		max: MAX_LENGTH,
		default: 4,
		doc: 'Values per window (time steps per sample).'
	},
	stride: {
		kind: 'int',
		min: 1,
		max: MAX_STRIDE,
		default: 3,
		doc: 'How far each window starts after the previous one; a stride above the length skips values.'
	}
} satisfies Schema;

export type WindowsValues = Values<typeof schema>;
export const controls = ['data', 'length', 'stride'] as const;

/** What each value of the series is in the picture. */
export type Coverage = 'window' | 'skipped' | 'dropped';

export interface WindowView extends Windows {
	n: number;
	/** (windows, length, 1): batch, time steps, features. */
	shape: [number, number, number];
	/** For every index of the series: inside some window, skipped between windows, or in the dropped tail. */
	coverage: Coverage[];
	/** How many windows overlap at most: windows are drawn in this many lanes. */
	lanes: number;
}

export function cut(values: WindowsValues): WindowView {
	const result = makeWindows(values.data, values.length, values.stride);
	const n = values.data.length;
	const coverage = new Array<Coverage>(n).fill('skipped');
	for (const start of result.starts) coverage.fill('window', start, Math.min(n, start + values.length));
	if (result.droppedTail) coverage.fill('dropped', result.droppedTail.start);
	return {
		...result,
		n,
		shape: [result.windows.length, values.length, 1],
		coverage,
		lanes: Math.max(1, Math.ceil(values.length / values.stride))
	};
}

/** The lane a window is drawn in: windows that overlap never share one. */
export function laneOf(index: number, view: Pick<WindowView, 'lanes'>): number {
	return index % view.lanes;
}

export type SeriesReading = { ok: true; value: number[] } | { ok: false; message: string };

/**
 * A series typed or pasted by a student: numbers separated by commas, spaces or new lines.
 * A bad token is named with its position (by the data module); too many numbers, or numbers a
 * link cannot hold, are refused too.
 */
export function readSeries(text: string): SeriesReading {
	let parsed: Float64Array;
	try {
		parsed = parseSeries(text);
	} catch (error) {
		if (error instanceof DataError) return { ok: false, message: error.message };
		throw error;
	}
	if (parsed.length > MAX_SERIES) {
		return {
			ok: false,
			message: `That is ${parsed.length} numbers; the window maker takes at most ${MAX_SERIES}.`
		};
	}
	const big = parsed.findIndex((v) => Math.abs(v) > VALUE_LIMIT);
	if (big >= 0) {
		return {
			ok: false,
			message: `Value number ${big + 1} (${parsed[big]}) is too large: values must lie between −${VALUE_LIMIT.toExponential(0)} and ${VALUE_LIMIT.toExponential(0)}.`
		};
	}
	return { ok: true, value: Array.from(parsed) };
}

/** How the series is written in the text box. */
export function seriesText(series: readonly number[]): string {
	return series.join(', ');
}

/** A window as the lecture writes it: [0, 1, 1, 3]. */
export function windowText(window: readonly number[]): string {
	return `[${window.map(formatValue).join(', ')}]`;
}

/** A value of the series for display: a true minus sign, at most 6 significant figures. */
export function formatValue(v: number): string {
	const text = Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : String(Number(v.toPrecision(6)));
	return text.replace('-', '−');
}

/** A shape as (4, 4, 1). */
export function shapeText(shape: readonly number[]): string {
	return `(${shape.join(', ')})`;
}

/**
 * The window maker: a series cut into windows of `length` values, each starting `stride` after
 * the last (the lecture's makeSteps). Cutting and parsing are the data module's; this file only
 * arranges what the view draws.
 */
import { list, readable } from '$lib/ui/format';
import { makeWindows, type Windows } from '$lib/engine/data';
import { readSeries as readTypedSeries, type SeriesReading } from '$lib/ui/read-series';
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

export type { SeriesReading } from '$lib/ui/read-series';

/** A series typed or pasted by a student, within the window maker's limits. */
export function readSeries(text: string): SeriesReading {
	return readTypedSeries(text, { who: 'the window maker', max: MAX_SERIES, valueLimit: VALUE_LIMIT });
}

/** How the series is written in the text box. */
export function seriesText(series: readonly number[]): string {
	return series.join(', ');
}

/** A window as the lecture writes it: [0, 1, 1, 3]. */
export function windowText(window: readonly number[]): string {
	return list(window, formatValue);
}

/** A value of the series for display: a true minus sign, at most 6 significant figures. */
export function formatValue(v: number): string {
	return readable(v);
}

/** A shape as (4, 4, 1). */
export function shapeText(shape: readonly number[]): string {
	return `(${shape.join(', ')})`;
}

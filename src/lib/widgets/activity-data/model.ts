/**
 * The activity data explorer's state and the pure pieces of its chart: which steps are in view,
 * zooming about a point and panning, the min/max envelope that draws ~60,000 steps as one column
 * per pixel, and the activity bands. The component only draws what these return.
 */
import { ACTIVITIES } from '$lib/engine/data/activity';
import { LECTURE_PEOPLE } from '$lib/activity/lecture';
import { NO_LABEL } from '$lib/activity/recording';
import type { Schema, Values } from '$lib/widgets/params';

/** Narrowest view: 2 s at 50 Hz, enough to see single footfalls. */
export const MIN_SPAN = 100;
export const ZOOM_STEP = 2;

export const schema = {
	person: {
		kind: 'int',
		min: 1,
		max: LECTURE_PEOPLE,
		default: 1,
		doc: `Which synthetic person to show first (1–6: the lecture's training recordings, ${LECTURE_PEOPLE}: the held-out one). The student's own recordings are picked in the widget.`
	},
	from: {
		kind: 'number',
		min: 0,
		max: 100_000,
		default: 0,
		doc: 'Start of the view in seconds.'
	},
	span: {
		kind: 'number',
		min: 0,
		max: 100_000,
		default: 0,
		doc: 'Length of the view in seconds; 0 shows the whole recording (a span longer than what is left after `from` is cut to it).'
	}
} satisfies Schema;

export type ActivityDataValues = Values<typeof schema>;
export const controls = ['person', 'zoom', 'lengths'] as const;

export interface View {
	/** First step shown. */
	start: number;
	/** One past the last step shown. */
	end: number;
}

/** The view for `from` / `span` seconds of a recording of `total` steps. */
export function viewFromSeconds(from: number, span: number, rate: number, total: number): View {
	if (span <= 0) return { start: 0, end: total };
	return clampView({ start: Math.round(from * rate), end: Math.round((from + span) * rate) }, total);
}

/** A view inside [0, total] at least MIN_SPAN wide (or the whole of a shorter recording). */
export function clampView(view: View, total: number): View {
	const span = Math.min(total, Math.max(Math.min(MIN_SPAN, total), Math.round(view.end - view.start)));
	const start = Math.max(0, Math.min(total - span, Math.round(view.start)));
	return { start, end: start + span };
}

/** Zoom by `factor` (< 1 narrows) keeping the step at `anchor` (0 = left edge, 1 = right) in place. */
export function zoomView(view: View, factor: number, anchor: number, total: number): View {
	const span = view.end - view.start;
	const wanted = Math.min(total, Math.max(MIN_SPAN, span * factor));
	const a = Math.max(0, Math.min(1, anchor));
	const at = view.start + a * span;
	return clampView({ start: at - a * wanted, end: at - a * wanted + wanted }, total);
}

/** Move the view by `fraction` of its width (negative: earlier). */
export function panView(view: View, fraction: number, total: number): View {
	const shift = Math.round((view.end - view.start) * fraction);
	return clampView({ start: view.start + shift, end: view.end + shift }, total);
}

export interface Envelope {
	min: Float64Array;
	max: Float64Array;
}

/**
 * For each of `columns` pixel columns, the smallest and largest value of `axis` among the steps
 * that fall in it: drawn as vertical strokes, this shows every spike a polyline of all the steps
 * would, at a cost of one pass over the steps in view.
 */
export function envelope(xyz: Float64Array, axis: number, view: View, columns: number): Envelope {
	const min = new Float64Array(columns).fill(Infinity);
	const max = new Float64Array(columns).fill(-Infinity);
	// Read once: the view is often reactive state, and a read per step through it cost more than the loop.
	const { start, end } = view;
	const perColumn = (end - start) / columns;
	// A live view may reach past the steps recorded so far.
	const last = Math.min(end, xyz.length / 3);
	for (let t = start; t < last; t++) {
		const c = Math.min(columns - 1, Math.floor((t - start) / perColumn));
		const v = xyz[3 * t + axis];
		if (v < min[c]) min[c] = v;
		if (v > max[c]) max[c] = v;
	}
	return { min, max };
}

export interface Band {
	label: number;
	/** First step of the run, and one past its last. */
	start: number;
	end: number;
}

/** Runs of equal labels: the activity bands, in order. */
export function bandsOf(labels: Int8Array): Band[] {
	const bands: Band[] = [];
	let last: Band | null = null;
	for (let t = 0; t < labels.length; t++) {
		if (last && last.label === labels[t]) last.end = t + 1;
		else bands.push((last = { label: labels[t], start: t, end: t + 1 }));
	}
	return bands;
}

/** Bands that overlap the view, cut to it. */
export function bandsInView(bands: readonly Band[], view: View): Band[] {
	return bands
		.filter((b) => b.end > view.start && b.start < view.end)
		.map((b) => ({ label: b.label, start: Math.max(b.start, view.start), end: Math.min(b.end, view.end) }));
}

/** Steps of each activity in the view, for the sentence a screen reader hears. */
export function shareInView(bands: readonly Band[], view: View): { label: number; steps: number }[] {
	const steps = new Map<number, number>();
	for (const b of bandsInView(bands, view)) steps.set(b.label, (steps.get(b.label) ?? 0) + b.end - b.start);
	return [...steps].map(([label, n]) => ({ label, steps: n })).sort((a, b) => b.steps - a.steps);
}

/** Lowest and highest reading over all three axes, so zooming never rescales the chart. */
export function valueRange(xyz: Float64Array): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	// Indexed, not for…of: the array iterator is several times slower over 300,000 values.
	for (let i = 0; i < xyz.length; i++) {
		const v = xyz[i];
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	if (!(hi > lo)) return [lo - 1, lo + 1];
	return [lo, hi];
}

/** “21 min 29.6 s”, “4.00 s”: a duration readable at a glance. */
export function duration(seconds: number): string {
	if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds - 60 * minutes;
	if (minutes < 60) return `${minutes} min ${rest.toFixed(1)} s`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** m:ss.s — a clock position in the recording. */
export function clock(seconds: number): string {
	const m = Math.floor(seconds / 60);
	const s = seconds - 60 * m;
	return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), light and dark in app.css. */
export const ACTIVITY_COLOURS = ['--c-blue', '--c-yellow', '--c-green', '--c-purple', '--c-orange'] as const;
export const LEGEND = [
	...ACTIVITIES.map((name, i) => ({ label: i, name, colour: `var(${ACTIVITY_COLOURS[i]})` })),
	{ label: NO_LABEL, name: 'unlabelled', colour: 'var(--border)' }
];

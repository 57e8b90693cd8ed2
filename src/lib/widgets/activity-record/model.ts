/**
 * The recorder's state and the pure pieces of it: the live window, how far the network's step-by-step answer agrees with the student's own labels,
 * and the names and file names of recordings.
 */
import { ACTIVITIES } from '$lib/engine/data/activity';
import { NO_LABEL } from '$lib/activity/recording';
import type { Schema, Values } from '$lib/widgets/params';
import { exact, fixed, percent } from '$lib/ui/format';
import { duration, type View } from '../activity-data/model';

/** How often the screen-reader summary of a recording in progress is renewed (not every sample). */
export const SUMMARY_EVERY_MS = 4000;

/** With no reading this long after starting, the device has no motion sensor the page can use. */
export const SENSOR_WAIT_MS = 1200;

export const schema = {
	window: {
		kind: 'int',
		min: 2,
		max: 60,
		default: 10,
		doc: 'Seconds of the live chart while recording (the newest at the right).'
	}
} satisfies Schema;

export type ActivityRecordValues = Values<typeof schema>;
export const controls = ['import', 'export'] as const;

/** The newest `seconds` of a recording `steps` long; a shorter one fills the window from the left. */
export function liveView(steps: number, seconds: number, rate: number): View {
	const span = Math.round(seconds * rate);
	return steps < span ? { start: 0, end: span } : { start: steps - span, end: steps };
}

export interface Agreement {
	/** Steps the student labelled. */
	labelled: number;
	/** Of those, steps where the network named the same activity. */
	agreed: number;
	/** Steps the network gave to each activity, over the whole recording. */
	predicted: number[];
}

export function agreement(labels: Int8Array, predicted: Int8Array): Agreement {
	const out: Agreement = { labelled: 0, agreed: 0, predicted: ACTIVITIES.map(() => 0) };
	for (let t = 0; t < predicted.length; t++) {
		out.predicted[predicted[t]]++;
		if (labels[t] === NO_LABEL) continue;
		out.labelled++;
		if (labels[t] === predicted[t]) out.agreed++;
	}
	return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** “Recording 7 Dec 14:05”. */
export function recordingName(date: Date): string {
	const month = date.toLocaleString('en', { month: 'short' });
	return `Recording ${date.getDate()} ${month} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A file name from a recording's name: letters, digits and dashes only. */
export function csvFileName(name: string): string {
	const base = name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `${base || 'recording'}.csv`;
}

/** The activities of `labels` in the order they come, each once after a change (“walking, then running”). */
function sequenceOf(labels: ArrayLike<number>, from: number, to: number): string {
	const names: string[] = [];
	let last: number | null = null;
	for (let t = from; t < to; t++) {
		if (labels[t] === last) continue;
		last = labels[t];
		names.push(last === NO_LABEL ? 'no label' : ACTIVITIES[last]);
	}
	if (names.length > 3) return `${names.slice(0, 2).join(', then ')}, and ${names.length - 2} more changes`;
	return names.join(', then ');
}

/**
 * What a screen reader hears about a recording in progress (renewed every few seconds, not every
 * sample): how long it is, and over the live window the labels tapped, how much the acceleration's
 * size varies, and the network's most frequent answer.
 */
export function liveSummary(o: { steps: number; rate: number; seconds: number; xyz: Float64Array; labels: ArrayLike<number>; predicted: ArrayLike<number> | null }): string {
	const { steps, rate } = o;
	if (steps === 0) return 'Recording: no readings yet.';
	const from = Math.max(0, steps - Math.round(o.seconds * rate));
	const span = steps - from;
	let lo = Infinity;
	let hi = -Infinity;
	for (let t = from; t < steps; t++) {
		const size = Math.hypot(o.xyz[3 * t], o.xyz[3 * t + 1], o.xyz[3 * t + 2]);
		lo = Math.min(lo, size);
		hi = Math.max(hi, size);
	}
	const parts = [`Recording for ${duration(steps / rate)} (${exact(steps)} steps).`, `In the last ${duration(span / rate)}: ${sequenceOf(o.labels, from, steps)}; the acceleration's size varies by ${fixed(hi - lo, 2)} g`];
	if (o.predicted) {
		const counts = ACTIVITIES.map(() => 0);
		for (let t = from; t < steps; t++) if (o.predicted[t] >= 0) counts[o.predicted[t]]++;
		const best = counts.indexOf(Math.max(...counts));
		if (counts[best] > 0) parts[1] += `; the network says ${ACTIVITIES[best]} on ${percent(counts[best] / span, 0)} of these steps`;
	}
	return `${parts[0]} ${parts[1]}.`;
}

/**
 * The recorder's state and the pure pieces of it: the live window, how far the network's step-by-step answer agrees with the student's own labels,
 * and the names and file names of recordings.
 */
import { ACTIVITIES } from '$lib/engine/data/activity';
import { NO_LABEL } from '$lib/activity/recording';
import type { Schema, Values } from '$lib/widgets/params';
import type { View } from '../activity-data/model';

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

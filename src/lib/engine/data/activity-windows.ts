/**
 * Cutting accelerometer recordings into labelled windows for sequence classification, and
 * counting how much of each activity there is.
 *
 * Window inputs are read-only views (`subarray`) into one buffer per recording, so overlapping
 * windows share memory instead of copying it: do not write into them.
 */

import { ACTIVITIES, type ActivityRecording } from './activity';
import { DataError, requireInteger, show } from './errors';
import type { ClassDataset } from './sample';

export interface ActivityWindowOptions {
	/** Steps per window (at 50 Hz, 100 steps = 2 s). */
	length: number;
	/** Steps between window starts; default: `length` (windows do not overlap). */
	stride?: number;
	/**
	 * What the model must answer: the activity at the window's last step ('last', default), the
	 * most common activity in the window ('majority'; ties go to the lower index), both
	 * many-to-one — or the activity at every step ('every', many-to-many).
	 */
	target?: 'last' | 'majority' | 'every';
	/** Leave out windows that contain more than one activity (default false). */
	skipMixed?: boolean;
	/** Leave out windows that contain steps blending two activities (default false). */
	skipTransitions?: boolean;
}

export interface ActivityWindows extends ClassDataset {
	/** For each window: which recording (index in the list given) and its first step. */
	recording: number[];
	starts: number[];
	/** For each window: its one activity for many-to-one targets, or the activity at its last step. */
	labels: number[];
}

/** Each step's (x, y, z) as a 3-vector view into one buffer. */
export function stepVectors(rec: ActivityRecording): Float64Array[] {
	const n = rec.labels.length;
	const buffer = new Float64Array(3 * n);
	for (let t = 0; t < n; t++) {
		buffer[3 * t] = rec.x[t];
		buffer[3 * t + 1] = rec.y[t];
		buffer[3 * t + 2] = rec.z[t];
	}
	return Array.from({ length: n }, (_, t) => buffer.subarray(3 * t, 3 * t + 3));
}

/** Labelled windows from one or more recordings, ready to train on. */
export function activityWindows(
	recordings: ActivityRecording | ActivityRecording[],
	options: ActivityWindowOptions
): ActivityWindows {
	const list = Array.isArray(recordings) ? recordings : [recordings];
	const { length, stride = length, target = 'last', skipMixed = false, skipTransitions = false } = options;
	requireInteger('The window length', length, 1);
	requireInteger('The stride', stride, 1);
	if (target !== 'last' && target !== 'majority' && target !== 'every') {
		throw new DataError('invalid-argument', `target must be 'last', 'majority' or 'every', not ${show(target)}.`);
	}
	const out: ActivityWindows = {
		samples: [],
		inputSize: 3,
		outputSize: ACTIVITIES.length,
		targetKind: 'class',
		shape: target === 'every' ? 'many-to-many' : 'many-to-one',
		classNames: [...ACTIVITIES],
		recording: [],
		starts: [],
		labels: []
	};
	const counts = new Array<number>(ACTIVITIES.length).fill(0);
	list.forEach((rec, index) => {
		const n = rec.labels.length;
		if (n < length) {
			throw new DataError(
				'series-too-short',
				`Recording ${index + 1} has ${n} steps, fewer than one window of ${length}.`,
				{ recording: index, steps: n, length }
			);
		}
		const steps = stepVectors(rec);
		const { labels, transition } = rec;
		for (let start = 0; start + length <= n; start += stride) {
			const end = start + length;
			if (skipTransitions && transition.subarray(start, end).includes(1)) continue;
			counts.fill(0);
			for (let t = start; t < end; t++) counts[labels[t]]++;
			if (skipMixed && counts[labels[start]] !== length) continue;
			const last = labels[end - 1];
			const label = target === 'majority' ? counts.indexOf(Math.max(...counts)) : last;
			const targets: (number | null)[] =
				target === 'every' ? Array.from(labels.subarray(start, end)) : new Array<number | null>(length).fill(null);
			if (target !== 'every') targets[length - 1] = label;
			out.samples.push({ inputs: steps.slice(start, end), targets });
			out.recording.push(index);
			out.starts.push(start);
			out.labels.push(label);
		}
	});
	return out;
}

/** Steps of each activity, in ACTIVITIES order. */
export function activityCounts(labels: ArrayLike<number>): number[] {
	const counts = new Array<number>(ACTIVITIES.length).fill(0);
	for (let i = 0; i < labels.length; i++) {
		const label = labels[i];
		if (!(label >= 0 && label < ACTIVITIES.length) || !Number.isInteger(label)) {
			throw new DataError('invalid-argument', `Label number ${i + 1} is ${show(label)}, not an activity index 0–4.`);
		}
		counts[label]++;
	}
	return counts;
}

/** Share of each activity (sums to 1), in ACTIVITIES order; all zeros for no labels. */
export function activityShares(labels: ArrayLike<number>): number[] {
	const counts = activityCounts(labels);
	return counts.map((c) => (labels.length === 0 ? 0 : c / labels.length));
}

/**
 * Irregular samples (a phone's devicemotion events, the rows of a sensor app's CSV file) to the
 * evenly spaced steps a recurrent network is trained on: step k is at t0 + k / rate, its axes are
 * linearly interpolated between the two samples around that time, and its label is the one in
 * force then (the label of the last sample at or before it: a tap starts an activity).
 *
 * Samples arrive one at a time (live recording) or all at once (a file); both go through push().
 * A sample older than the one before is skipped (browsers may deliver a late event); one with
 * the same time replaces it. A gap in the samples (a phone that paused the page) is bridged by a
 * straight line.
 */

import { NO_LABEL } from './recording';

export interface Resampler {
	/** Adds a sample at `seconds`; returns how many steps it completed (0 when it was skipped). */
	push(seconds: number, x: number, y: number, z: number, label?: number): number;
	/** Steps made so far. */
	readonly length: number;
	/** Interleaved x, y, z of the steps made so far (a view: valid until the next push). */
	xyz(): Float64Array;
	labels(): Int8Array;
}

export function createResampler(rate: number): Resampler {
	if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError('The sample rate must be a positive number.');
	let xyz = new Float64Array(3 * 1024);
	let labels = new Int8Array(1024);
	let length = 0;
	let t0 = NaN;
	let prev: [number, number, number, number, number] | null = null;

	function emit(x: number, y: number, z: number, label: number) {
		if (length === labels.length) {
			const bigger = new Float64Array(xyz.length * 2);
			bigger.set(xyz);
			xyz = bigger;
			const moreLabels = new Int8Array(labels.length * 2);
			moreLabels.set(labels);
			labels = moreLabels;
		}
		xyz[3 * length] = x;
		xyz[3 * length + 1] = y;
		xyz[3 * length + 2] = z;
		labels[length++] = label;
	}

	return {
		push(t, x, y, z, label = NO_LABEL) {
			if (![t, x, y, z].every(Number.isFinite)) return 0;
			if (prev === null) {
				t0 = t;
				prev = [t, x, y, z, label];
				emit(x, y, z, label);
				return 1;
			}
			const [pt, px, py, pz, pl] = prev;
			if (t < pt) return 0;
			if (t === pt) {
				prev = [t, x, y, z, label];
				return 0;
			}
			const before = length;
			// Times from t0 + k / rate, not by adding 1 / rate up, so long recordings do not drift.
			for (let next = t0 + length / rate; next <= t; next = t0 + length / rate) {
				const f = (next - pt) / (t - pt);
				emit(px + f * (x - px), py + f * (y - py), pz + f * (z - pz), next === t ? label : pl);
			}
			prev = [t, x, y, z, label];
			return length - before;
		},
		get length() {
			return length;
		},
		xyz: () => xyz.subarray(0, 3 * length),
		labels: () => labels.subarray(0, length)
	};
}

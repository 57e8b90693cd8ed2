/**
 * One 3-axis accelerometer recording, the unit that lesson 13's widgets pass around: the synthetic
 * people of `engine/data/activity.ts`, a phone recording, or an imported CSV file all become this.
 *
 * Acceleration is in g (including gravity, as the synthetic data and the lecture's sensor are);
 * phone APIs and CSV files in m/s² are converted on the way in (÷ STANDARD_GRAVITY).
 */

import { ACTIVITIES } from '$lib/engine/data/activity';

export const STANDARD_GRAVITY = 9.80665;
/** Unlabelled step (a phone recording before the student tapped an activity). */
export const NO_LABEL = -1;

export interface Recording {
	id: string;
	name: string;
	source: 'synthetic' | 'recorded' | 'imported';
	/** Samples per second; every step is 1/rate seconds after the one before. */
	rate: number;
	/** x, y, z of step t at 3t, 3t + 1, 3t + 2. */
	xyz: Float64Array;
	/** Index into ACTIVITIES per step, or NO_LABEL. */
	labels: Int8Array;
	/** Milliseconds since 1970 when it was made or imported (absent for synthetic data). */
	createdAt?: number;
}

export function stepCount(recording: Recording): number {
	return recording.labels.length;
}

export function activityName(label: number): string {
	return label === NO_LABEL ? 'unlabelled' : ACTIVITIES[label];
}

/**
 * Lecture 000's dataset shape, made by the synthetic generator: 7 people at 50 Hz, the first six
 * (the training set) recorded for exactly the lecture's numbers of steps, the seventh held out.
 * The lengths are given to the generator; pages read them back from the recordings it made.
 */
import { generateActivityData, type ActivityData, type ActivityRecording } from '$lib/engine/data/activity';
import { NO_LABEL, type Recording } from './recording';

import { LECTURE_LENGTHS, LECTURE_PEOPLE, LECTURE_RATE } from './constants';

export { LECTURE_LENGTHS, LECTURE_PEOPLE, LECTURE_RATE };
/** The seed of the site's copy of the lecture's data (any seed gives the same lengths). */
export const LECTURE_SEED = 'lecture-000';

/** Everyone's recording; `train` holds the first six people, `test` the seventh. */
export function lectureData(seed: number | string = LECTURE_SEED): ActivityData {
	return generateActivityData({ seed, people: LECTURE_PEOPLE, sampleRate: LECTURE_RATE, lengths: LECTURE_LENGTHS });
}

/**
 * What the network reads from a step (x, y, z in g): the axes less 1 g on y (gravity along the
 * phone's long axis, upright in the pocket of someone standing) and times 4, so they spread over about ±1 — the raw movements of 0.2–0.4 g
 * are small next to gravity and trained slowly. The trainer and the recorder's classifier both
 * use this one function.
 */
export const INPUT_CENTRE = [0, 1, 0] as const;
export const INPUT_SCALE = 4;

export function networkInputs(xyz: Float64Array): Float64Array {
	const out = new Float64Array(xyz.length);
	for (let i = 0; i < xyz.length; i++) out[i] = (xyz[i] - INPUT_CENTRE[i % 3]) * INPUT_SCALE;
	return out;
}

/** A synthetic person's recording in the shared Recording shape (x, y, z interleaved). */
export function toRecording(recording: ActivityRecording): Recording {
	const n = recording.labels.length;
	const xyz = new Float64Array(3 * n);
	const labels = new Int8Array(n);
	for (let t = 0; t < n; t++) {
		xyz[3 * t] = recording.x[t];
		xyz[3 * t + 1] = recording.y[t];
		xyz[3 * t + 2] = recording.z[t];
		labels[t] = recording.labels[t] ?? NO_LABEL;
	}
	return { id: `synthetic-${recording.person.id}`, name: recording.person.name, source: 'synthetic', rate: recording.sampleRate, xyz, labels };
}

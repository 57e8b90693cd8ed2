/**
 * Naming every step of a finished recording with the trained network, for the training worker:
 * a job that runs the recording through the network a chunk at a time (`createChunkPredictor`,
 * state carried from chunk to chunk, from h0/c0) and stops whenever its caller's time slice is
 * up, so the worker still reads its messages. The answer is exactly the whole-recording pass
 * (`classifyRecording`) and the live, step-by-step one (`createStepClassifier`).
 */
import { createChunkPredictor, denseSequence, type Network } from '$lib/engine';
import { ACTIVITY_COUNT, LECTURE_RATE } from './constants';
import { networkInputs } from './lecture';

/** Steps per engine call. */
export const CLASSIFY_CHUNK = 500;

export function argmax(y: ArrayLike<number>, from = 0, count = y.length): number {
	let best = 0;
	for (let k = 1; k < count; k++) if (y[from + k] > y[from + best]) best = k;
	return best;
}

/** Throws a sentence unless the network reads x, y, z and names the five activities. */
export function checkActivityNetwork(network: Network): void {
	if (network.inputSize !== 3 || network.outputSize !== ACTIVITY_COUNT) {
		throw new Error(`This network reads ${network.inputSize} numbers and names ${network.outputSize} classes; an activity network reads x, y, z and names ${ACTIVITY_COUNT} activities.`);
	}
}

/** Throws a sentence unless the recording has the training data's rate. */
export function checkTrainingRate(rate: number): void {
	if (rate !== LECTURE_RATE) throw new Error(`The recording has ${rate} samples per second; resample it to ${LECTURE_RATE} (the training data's rate) first.`);
}

export interface ClassifyJob {
	/** Steps named so far, as a fraction of the recording. */
	readonly fraction: number;
	/** Names steps until done (returns every step's activity) or until `shouldYield()` (returns null). */
	advance(shouldYield: () => boolean): Int8Array | null;
}

/** `xyz`: x, y, z interleaved in g at `rate` samples per second. */
export function createClassifyJob(network: Network, xyz: Float64Array, rate: number): ClassifyJob {
	checkActivityNetwork(network);
	checkTrainingRate(rate);
	const steps = Math.floor(xyz.length / 3);
	const out = new Int8Array(steps);
	const inputs = steps > 0 ? denseSequence(networkInputs(xyz.subarray(0, 3 * steps)), 3) : null;
	const predictor = steps > 0 ? createChunkPredictor(network, CLASSIFY_CHUNK) : null;
	const K = network.outputSize;
	let position = 0;
	return {
		get fraction() {
			return steps ? position / steps : 1;
		},
		advance(shouldYield) {
			while (position < steps) {
				const count = Math.min(CLASSIFY_CHUNK, steps - position);
				const Y = predictor!.run(inputs!, position, count);
				for (let i = 0; i < count; i++) out[position + i] = argmax(Y, i * K, K);
				position += count;
				if (position < steps && shouldYield()) return null;
			}
			return out;
		}
	};
}

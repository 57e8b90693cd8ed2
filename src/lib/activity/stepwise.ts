/**
 * Naming every step of a finished recording with the trained network, a slice at a time so a
 * long recording never holds up the page: the same step-by-step reading the recorder does live
 * (`createStepClassifier`), from a fresh state.
 */
import type { Network } from '$lib/engine';
import { createStepClassifier } from './classify';
import { stepCount, type Recording } from './recording';

export const SLICE_STEPS = 400;

const nextTask = () => new Promise<void>((done) => setTimeout(done, 0));

/** Resolves to the activity of every step, or null when `cancelled()` turned true on the way. */
export async function classifyInSlices(
	network: Network,
	recording: Recording,
	onProgress: (fraction: number) => void = () => {},
	cancelled: () => boolean = () => false,
	pause: () => Promise<void> = nextTask
): Promise<Int8Array | null> {
	const classifier = createStepClassifier(network);
	const xyz = recording.xyz;
	const out = new Int8Array(stepCount(recording));
	for (let t = 0; t < out.length; ) {
		const end = Math.min(out.length, t + SLICE_STEPS);
		for (; t < end; t++) out[t] = classifier.step(xyz[3 * t], xyz[3 * t + 1], xyz[3 * t + 2]);
		onProgress(t / out.length);
		await pause();
		if (cancelled()) return null;
	}
	return out;
}

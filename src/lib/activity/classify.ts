/**
 * Classifying a recording step by step with the network the activity trainer trained: what the
 * recorder uses to name what the student was doing. The network reads one (x, y, z) step at a
 * time and keeps its state, exactly as during training (state carried from chunk to chunk), and
 * reads the steps as the trainer fed them (`networkInputs`).
 */
import { createStepper, predict, denseSequence, fromJSON, type Network } from '$lib/engine';
import { browserStorage, latestRun, readKeptRun, type StorageLike } from '$lib/widgets/saved-runs';
import { INPUT_CENTRE, INPUT_SCALE, networkInputs } from './lecture';
import { stepCount, type Recording } from './recording';
import { argmax, checkActivityNetwork as checkShape, checkTrainingRate } from './stepwise';

import { ACTIVITY_COUNT, LECTURE_RATE, TRAINER_WIDGET } from './constants';

export { TRAINER_WIDGET };
/** Samples per second the trainer's data have: recordings must be resampled to it first. */
export const TRAINING_RATE = LECTURE_RATE;

export interface TrainedActivityNetwork {
	network: Network;
	/** When the trainer kept it (ISO date). */
	savedAt: string;
	/** Hidden units, for a sentence such as “an LSTM of 100 units”. */
	units: number;
}

/** The network the activity trainer kept last in this browser, or null when it has kept none. */
export async function latestActivityNetwork(storage: StorageLike | null = browserStorage()): Promise<TrainedActivityNetwork | null> {
	const found = latestRun(storage, TRAINER_WIDGET);
	if (!found) return null;
	const run = await readKeptRun(found.data);
	if (!run) return null;
	const network = fromJSON(run.network);
	if (network.inputSize !== 3 || network.outputSize !== ACTIVITY_COUNT) return null;
	return { network, savedAt: found.savedAt, units: network.layers[0].hiddenSize };
}

/** The most likely activity (index into ACTIVITIES) at every step of a recording, from h0/c0. */
export function classifyRecording(network: Network, recording: Recording): Int8Array {
	checkShape(network);
	checkTrainingRate(recording.rate);
	const out = new Int8Array(stepCount(recording));
	if (out.length === 0) return out;
	const outputs = predict(network, denseSequence(networkInputs(recording.xyz), 3));
	for (let t = 0; t < out.length; t++) out[t] = argmax(outputs[t]);
	return out;
}

/** For a live recording: feed each new step as it arrives, get its activity back. */
export function createStepClassifier(network: Network): { step(x: number, y: number, z: number): number; reset(): void } {
	checkShape(network);
	const stepper = createStepper(network);
	const input = new Float64Array(3);
	return {
		step(x, y, z) {
			input[0] = (x - INPUT_CENTRE[0]) * INPUT_SCALE;
			input[1] = (y - INPUT_CENTRE[1]) * INPUT_SCALE;
			input[2] = (z - INPUT_CENTRE[2]) * INPUT_SCALE;
			return argmax(stepper.step(input));
		},
		reset: () => stepper.reset()
	};
}

/**
 * Section L's data and starting weights for a peer library (`bench/peers/tfjs-activity.mjs`, run
 * under tsx): the site's synthetic lecture data from the engine's own generator, cut into the
 * streams the activity trainer's lecture setup trains on, the seeded network it starts from, and
 * the held-out person scored by the trainer's own judge. Built from the trainer's modules so the
 * peer cannot drift from what the engine side (`activity-epoch.ts`) trains.
 */
import { lectureData, networkInputs, toRecording } from '../src/lib/activity/lecture';
import { createJudge } from '../src/lib/activity/judge';
import { ACTIVITIES } from '../src/lib/engine/data/activity';
import { seededNetwork } from '../src/lib/training/network';
import { streamBounds } from '../src/lib/training/activity-steps';
import { configOf, longestStream, SETUPS, schema, updatesPerEpoch } from '../src/lib/widgets/activity-trainer/model';
import { defaults } from '../src/lib/widgets/params';

export interface LectureStream {
	/** Network inputs (x, y, z interleaved, after `networkInputs`). */
	inputs: Float64Array;
	labels: Uint8Array;
}

/** The lecture setup as the activity trainer builds it (`configOf`, seed 1, chunks of 50). */
export function lectureSetup() {
	const config = configOf({ ...defaults(schema), setup: 'lecture', epochs: 1, seed: 1 });
	const { people, streams: count } = SETUPS.lecture;
	const data = lectureData();
	// As createPerStepSession: the last person is held out, the first `people` others train.
	const heldOut = data.recordings[data.recordings.length - 1];
	const training = data.recordings.slice(0, -1).slice(0, people);
	// As its streamsOf (not `even`): each recording cut into round(count / people) contiguous streams,
	// all starting at the epoch's first update; a stream that has ended sits out the updates left.
	const streams: LectureStream[] = [];
	for (const r of training) {
		const inputs = networkInputs(toRecording(r).xyz);
		for (const [start, end] of streamBounds(r.labels.length, count, training.length)) {
			streams.push({ inputs: inputs.subarray(3 * start, 3 * end), labels: r.labels.subarray(start, end) });
		}
	}
	const chunk = config.tbptt;
	const updates = Math.ceil(Math.max(...streams.map((s) => s.labels.length)) / chunk);
	// The trainer's own count: a different cut here would be a different benchmark.
	if (updates !== updatesPerEpoch(longestStream('lecture'), chunk)) throw new Error(`bench L: ${updates} updates per epoch here, the trainer counts ${updatesPerEpoch(longestStream('lecture'), chunk)}`);
	return {
		config,
		streams,
		chunk,
		updatesPerEpoch: updates,
		timeSteps: streams.reduce((sum, s) => sum + s.labels.length, 0),
		classes: ACTIVITIES.length,
		initial: initialWeights(config),
		heldOut: {
			name: heldOut.person.name,
			inputs: networkInputs(toRecording(heldOut).xyz),
			labels: heldOut.labels,
			transition: heldOut.transition
		}
	};
}

/**
 * The seeded network the trainer starts from, in Keras' layout: LSTM `kernel` [I, 4H],
 * `recurrentKernel` [H, 4H], one `bias` [4H] (gate order i, f, g, o in both), dense `kernel` [H, O]
 * and `bias` [O]; the engine stores W [4H × I], U [4H × H] and the head [O × H] row-major.
 */
function initialWeights(config: ReturnType<typeof configOf>) {
	const network = seededNetwork(config);
	const layer = network.layers[0];
	const { inputSize: I, hiddenSize: H } = layer;
	const O = network.outputSize;
	const p = network.params;
	const transpose = (offset: number, rows: number, cols: number) => {
		const out = new Float32Array(rows * cols);
		for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = p[offset + r * cols + c];
		return out;
	};
	return {
		inputSize: I,
		hiddenSize: H,
		parameters: p.length,
		kernel: transpose(layer.offWx, 4 * H, I),
		recurrentKernel: transpose(layer.offWh, 4 * H, H),
		bias: Float32Array.from(p.subarray(layer.offB, layer.offB + 4 * H)),
		denseKernel: transpose(network.head.offW, O, H),
		denseBias: Float32Array.from(p.subarray(network.head.offB, network.head.offB + O))
	};
}

/**
 * Update `u`'s batch: every stream's chunk [u·chunk, u·chunk + chunk), zero-padded past a stream's
 * end, with a weight per step that makes the weighted sum of per-step cross-entropies the engine's
 * loss: the mean over the streams that still run of each stream's mean over its steps in the chunk.
 * Targets are one-hot rows times that weight (a padded step's row is all zeros).
 */
export function chunkBatch(streams: readonly LectureStream[], u: number, chunk: number, classes: number) {
	const B = streams.length;
	const x = new Float32Array(B * chunk * 3);
	const y = new Float32Array(B * chunk * classes);
	const from = u * chunk;
	const running = streams.filter((s) => s.labels.length > from).length;
	streams.forEach((s, b) => {
		const steps = Math.max(0, Math.min(chunk, s.labels.length - from));
		for (let t = 0; t < steps; t++) {
			const row = b * chunk + t;
			for (let k = 0; k < 3; k++) x[row * 3 + k] = s.inputs[3 * (from + t) + k];
			y[row * classes + s.labels[from + t]] = 1 / (steps * running);
		}
	});
	return { x, y, running };
}

/** Scores predicted activities for the held-out person's every step, as the trainer's evaluation does. */
export function judgeHeldOut(heldOut: ReturnType<typeof lectureSetup>['heldOut'], predicted: Int8Array) {
	const judge = createJudge(heldOut.labels, heldOut.transition);
	judge.add(0, predicted);
	const r = judge.result();
	return { accuracy: r.accuracy, near: r.near.accuracy, elsewhere: r.elsewhere.accuracy };
}

// @ts-check
/**
 * TensorFlow.js peer of section L: `node --import tsx bench/peers/tfjs-activity.mjs --variant cpu|wasm
 * [--quick] [--updates N]` (tsx: it reads the data and starting weights from the site's own modules
 * through `bench/activity-data.ts`).
 *
 * Lecture 000's setup written the way a Keras/tfjs user writes it: `tf.layers.lstm` (100 units,
 * `returnSequences`, `stateful` with a batch of the 12 streams, so each update starts from the
 * state the previous chunk ended in and the gradient stops there) → `timeDistributed(dense(5))`,
 * per-step softmax cross-entropy, Adam. Where the Layers API has no switch for what the engine
 * does, the training step is written out: `tf.variableGrads` on a weighted sum of per-step losses
 * (the engine's mean over running streams of each stream's mean over its chunk; a stream that has
 * ended is zero-padded with weight 0), gradients clipped to global norm 5 as the trainer does, then
 * `optimizer.applyGradients`. The same seeded starting weights as the engine (sigmoid gates, no
 * forget-bias offset), the same 645 updates an epoch, the state reset at each epoch's start (where
 * every stream starts). Only training is timed; then the held-out person's whole recording runs
 * through a copy of the network with batch 1 in stateful chunks of 500 steps, every step scored by
 * the trainer's judge. `--updates N` times the epoch's first N updates only (one stretch, no held-out
 * pass) and extrapolates the epoch's time from them.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './tfjs-backend.mjs';
import { emitResult } from '../workloads.mjs';
import { chunkBatch, judgeHeldOut, lectureSetup } from '../activity-data.ts';

const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const backend = flag('--variant') || 'cpu';
const quick = argv.includes('--quick');
const epochs = quick ? 1 : 2;
const backendNote = await useBackend(backend);

const setup = lectureSetup();
const { streams, chunk, classes: O, initial, config } = setup;
const limit = Math.min(setup.updatesPerEpoch, Number(flag('--updates') ?? setup.updatesPerEpoch));
if (!(limit >= 1)) throw new Error('--updates needs a whole number of at least 1');
const partial = limit < setup.updatesPerEpoch;
const B = streams.length;
const I = initial.inputSize;
const H = initial.hiddenSize;

/** @param {number} batch @param {number} steps */
function lstmNetwork(batch, steps) {
	const model = tf.sequential();
	model.add(tf.layers.lstm({ units: H, returnSequences: true, stateful: true, batchInputShape: [batch, steps, I], recurrentActivation: 'sigmoid', unitForgetBias: false, kernelInitializer: 'zeros', recurrentInitializer: 'zeros' }));
	model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: O }) }));
	return model;
}

const model = lstmNetwork(B, chunk);
model.setWeights([
	tf.tensor2d(initial.kernel, [I, 4 * H]),
	tf.tensor2d(initial.recurrentKernel, [H, 4 * H]),
	tf.tensor1d(initial.bias),
	tf.tensor2d(initial.denseKernel, [H, O]),
	tf.tensor1d(initial.denseBias)
]);
const parameters = model.countParams();
if (parameters !== initial.parameters) throw new Error(`tfjs model has ${parameters} parameters, the engine's ${initial.parameters}`);
const variables = model.trainableWeights.map((w) => /** @type {tf.Variable} */ (w.read()));
const optimizer = tf.train.adam(config.lr, 0.9, 0.999, 1e-8);
const clip = config.clip;

// Batches are built before the clock starts, as the engine's streams are prepared before its epoch.
const batches = Array.from({ length: limit }, (_, u) => chunkBatch(streams, u, chunk, O));

/** One update: returns the loss (the engine's: mean over running streams of their chunk means). */
function update(/** @type {ReturnType<typeof chunkBatch>} */ batch) {
	return tf.tidy(() => {
		const x = tf.tensor3d(batch.x, [B, chunk, I]);
		const y = tf.tensor3d(batch.y, [B, chunk, O]);
		const { value, grads } = tf.variableGrads(() => {
			const logits = /** @type {tf.Tensor} */ (model.apply(x, { training: true }));
			return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits))));
		}, variables);
		const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
		const factor = tf.minimum(1, tf.div(clip, tf.add(norm, 1e-6)));
		optimizer.applyGradients(Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, factor)])));
		return value.dataSync()[0];
	});
}

const evalSteps = 500;
const evaluator = lstmNetwork(1, evalSteps);

/** Per-step accuracy on the held-out person, the state carried through the whole recording. */
function heldOutAccuracy() {
	const { inputs, labels } = setup.heldOut;
	evaluator.setWeights(model.getWeights());
	/** @type {tf.layers.RNN} */ (evaluator.layers[0]).resetStates();
	const predicted = new Int8Array(labels.length);
	for (let from = 0; from < labels.length; from += evalSteps) {
		const steps = Math.min(evalSteps, labels.length - from);
		const x = new Float32Array(evalSteps * I);
		x.set(inputs.subarray(I * from, I * (from + steps)));
		const best = tf.tidy(() => tf.argMax(/** @type {tf.Tensor} */ (evaluator.predict(tf.tensor3d(x, [1, evalSteps, I]))), -1).dataSync());
		predicted.set(best.subarray(0, steps), from);
	}
	return judgeHeldOut(setup.heldOut, predicted);
}

const lstm = /** @type {tf.layers.RNN} */ (model.layers[0]);
const rows = [];
let trainSeconds = 0;
let trainCpuSeconds = 0;
for (let e = 1; e <= epochs; e++) {
	lstm.resetStates(); // every stream starts at the epoch's start
	/** @type {number[]} */
	const losses = [];
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	for (const batch of batches) losses.push(update(batch));
	const seconds = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpu0);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	trainSeconds += seconds;
	trainCpuSeconds += cpuSeconds;
	if (!losses.every(Number.isFinite)) throw new Error(`tfjs ${backend}: the loss is not finite in epoch ${e}`);
	const t1 = performance.now();
	// After part of an epoch the held-out figure would not be the epoch's: not measured (it takes a minute or more).
	const scores = partial ? { accuracy: null, near: null, elsewhere: null } : heldOutAccuracy();
	const recent = losses.slice(-50);
	rows.push({ epoch: e, trainSeconds: seconds, cpuSeconds, evalSeconds: (performance.now() - t1) / 1000, ...scores, loss: recent.reduce((a, b) => a + b, 0) / recent.length });
	const judged = scores.accuracy === null ? 'no held-out pass' : `held-out per-step accuracy ${(100 * scores.accuracy).toFixed(1)}%`;
	console.error(`L tfjs-${backend}: epoch ${e}: ${limit} of ${setup.updatesPerEpoch} updates in ${seconds.toFixed(1)} s, ${judged}`);
	if (partial) break; // one timed stretch is the figure; a second would start the streams again
}

emitResult({
	epochs: rows,
	updatesPerEpoch: setup.updatesPerEpoch,
	updatesTrained: limit,
	partial,
	updatesPerSec: (limit * rows.length) / trainSeconds,
	cpuUpdatesPerSec: (limit * rows.length) / trainCpuSeconds,
	// the whole epoch at the measured speed (the same as measured when it trained every update)
	epochSeconds: (setup.updatesPerEpoch * trainSeconds) / (limit * rows.length),
	epochCpuSeconds: (setup.updatesPerEpoch * trainCpuSeconds) / (limit * rows.length),
	parameters,
	note: `${backendNote}; Layers API LSTM (stateful, batch ${B}) + timeDistributed dense, Adam with the gradient clipped to norm ${clip}`,
	tensorsAlive: tf.memory().numTensors
});

// @ts-check
/**
 * TensorFlow.js peer: `node bench/peers/tfjs.mjs --variant cpu|wasm --workload A [--quick]`.
 *
 * Written the way tfjs users write a hand-rolled recurrent net: tf.variable weights created once
 * (hoisted out of the loop), the time loop unrolled inside `optimizer.minimize`, plain SGD.
 * Per step: one-hot row × Wxh + h × Whh (RNN, tanh) or `tf.basicLSTMCell` (LSTM, fused
 * [x,h] kernel); the hidden states are concatenated and the softmax head runs once over all
 * steps (loss every step) or on the last state only (D). tfjs computes in float32.
 */
import * as tf from '@tensorflow/tfjs'; // the union bundle: core + cpu backend + all gradients
import { useBackend } from './tfjs-backend.mjs';
import { childArgs, emitResult, makeSequences, measure, timingOptions, LEARNING_RATE } from '../workloads.mjs';

const { workload: w, quick, variant } = childArgs();
const backend = variant || 'cpu';

const backendNote = await useBackend(backend);

const H = w.hiddenSize;
const I = w.inputSize;
const V = w.classes;
const init = (/** @type {number[]} */ shape) => tf.variable(tf.randomNormal(shape, 0, 0.08));

function makeModel() {
	if (w.cell === 'rnn') {
		return {
			Wxh: init([I, H]),
			Whh: init([H, H]),
			bh: tf.variable(tf.zeros([H])),
			Why: init([H, V]),
			by: tf.variable(tf.zeros([V]))
		};
	}
	return {
		kernel: init([I + H, 4 * H]),
		bias: tf.variable(tf.zeros([4 * H])),
		Why: init([H, V]),
		by: tf.variable(tf.zeros([V]))
	};
}

/** Inputs as T tensors of shape [1, I] and targets as one-hot rows, built once (tf.keep'd). */
const data = makeSequences(w).map((seq) =>
	tf.tidy(() => {
		const xs = w.oneHotInput
			? tf.unstack(tf.cast(tf.oneHot(tf.tensor1d(seq.inputIndices, 'int32'), I), 'float32')).map((x) => tf.reshape(x, [1, I]))
			: seq.inputVectors.map((v) => tf.tensor2d([v]));
		const ys = tf.cast(tf.oneHot(tf.tensor1d(seq.targets, 'int32'), V), 'float32');
		xs.forEach((x) => tf.keep(x));
		tf.keep(ys);
		return { xs, ys };
	})
);

const models = [makeModel(), makeModel()];
const optimizer = tf.train.sgd(LEARNING_RATE);
const forgetBias = tf.scalar(1);
const zeros = tf.zeros([1, H]);

/** @param {any} m @param {{ xs: tf.Tensor2D[], ys: tf.Tensor2D }} d */
function loss(m, d) {
	let h = zeros;
	let c = zeros;
	/** @type {tf.Tensor2D[]} */
	const hs = [];
	for (const x of d.xs) {
		if (w.cell === 'rnn') {
			h = tf.tanh(tf.add(tf.add(tf.matMul(x, m.Wxh), tf.matMul(h, m.Whh)), m.bh));
		} else {
			[c, h] = tf.basicLSTMCell(forgetBias, m.kernel, m.bias, x, c, h);
		}
		if (w.lossEveryStep) hs.push(h);
	}
	const states = w.lossEveryStep ? tf.concat(hs, 0) : h;
	const logits = tf.add(tf.matMul(states, m.Why), m.by);
	return tf.losses.softmaxCrossEntropy(d.ys, logits, undefined, undefined, tf.Reduction.SUM);
}

let n = 0;
const result = measure((count) => {
	for (let i = 0; i < count; i++, n++) {
		const m = models[n % 2];
		const d = data[n % data.length];
		optimizer.minimize(() => /** @type {tf.Scalar} */ (loss(m, d)), false, Object.values(m));
	}
	models[0].Why.dataSync(); // make sure all queued work is done (cpu and wasm are synchronous anyway)
}, timingOptions(quick));

const note =
	backendNote +
	(w.cell === 'lstm' ? '; tf.basicLSTMCell (forget bias +1)' : '');
emitResult({ ...result, note, tensorsAlive: tf.memory().numTensors });

/**
 * Checks and variations of one gradient, for the BPTT lesson: a central finite difference to set
 * beside the analytic gradient (and beside each of its terms), the gradient truncated to the last K steps, the total loss
 * J = Σ_t J_t split into each step's own gradient, and the explicit derivative ∂⁺h_k/∂W.
 *
 * Every function works on a copy of the network; none changes the one it is given.
 */

import { tanhDerivativeFromOutput } from './activations';
import { gradientChain } from './chain';
import { EngineError } from './errors';
import { prepareLoss, type LossSpec, type PreparedLoss } from './loss';
import { cloneNetwork, type Layer, type Network, type ParameterSlot } from './network';
import { toSequence, type InputsLike, type Sequence } from './sequence';
import { forward, gradient, lossOf, type Trace } from './trace';

export interface ParamRef {
	/** Layer index (0-based); defaults to the top layer, the one the loss reads. */
	layer?: number;
	/** Reference name, e.g. `Whh`, `Wxh`, `bh`. */
	param: string;
}

function slotOf(network: Network, ref: ParamRef): { layer: Layer; slot: ParameterSlot } {
	const index = ref.layer ?? network.layers.length - 1;
	const layer = network.layers[index];
	if (!layer) throw new EngineError('invalid-argument', `There is no layer ${index + 1}; this network has ${network.layers.length}.`);
	const slot = layer.slots.find((s) => s.name === ref.param);
	if (!slot) {
		throw new EngineError('invalid-argument', `Layer ${index + 1} has no parameter "${ref.param}"; it has ${layer.slots.map((s) => s.name).join(', ')}.`);
	}
	return { layer, slot };
}

/** The loss L_T alone: step T's target (1-based), no other, summed. */
export function lossAtStep(loss: LossSpec | PreparedLoss, steps: number, outputSize: number, step: number): PreparedLoss {
	const all = prepareLoss(loss, steps, outputSize);
	if (!Number.isInteger(step) || step < 1 || step > steps || all.mask[step - 1] === 0) {
		throw new EngineError('invalid-argument', `Step ${step} has no target, so it has no loss L_${step}.`);
	}
	const targets = Array.from({ length: steps }, (_, t) =>
		t !== step - 1 ? null : all.classes ? all.classes[t] : (all.values as Float64Array).slice(t * outputSize, (t + 1) * outputSize)
	);
	return prepareLoss({ kind: all.kind, reduction: 'sum', targets }, steps, outputSize);
}

/**
 * Central differences (L(θ + ε) − L(θ − ε)) / 2ε of the loss for each entry of one parameter
 * (all entries, or only `entries`; the others are NaN-free zeros). The error is O(ε²) plus
 * rounding of about 1e-16/ε, so ε = 1e-6 agrees with the analytic gradient to about ten digits.
 */
export function finiteDifference(
	network: Network,
	inputs: InputsLike,
	loss: LossSpec | PreparedLoss,
	options: ParamRef & { epsilon?: number; entries?: readonly number[] }
): Float64Array {
	const epsilon = options.epsilon ?? 1e-6;
	if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new EngineError('invalid-argument', 'ε must be a positive number.');
	const copy = cloneNetwork(network);
	const { slot } = slotOf(copy, options);
	const size = slot.rows * slot.cols;
	const out = new Float64Array(size);
	const entries = options.entries ?? Array.from({ length: size }, (_, i) => i);
	for (const i of entries) {
		if (!Number.isInteger(i) || i < 0 || i >= size) throw new EngineError('invalid-argument', `${options.param} has no entry ${i}.`);
		const at = slot.offset + i;
		const kept = copy.params[at];
		copy.params[at] = kept + epsilon;
		const up = lossOf(copy, inputs, loss);
		copy.params[at] = kept - epsilon;
		const down = lossOf(copy, inputs, loss);
		copy.params[at] = kept;
		out[i] = (up - down) / (2 * epsilon);
	}
	return out;
}

/** |a − b| / max(|a|, |b|), and 0 when both are 0: how many digits two numbers share. */
export function relativeDifference(a: number, b: number): number {
	const scale = Math.max(Math.abs(a), Math.abs(b));
	return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

function sliceInputs(sequence: Sequence, start: number, steps: number): Sequence {
	return {
		steps,
		size: sequence.size,
		dense: sequence.dense ? sequence.dense.slice(start * sequence.size, (start + steps) * sequence.size) : null,
		indices: sequence.indices ? sequence.indices.slice(start, start + steps) : null
	};
}

/**
 * dL_T/dW with backpropagation stopped after `length` steps: the forward pass runs over the
 * whole sequence, but h_{T−K} (and c_{T−K}) is treated as a given starting state, as truncated
 * BPTT does at a chunk's start. Computed independently of `gradientChain`: it equals the sum of
 * the chain's terms k = T−K+1 … T, and the full gradient when K ≥ T.
 */
export function truncatedGradient(
	network: Network,
	inputs: InputsLike,
	loss: LossSpec | PreparedLoss,
	options: ParamRef & { step: number; length: number }
): Float64Array {
	const { step: T, length } = options;
	if (!Number.isInteger(length) || length < 1) throw new EngineError('invalid-argument', 'The truncation length must be a whole number of at least 1 step.');
	const sequence = toSequence(inputs, network.layers[0].inputSize);
	const only = lossAtStep(loss, sequence.steps, network.head.outputSize, T);
	const K = Math.min(length, T);
	const start = T - K; // h_start is held fixed
	const copy = cloneNetwork(network);
	if (start > 0) startFrom(copy, forward(network, sequence), start);
	const sub = lastTargetOnly(only, T, K);
	const { slot } = slotOf(copy, options);
	const flat = gradient(copy, sliceInputs(sequence, start, K), sub).flat;
	return flat.slice(slot.offset, slot.offset + slot.rows * slot.cols);
}

/** Step T's target alone, placed at the last of `length` steps (a sequence cut to end at T). */
function lastTargetOnly(only: PreparedLoss, T: number, length: number): PreparedLoss {
	const targets = Array.from({ length }, (_, t) =>
		t !== length - 1 ? null : only.classes ? only.classes[T - 1] : (only.values as Float64Array).slice((T - 1) * only.outputSize, T * only.outputSize)
	);
	return prepareLoss({ kind: only.kind, reduction: 'sum', targets }, length, only.outputSize);
}

/** Starts every layer of `network` (in place) from the states a trace reached after step t (t ≥ 1). */
function startFrom(network: Network, trace: Trace, t: number): void {
	network.layers.forEach((layer, l) => {
		layer.h0.set(trace.layers[l].h[t - 1]);
		if (layer.c0) layer.c0.set((trace.layers[l].c as Float64Array[])[t - 1]);
	});
}

/**
 * Each term of dL_T/dW checked on its own, by finite differences: term k is the derivative of L_T
 * with respect to the copy of W used at step k alone, so one entry is nudged by ±ε at step k only
 * (every other step keeps the original W) and the network is rerun from h_{k−1} to L_T.
 * Returns out[k − 1] for k = 1 … T; the values add up to `finiteDifference` of L_T for that entry.
 * Independent of the backward pass: only forward runs.
 */
export function termFiniteDifferences(
	network: Network,
	inputs: InputsLike,
	loss: LossSpec | PreparedLoss,
	options: ParamRef & { step: number; index: number; epsilon?: number }
): Float64Array {
	const epsilon = options.epsilon ?? 1e-6;
	if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new EngineError('invalid-argument', 'ε must be a positive number.');
	const sequence = toSequence(inputs, network.layers[0].inputSize);
	const T = options.step;
	const only = lossAtStep(loss, sequence.steps, network.head.outputSize, T);
	const { slot } = slotOf(network, options);
	const size = slot.rows * slot.cols;
	if (!Number.isInteger(options.index) || options.index < 0 || options.index >= size) {
		throw new EngineError('invalid-argument', `${options.param} has no entry ${options.index}.`);
	}
	const at = slot.offset + options.index;
	const trace = forward(network, sequence);
	const nudged = cloneNetwork(network);
	const rest = cloneNetwork(network);
	const out = new Float64Array(T);
	for (let k = 1; k <= T; k++) {
		if (k > 1) startFrom(nudged, trace, k - 1);
		const stepK = sliceInputs(sequence, k - 1, 1);
		const lossWith = (shift: number): number => {
			nudged.params[at] = network.params[at] + shift;
			if (k === T) return lossOf(nudged, stepK, lastTargetOnly(only, T, 1));
			// Step k with the nudged W, then steps k+1 … T with the original one.
			startFrom(rest, forward(nudged, stepK), 1);
			return lossOf(rest, sliceInputs(sequence, k, T - k), lastTargetOnly(only, T, T - k));
		};
		const up = lossWith(epsilon);
		const down = lossWith(-epsilon);
		nudged.params[at] = network.params[at];
		out[k - 1] = (up - down) / (2 * epsilon);
	}
	return out;
}

export interface StepGradient {
	/** t (1-based). */
	step: number;
	/** J_t, the loss at step t alone. */
	loss: number;
	/** dJ_t/dW, rows × cols. */
	gradient: Float64Array;
}

export interface LossSplit {
	steps: StepGradient[];
	/** J = Σ_t J_t (reduction 'sum'). */
	total: number;
	/** Σ_t dJ_t/dW, added up step by step. */
	sum: Float64Array;
	/** dJ/dW from one ordinary backward pass over the summed loss. */
	gradient: Float64Array;
}

/** The total loss J = Σ_t J_t taken apart: each step's loss and the gradient its own chain sends back. */
export function lossSplit(network: Network, inputs: InputsLike, loss: LossSpec | PreparedLoss, options: ParamRef): LossSplit {
	const sequence = toSequence(inputs, network.layers[0].inputSize);
	const all = prepareLoss(loss, sequence.steps, network.head.outputSize);
	const { slot } = slotOf(network, options);
	const steps: StepGradient[] = [];
	const sum = new Float64Array(slot.rows * slot.cols);
	for (let t = 1; t <= sequence.steps; t++) {
		if (all.mask[t - 1] === 0) continue;
		const chain = gradientChain(network, sequence, all, { step: t, layer: options.layer, param: options.param });
		for (let i = 0; i < sum.length; i++) sum[i] += chain.gradient[i];
		steps.push({ step: t, loss: chain.lossAtStep, gradient: chain.gradient });
	}
	const summed = prepareLoss({ ...all, reduction: 'sum' } as PreparedLoss, sequence.steps, network.head.outputSize);
	const full = gradient(network, sequence, summed);
	return { steps, total: full.loss, sum, gradient: full.flat.slice(slot.offset, slot.offset + slot.rows * slot.cols) };
}

/**
 * ∂⁺h_k/∂W for one entry of W in a plain RNN layer: the explicit derivative, with h_{k−1} held
 * fixed. h_k = tanh(a_k), so only row p of W moves h_k, and only its entry p:
 * ∂⁺h_k[p]/∂Whh[p,q] = tanh′(a_k[p]) h_{k−1}[q], ∂⁺h_k[p]/∂Wxh[p,q] = tanh′(a_k[p]) x_k[q],
 * ∂⁺h_k[p]/∂bh[p] = tanh′(a_k[p]). Returns the H-vector (zero except entry p).
 */
export function explicitDerivative(
	network: Network,
	inputs: InputsLike,
	options: ParamRef & { step: number; index: number }
): Float64Array {
	const { layer, slot } = slotOf(network, options);
	if (layer.cell !== 'rnn') throw new EngineError('invalid-argument', 'The explicit derivative is worked out here for plain RNN layers only.');
	const sequence = toSequence(inputs, network.layers[0].inputSize);
	const k = options.step;
	if (!Number.isInteger(k) || k < 1 || k > sequence.steps) throw new EngineError('invalid-argument', `There is no step ${k}.`);
	const size = slot.rows * slot.cols;
	if (!Number.isInteger(options.index) || options.index < 0 || options.index >= size) {
		throw new EngineError('invalid-argument', `${options.param} has no entry ${options.index}.`);
	}
	const full = forward(network, sequence);
	const trace = full.layers[layer.index];
	const p = Math.floor(options.index / slot.cols);
	const q = options.index % slot.cols;
	const slope = tanhDerivativeFromOutput(trace.h[k - 1][p]);
	let factor: number;
	if (options.param === 'Whh') factor = (k === 1 ? trace.h0 : trace.h[k - 2])[q];
	else if (options.param === 'Wxh') factor = inputAt(network, sequence, full, layer.index, k, q);
	else factor = 1;
	const out = new Float64Array(layer.hiddenSize);
	out[p] = slope * factor;
	return out;
}

function inputAt(network: Network, sequence: Sequence, trace: ReturnType<typeof forward>, l: number, k: number, q: number): number {
	if (l > 0) return trace.layers[l - 1].h[k - 1][q];
	if (sequence.indices) return sequence.indices[k - 1] === q ? 1 : 0;
	return (sequence.dense as Float64Array)[(k - 1) * network.layers[0].inputSize + q];
}

/**
 * One forward and backward pass through a whole network, on preallocated buffers.
 *
 * Layers run one after the other over all steps (layer-major), not step by step: then everything
 * that does not depend on the previous step — the input products `Wx x_t`, the head's outputs,
 * every weight gradient `Σ_t δ_t x_tᵀ` — runs as one batched kernel over all steps, and only the
 * recurrent products remain inside the step loop. This is the training hot path; the display
 * trace (`trace.ts`) reads the same buffers, so the numbers a lesson shows are the ones training
 * used.
 */

import { EngineError, LIMITS } from './errors';
import { gruCell } from './gru';
import {
	accumulateOneHot,
	accumulateOuter,
	accumulateSum,
	backpropSteps,
	projectOneHot,
	projectSteps
} from './linalg';
import { evaluateLoss, type PreparedLoss } from './loss';
import { lstmCell } from './lstm';
import type { Layer, Network } from './network';
import { rnnCell } from './rnn';
import type { Sequence } from './sequence';
import { createLayerWork, numbersPerStep, type CellOps, type LayerWork } from './workspace';

export const CELLS: Record<Layer['cell'], CellOps> = { rnn: rnnCell, lstm: lstmCell, gru: gruCell };

export interface Pass {
	readonly network: Network;
	capacity: number;
	/** Steps in the chunk run last. */
	steps: number;
	layers: LayerWork[];
	/** Head outputs y_t, steps × outputSize. */
	Y: Float64Array;
	/** Softmax of y_t (softmax-ce only). */
	probs: Float64Array;
	/** dL/dy_t. */
	dY: Float64Array;
	/** Unreduced loss of each step (0 where a step has no target). */
	stepLoss: Float64Array;
	/** dL/dx_t, steps × inputSize, filled when the backward pass is asked for it. */
	dX: Float64Array;
}

export function createPass(network: Network, capacity = 1): Pass {
	const pass: Pass = {
		network,
		capacity: 0,
		steps: 0,
		layers: [],
		Y: new Float64Array(0),
		probs: new Float64Array(0),
		dY: new Float64Array(0),
		stepLoss: new Float64Array(0),
		dX: new Float64Array(0)
	};
	ensureCapacity(pass, capacity);
	return pass;
}

/** Grows the buffers to hold `steps` steps, keeping the initial-state rows. */
export function ensureCapacity(pass: Pass, steps: number): void {
	if (steps <= pass.capacity) return;
	const { network } = pass;
	let perStep = 3 * network.outputSize + 1 + network.inputSize;
	for (const layer of network.layers) perStep += numbersPerStep(layer);
	if (steps * perStep > LIMITS.maxWorkspaceNumbers) {
		throw new EngineError(
			'too-large',
			`Backpropagating through ${steps.toLocaleString('en')} steps of this network needs more memory than the engine allows. Use truncated BPTT (e.g. chunks of 100 steps) or a shorter sequence.`,
			{ steps, numbers: steps * perStep, max: LIMITS.maxWorkspaceNumbers }
		);
	}
	// Grow geometrically so a slowly growing sequence does not reallocate every call.
	const capacity = Math.max(steps, Math.min(LIMITS.maxSteps, pass.capacity * 2, Math.floor(LIMITS.maxWorkspaceNumbers / perStep)));
	const O = network.outputSize;
	pass.layers = network.layers.map((layer, k) => {
		const work = createLayerWork(layer, capacity);
		const old = pass.layers[k];
		if (old) {
			work.h.set(old.h.subarray(0, layer.hiddenSize));
			if (work.c && old.c) work.c.set(old.c.subarray(0, layer.hiddenSize));
		}
		return work;
	});
	pass.Y = new Float64Array(capacity * O);
	pass.probs = new Float64Array(capacity * O);
	pass.dY = new Float64Array(capacity * O);
	pass.stepLoss = new Float64Array(capacity);
	pass.dX = new Float64Array(capacity * network.inputSize);
	pass.capacity = capacity;
}

/** Puts h0 (and c0) into row 0 of every layer: the start of a sequence. */
export function resetState(pass: Pass): void {
	const layers = pass.network.layers;
	for (let k = 0; k < layers.length; k++) {
		const work = pass.layers[k];
		work.h.set(layers[k].h0);
		if (work.c && layers[k].c0) work.c.set(layers[k].c0 as Float64Array);
	}
}

/** Moves the state the last chunk ended in to row 0, so the next chunk continues from it. */
export function carryState(pass: Pass): void {
	const T = pass.steps;
	const layers = pass.network.layers;
	for (let k = 0; k < layers.length; k++) {
		const work = pass.layers[k];
		const H = layers[k].hiddenSize;
		work.h.copyWithin(0, T * H, (T + 1) * H);
		if (work.c) work.c.copyWithin(0, T * H, (T + 1) * H);
	}
}

/**
 * Runs steps [start, start + steps) of `input` from the state in row 0 of each layer, filling
 * every layer's buffers and the head outputs Y.
 */
export function forwardPass(pass: Pass, input: Sequence, start: number, steps: number): void {
	ensureCapacity(pass, steps);
	const { network } = pass;
	const P = network.params;
	pass.steps = steps;
	for (let k = 0; k < network.layers.length; k++) {
		const layer = network.layers[k];
		const work = pass.layers[k];
		const GH = layer.gateCount * layer.hiddenSize;
		const I = layer.inputSize;
		// z_t = Wx x_t + b for every step at once: the part of each gate that does not need h_{t-1}
		if (k > 0) {
			projectSteps(work.z, 0, GH, P, layer.offWx, GH, I, P, layer.offB, pass.layers[k - 1].h, I, I, steps);
		} else if (input.indices) {
			projectOneHot(work.z, 0, GH, P, layer.offWx, GH, I, P, layer.offB, input.indices, start, steps);
		} else {
			projectSteps(work.z, 0, GH, P, layer.offWx, GH, I, P, layer.offB, input.dense as Float64Array, start * I, I, steps);
		}
		CELLS[layer.cell].forward(layer, P, work, steps);
	}
	// y_t = W h_t + b on the top layer, every step
	const { head } = network;
	const top = pass.layers[network.layers.length - 1];
	projectSteps(pass.Y, 0, head.outputSize, P, head.offW, head.outputSize, head.inputSize, P, head.offB, top.h, head.inputSize, head.inputSize, steps);
}

/** The loss of the last forward pass; also fills per-step losses, probabilities and dL/dy. */
export function lossPass(pass: Pass, loss: PreparedLoss): number {
	return evaluateLoss(loss, pass.Y, pass.probs, pass.stepLoss, pass.dY);
}

/**
 * BPTT for the last forward pass: adds every parameter's gradient to `G` (laid out like
 * `network.params`) and leaves dL/dh0, dL/dc0 in each layer's carry buffers. With
 * `inputGradients`, also fills `pass.dX` with dL/dx_t.
 */
export function backwardPass(pass: Pass, input: Sequence, start: number, G: Float64Array, inputGradients = false): void {
	const { network, steps } = pass;
	const P = network.params;
	const { head } = network;
	const L = network.layers.length;
	const top = pass.layers[L - 1];
	const O = head.outputSize;
	const Htop = head.inputSize;
	// Head: dW += Σ_t dy_t h_tᵀ, db += Σ_t dy_t, dL/dh_t (from the output) = Wᵀ dy_t
	accumulateOuter(G, head.offW, O, Htop, pass.dY, 0, O, top.h, Htop, Htop, steps);
	accumulateSum(G, head.offB, O, pass.dY, 0, O, steps);
	top.above.fill(0, 0, steps * Htop);
	backpropSteps(top.above, 0, Htop, P, head.offW, O, Htop, pass.dY, 0, O, steps);

	for (let k = L - 1; k >= 0; k--) {
		const layer = network.layers[k];
		const work = pass.layers[k];
		const cell = CELLS[layer.cell];
		const GH = layer.gateCount * layer.hiddenSize;
		const I = layer.inputSize;
		cell.backward(layer, P, work, steps);
		cell.accumulateRecurrent(layer, G, work, steps);
		// dWx += Σ_t δ_t x_tᵀ, db += Σ_t δ_t
		if (k > 0) {
			accumulateOuter(G, layer.offWx, GH, I, work.delta, 0, GH, pass.layers[k - 1].h, I, I, steps);
		} else if (input.indices) {
			accumulateOneHot(G, layer.offWx, GH, I, work.delta, 0, GH, input.indices, start, steps);
		} else {
			accumulateOuter(G, layer.offWx, GH, I, work.delta, 0, GH, input.dense as Float64Array, start * I, I, steps);
		}
		accumulateSum(G, layer.offB, GH, work.delta, 0, GH, steps);
		// dL/dx_t = Wxᵀ δ_t: the gradient the layer below (or the input) receives
		const target = k > 0 ? pass.layers[k - 1].above : inputGradients ? pass.dX : null;
		if (target) {
			target.fill(0, 0, steps * I);
			backpropSteps(target, 0, I, P, layer.offWx, GH, I, work.delta, 0, GH, steps);
		}
	}
}

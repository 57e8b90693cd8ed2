/**
 * What a lesson displays: every layer's pre-activations, gates and states at every step, the
 * outputs, probabilities and losses (`forward`), and every gradient BPTT computes (`backward`).
 *
 * These functions run the same `pass.ts` code as training and copy its buffers out into one
 * `Float64Array` per step, so a page can index `trace.layers[0].h[t]` directly.
 */

import { prepareLoss, type LossSpec, type PreparedLoss } from './loss';
import { checkNetworkFinite, parameterViews, type Network } from './network';
import { backwardPass, createPass, forwardPass, lossPass, resetState, type Pass } from './pass';
import { toSequence, type InputsLike, type Sequence } from './sequence';

export interface LayerTrace {
	cell: Network['layers'][number]['cell'];
	variant: Network['layers'][number]['variant'];
	h0: Float64Array;
	c0: Float64Array | null;
	/** h_t for t = 1..T (index t−1). */
	h: Float64Array[];
	/** LSTM c_t for t = 1..T; null for other cells. */
	c: Float64Array[] | null;
	/** Gate values by name (lstm i, f, g, o; gru r, z, n); empty for rnn, whose only "gate" is h. */
	gates: Record<string, Float64Array[]>;
	/** Pre-activations by gate name (rnn: `h` holds a_t = Wxh x_t + Whh h_{t−1} + bh). */
	preActivations: Record<string, Float64Array[]>;
}

export interface Trace {
	steps: number;
	layers: LayerTrace[];
	/** y_t = W h_t + b on the top layer, before any softmax. */
	outputs: Float64Array[];
	/** softmax(y_t), when the loss is softmax cross-entropy. */
	probabilities: Float64Array[] | null;
	/** Per-step loss (null where a step has no target); null without a loss. */
	stepLosses: (number | null)[] | null;
	/** The reduced loss; null without a loss. */
	loss: number | null;
}

export interface Gradients {
	/** All parameter gradients, laid out like `network.params`. */
	flat: Float64Array;
	layers: { params: Record<string, Float64Array>; h0: Float64Array; c0: Float64Array | null }[];
	head: { W: Float64Array; b: Float64Array };
}

export interface BackwardResult {
	trace: Trace;
	gradients: Gradients;
	/** dL/dx_t for every input step. */
	dLdx: Float64Array[];
	/** Per layer: total dL/dh_t (through the output at t and every later step), and dL/dc_t for LSTM. */
	layers: { dLdh: Float64Array[]; dLdc: Float64Array[] | null }[];
}

/** Copies `steps` rows of `width` numbers starting at `offset` into one array per step. */
export function rows(buffer: Float64Array, offset: number, steps: number, width: number, stride = width): Float64Array[] {
	const out: Float64Array[] = [];
	for (let t = 0; t < steps; t++) out.push(buffer.slice(offset + t * stride, offset + t * stride + width));
	return out;
}

/** A checked forward pass from h0/c0 over a whole sequence; the starting point of every lesson API. */
export function runSequence(
	network: Network,
	inputs: InputsLike,
	loss?: LossSpec | PreparedLoss
): { pass: Pass; sequence: Sequence; loss: PreparedLoss | null; value: number | null } {
	checkNetworkFinite(network);
	const sequence = toSequence(inputs, network.inputSize);
	const prepared = loss ? prepareLoss(loss, sequence.steps, network.outputSize) : null;
	const pass = createPass(network, sequence.steps);
	resetState(pass);
	forwardPass(pass, sequence, 0, sequence.steps);
	const value = prepared ? lossPass(pass, prepared) : null;
	return { pass, sequence, loss: prepared, value };
}

export function traceOf(pass: Pass, loss: PreparedLoss | null, value: number | null): Trace {
	const { network, steps: T } = pass;
	const O = network.outputSize;
	const layers = network.layers.map((layer, k): LayerTrace => {
		const work = pass.layers[k];
		const H = layer.hiddenSize;
		const GH = layer.gateCount * H;
		const gates: Record<string, Float64Array[]> = {};
		const preActivations: Record<string, Float64Array[]> = {};
		layer.gateNames.forEach((name, g) => {
			preActivations[name] = rows(work.z, g * H, T, H, GH);
			if (layer.cell !== 'rnn') gates[name] = rows(work.gates, g * H, T, H, GH);
		});
		return {
			cell: layer.cell,
			variant: layer.variant,
			h0: work.h.slice(0, H),
			c0: work.c ? work.c.slice(0, H) : null,
			h: rows(work.h, H, T, H),
			c: work.c ? rows(work.c, H, T, H) : null,
			gates,
			preActivations
		};
	});
	const softmax = loss ? loss.kind === 'softmax-ce' : false;
	return {
		steps: T,
		layers,
		outputs: rows(pass.Y, 0, T, O),
		probabilities: softmax ? rows(pass.probs, 0, T, O) : null,
		stepLosses: loss ? Array.from(loss.mask, (m, t) => (m ? pass.stepLoss[t] : null)) : null,
		loss: value
	};
}

/** Runs the network over `inputs` from h0/c0 and records everything a lesson can show. */
export function forward(network: Network, inputs: InputsLike, loss?: LossSpec | PreparedLoss): Trace {
	const run = runSequence(network, inputs, loss);
	return traceOf(run.pass, run.loss, run.value);
}

/** Gradients of the loss by exact BPTT, with the forward trace they came from. */
export function backward(network: Network, inputs: InputsLike, loss: LossSpec | PreparedLoss): BackwardResult {
	const run = runSequence(network, inputs, loss);
	return backwardOf(run.pass, run.sequence, run.loss as PreparedLoss, run.value as number);
}

export function backwardOf(pass: Pass, sequence: Sequence, loss: PreparedLoss, value: number): BackwardResult {
	const { network, steps: T } = pass;
	const flat = new Float64Array(network.params.length);
	backwardPass(pass, sequence, 0, flat, true);
	const views = parameterViews(network, flat);
	const gradients: Gradients = {
		flat,
		layers: network.layers.map((_, k) => ({
			params: views.layers[k],
			h0: pass.layers[k].carryH.slice(),
			c0: pass.layers[k].carryC ? (pass.layers[k].carryC as Float64Array).slice() : null
		})),
		head: views.head
	};
	return {
		trace: traceOf(pass, loss, value),
		gradients,
		dLdx: rows(pass.dX, 0, T, network.inputSize),
		layers: network.layers.map((layer, k) => {
			const work = pass.layers[k];
			const H = layer.hiddenSize;
			return { dLdh: rows(work.dh, 0, T, H), dLdc: work.dc ? rows(work.dc, 0, T, H) : null };
		})
	};
}

/** Just the flat gradient (laid out like `network.params`) and the loss: for checks and optimisers. */
export function gradient(network: Network, inputs: InputsLike, loss: LossSpec | PreparedLoss): { loss: number; flat: Float64Array } {
	const run = runSequence(network, inputs, loss);
	const flat = new Float64Array(network.params.length);
	backwardPass(run.pass, run.sequence, 0, flat, false);
	return { loss: run.value as number, flat };
}

/** Just the loss, for finite differences and evaluation. */
export function lossOf(network: Network, inputs: InputsLike, loss: LossSpec | PreparedLoss): number {
	return runSequence(network, inputs, loss).value as number;
}

/**
 * The gradient of a shared weight, taken apart step by step.
 *
 * Because W is used at every step, dL/dW = Σ_k (dL/dh_k) · ∂⁺h_k/∂W, where ∂⁺ is the explicit
 * ("immediate") derivative with h_{k−1} held fixed. For the RNN's Whh the k-th term is the outer
 * product δ_k h_{k−1}ᵀ with δ_k = dL/da_k. The BPTT lesson shows these terms for one loss L_T:
 * term k = ∂L_T/∂h_T · ∂h_T/∂h_k · ∂⁺h_k/∂W, and that they add up to dL_T/dW.
 */

import { EngineError } from './errors';
import { jacobianBetween } from './jacobian';
import { prepareLoss, type LossSpec, type PreparedLoss } from './loss';
import type { Layer, Network } from './network';
import { backwardPass, type Pass } from './pass';
import type { InputsLike, Sequence } from './sequence';
import { runSequence } from './trace';

interface Term {
	/** Which delta rows the parameter's gradient reads: the fused gate block, and which delta array. */
	gate: number;
	side: 'x' | 'h' | 'bias' | 'bhn';
	rows: number;
	cols: number;
}

function termOf(layer: Layer, name: string): Term {
	const slot = layer.slots.find((s) => s.name === name);
	if (!slot) {
		throw new EngineError(
			'invalid-argument',
			`Layer ${layer.index + 1} (${layer.cell}) has no parameter "${name}"; it has ${layer.slots.map((s) => s.name).join(', ')}.`
		);
	}
	const gateOf = (g: string) => layer.gateNames.indexOf(g);
	let side: Term['side'];
	let gate: number;
	if (name === 'bhn') [side, gate] = ['bhn', 2];
	else if (name === 'bxn') [side, gate] = ['bias', 2];
	else if (name.startsWith('Wx')) [side, gate] = ['x', gateOf(name.slice(2))];
	else if (name.startsWith('Wh')) [side, gate] = ['h', gateOf(name.slice(2))];
	else [side, gate] = ['bias', gateOf(name.slice(1))];
	return { gate, side, rows: slot.rows, cols: slot.cols };
}

/**
 * The explicit contribution of step t (1-based) to dL/d`name` in layer `k`, after a backward
 * pass: δ_t x_tᵀ for input weights, δ_t h_{t−1}ᵀ for recurrent ones (δ_t (r_t ⊙ h_{t−1})ᵀ for
 * reset-before GRU's Whn), δ_t for biases. Returned as a rows × cols matrix (cols = 1 for biases).
 */
export function explicitTermOf(pass: Pass, sequence: Sequence, k: number, name: string, t: number): Float64Array {
	const { network } = pass;
	const layer = network.layers[k];
	const work = pass.layers[k];
	const H = layer.hiddenSize;
	const GH = layer.gateCount * H;
	const term = termOf(layer, name);
	const d = (term.side === 'h' || term.side === 'bhn' ? work.deltaH : work.delta).subarray(
		(t - 1) * GH + term.gate * H,
		(t - 1) * GH + term.gate * H + H
	);
	if (term.side === 'bias' || term.side === 'bhn') return d.slice();
	let x: Float64Array;
	if (term.side === 'h') {
		const gruBefore = layer.variant === 'reset-before' && term.gate === 2;
		x = gruBefore ? (work.aux as Float64Array).subarray((t - 1) * H, t * H) : work.h.subarray((t - 1) * H, t * H);
	} else if (k > 0) {
		x = pass.layers[k - 1].h.subarray(t * layer.inputSize, (t + 1) * layer.inputSize);
	} else if (sequence.indices) {
		x = new Float64Array(layer.inputSize);
		x[sequence.indices[t - 1]] = 1;
	} else {
		x = (sequence.dense as Float64Array).subarray((t - 1) * layer.inputSize, t * layer.inputSize);
	}
	const out = new Float64Array(term.rows * term.cols);
	for (let i = 0; i < term.rows; i++) for (let j = 0; j < term.cols; j++) out[i * term.cols + j] = d[i] * x[j];
	return out;
}

function frobenius(m: Float64Array): number {
	let s = 0;
	for (let i = 0; i < m.length; i++) s += m[i] * m[i];
	return Math.sqrt(s);
}

export interface Contributions {
	/** The explicit term of each step t = 1..T (rows × cols, row-major). */
	terms: Float64Array[];
	/** Frobenius norm of each term. */
	norms: Float64Array;
	/** Their sum: the full gradient dL/dW. */
	gradient: Float64Array;
}

export function contributionsOf(pass: Pass, sequence: Sequence, k: number, name: string): Contributions {
	const terms: Float64Array[] = [];
	for (let t = 1; t <= pass.steps; t++) terms.push(explicitTermOf(pass, sequence, k, name, t));
	const gradient = new Float64Array(terms[0].length);
	for (const term of terms) for (let i = 0; i < term.length; i++) gradient[i] += term[i];
	return { terms, norms: Float64Array.from(terms, frobenius), gradient };
}

function checkLayer(network: Network, layer: number): number {
	if (!Number.isInteger(layer) || layer < 0 || layer >= network.layers.length) {
		throw new EngineError('invalid-argument', `There is no layer ${layer + 1}; this network has ${network.layers.length}.`);
	}
	return layer;
}

/** Each step's explicit contribution to dL/d`param` (defaults: layer 0, its recurrent matrix `Whh`/`Wh?`). */
export function contributions(
	network: Network,
	inputs: InputsLike,
	loss: LossSpec | PreparedLoss,
	options: { layer?: number; param?: string } = {}
): Contributions {
	const k = checkLayer(network, options.layer ?? 0);
	const run = runSequence(network, inputs, loss);
	backwardPass(run.pass, run.sequence, 0, new Float64Array(network.params.length));
	return contributionsOf(run.pass, run.sequence, k, options.param ?? defaultParam(network.layers[k]));
}

function defaultParam(layer: Layer): string {
	return layer.cell === 'rnn' ? 'Whh' : `Wh${layer.gateNames[0]}`;
}

export interface ChainTerm {
	/** The step k = 1..T whose explicit derivative this term uses. */
	k: number;
	/** ∂L_T/∂h_k = ∂L_T/∂h_T · ∂h_T/∂h_k (total, through every path). */
	dLdh: Float64Array;
	/** ∂h_T/∂h_k (H × H) when asked for with `jacobians: true` (single-layer networks' top layer). */
	jacobian: Float64Array | null;
	/** ∂L_T/∂h_k · ∂⁺h_k/∂W, a rows × cols matrix. */
	term: Float64Array;
}

export interface GradientChain {
	step: number;
	param: string;
	rows: number;
	cols: number;
	/** L_T: the loss at step T alone, unreduced. */
	lossAtStep: number;
	terms: ChainTerm[];
	/** Σ_k term_k, equal to `gradient`. */
	sum: Float64Array;
	/** dL_T/dW computed by ordinary BPTT on L_T alone. */
	gradient: Float64Array;
}

/**
 * dL_T/dW = Σ_{k ≤ T} ∂L_T/∂h_T · ∂h_T/∂h_k · ∂⁺h_k/∂W, every term computed for the live model.
 * `step` is T (1-based) and must have a target in `loss`. `layer` defaults to the top layer (the
 * one the loss reads), `param` to its recurrent matrix (`Whh`, or the first gate's `Wh?`).
 */
export function gradientChain(
	network: Network,
	inputs: InputsLike,
	loss: LossSpec | PreparedLoss,
	options: { step: number; layer?: number; param?: string; jacobians?: boolean }
): GradientChain {
	const k = checkLayer(network, options.layer ?? network.layers.length - 1);
	const layer = network.layers[k];
	const param = options.param ?? defaultParam(layer);
	const full = runSequence(network, inputs, loss);
	const T = options.step;
	const all = full.loss as PreparedLoss;
	if (!Number.isInteger(T) || T < 1 || T > full.pass.steps || all.mask[T - 1] === 0) {
		throw new EngineError('invalid-argument', `Step ${T} has no target, so it has no loss L_${T} to take apart; pick a step with a target.`);
	}
	// L_T alone: the same target at step T, nothing elsewhere, summed (not averaged).
	const only = prepareLoss(
		{
			kind: all.kind,
			reduction: 'sum',
			targets: Array.from({ length: all.steps }, (_, t) =>
				t !== T - 1 ? null : all.classes ? all.classes[t] : (all.values as Float64Array).slice(t * all.outputSize, (t + 1) * all.outputSize)
			)
		},
		all.steps,
		all.outputSize
	);
	const run = runSequence(network, inputs, only);
	const G = new Float64Array(network.params.length);
	backwardPass(run.pass, run.sequence, 0, G);
	const slot = layer.slots.find((s) => s.name === param);
	if (!slot) termOf(layer, param); // throws the friendly message
	const { offset, rows, cols } = slot as NonNullable<typeof slot>;
	const H = layer.hiddenSize;
	const single = network.layers.length === 1;
	const terms: ChainTerm[] = [];
	const sum = new Float64Array(rows * cols);
	for (let step = 1; step <= T; step++) {
		const term = explicitTermOf(run.pass, run.sequence, k, param, step);
		for (let i = 0; i < term.length; i++) sum[i] += term[i];
		terms.push({
			k: step,
			dLdh: run.pass.layers[k].dh.slice((step - 1) * H, step * H),
			jacobian: options.jacobians && single ? jacobianBetween(network, inputs, T, step, { layer: k }) : null,
			term
		});
	}
	return {
		step: T,
		param,
		rows,
		cols,
		lossAtStep: run.value as number,
		terms,
		sum,
		gradient: G.slice(offset, offset + rows * cols)
	};
}

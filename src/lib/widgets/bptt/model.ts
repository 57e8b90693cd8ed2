/**
 * Backpropagation through time on the unrolled widget's network. UI-free: the URL state is the
 * unrolled schema (so any /embed/unrolled link opens here unchanged) plus what the backward pass
 * needs — class targets for a softmax cross-entropy loss at every step, the loss step T whose
 * chain is taken apart, the parameter W and one of its entries, how far back the gradient has
 * travelled, and the truncation length.
 *
 * The loss is J = Σ_t J_t with J_t = −log softmax(y_t)[target_t] (summed, as in the lecture).
 * Every number comes from the engine: `gradientChain` (the terms of dL_T/dW), `finiteDifference`
 * (beside the whole gradient and each step's dJ_t/dW), `termFiniteDifferences` (beside each term),
 * `truncatedGradient` (also the running sum: the terms k > T − n add up to the gradient truncated
 * to n steps), `lossSplit` (J taken apart by step) and `explicitDerivative` (∂⁺h_k/∂W).
 */
import {
	createRandom,
	explicitDerivative,
	finiteDifference,
	globalNorm,
	gradientChain,
	lossAtStep,
	lossSplit,
	relativeDifference,
	termFiniteDifferences,
	truncatedGradient,
	forward,
	type LossSpec,
	type Trace
} from '$lib/engine';
import type { Schema, Values } from '$lib/widgets/params';
import {
	inputRows,
	readState,
	schema as unrolledSchema,
	SIZE_LIMITS,
	shapeOf,
	toNetwork,
	valuesOf,
	type RnnState,
	type UnrolledValues
} from '../unrolled/model';

/** The parameters whose gradient can be taken apart: URL name → engine name. */
export const PARAMS = { whh: 'Whh', wxh: 'Wxh', b: 'bh' } as const;
export type ParamName = keyof typeof PARAMS;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];
/** ε of the central finite difference. */
export const EPSILON = 1e-6;

const L = SIZE_LIMITS;

export const schema = {
	...unrolledSchema,
	output: { ...unrolledSchema.output, doc: 'Outputs of the head y_t = W_hy h_t + b_y; also the number of classes.' },
	step: { ...unrolledSchema.step, doc: 'Position of the forward pass, 0 (only h_0) to T (used while `back` is 0).' },
	seed: { ...unrolledSchema.seed, doc: `${unrolledSchema.seed.doc} Also draws the targets when \`targets\` is absent.` },
	targets: {
		kind: 'int-list',
		min: 0,
		max: L.output - 1,
		minLength: 1,
		maxLength: L.steps,
		default: [],
		doc: 'The target class of every step, 0 … output − 1 (J_t = −log softmax(y_t)[target]; absent: from the seed).'
	},
	at: {
		kind: 'optional-int',
		min: 1,
		max: L.steps,
		default: null,
		doc: 'The step T whose loss L_T is taken apart (absent: the last step).'
	},
	param: {
		kind: 'enum',
		values: ['whh', 'wxh', 'b'] as const,
		default: 'whh',
		doc: 'The parameter W whose gradient is shown: whh, wxh or b.'
	},
	entry: {
		kind: 'int',
		min: 0,
		max: L.hidden * L.hidden - 1,
		default: 0,
		doc: 'Which entry of W is followed, counted row by row from 0 (clamped to the last).'
	},
	back: {
		kind: 'int',
		min: 0,
		max: L.steps,
		default: 0,
		doc: 'How many steps the gradient has travelled back from L_T; `0` is the forward pass, `T` the finished sum.'
	},
	trunc: {
		kind: 'optional-int',
		min: 1,
		max: L.steps,
		default: null,
		doc: 'Truncated BPTT: the gradient flows back this many steps; h_{T−K} is held fixed and the terms k ≤ T−K are cut off (absent: full BPTT).'
	}
} satisfies Schema;

export type BpttValues = Values<typeof schema>;

export const controls = ['transport', 'loss', 'param', 'truncation'] as const;

export interface BpttState {
	net: RnnState;
	targets: number[];
	/** T, the loss step (1 … steps). */
	at: number;
	param: ParamName;
	entry: number;
	/** 0 … T. */
	back: number;
	/** K ≥ 1, or null for full BPTT; K ≥ T is full BPTT too. */
	trunc: number | null;
}

/** Seeded classes, one per step, independent of the weights' and inputs' draws. */
export function randomTargets(steps: number, output: number, seed: number): number[] {
	const random = createRandom(`bptt-targets:${seed}`);
	return Array.from({ length: steps }, () => random.int(output));
}

/** A consistent state from URL values; repairs what does not fit and says so. Never throws. */
export function readBptt(values: BpttValues): { state: BpttState; issues: string[] } {
	const { state: net, issues } = readState(values);
	const { steps, output } = net.sizes;
	let targets = values.targets;
	if (targets.length === 0) targets = randomTargets(steps, output, values.seed);
	else if (targets.length !== steps || targets.some((c) => c >= output)) {
		issues.push(
			targets.length !== steps
				? `targets has ${targets.length} ${targets.length === 1 ? 'class' : 'classes'}, but there are ${steps} steps; seed ${values.seed}'s targets are used instead.`
				: `targets must be classes 0 … ${output - 1} for ${output} outputs; seed ${values.seed}'s targets are used instead.`
		);
		targets = randomTargets(steps, output, values.seed);
	}
	const at = Math.min(values.at ?? steps, steps);
	const size = sizeOf(values.param, net);
	const entry = Math.min(values.entry, size - 1);
	// A hand-edited link may point past the network; say what is shown instead of changing it silently.
	if (values.at !== null && values.at > steps) issues.push(`at=${values.at} is past the last step; the loss of step ${steps} is taken apart instead.`);
	if (values.entry > size - 1) issues.push(`entry=${values.entry} is past the last entry of ${values.param} (0 … ${size - 1}); entry ${size - 1} is followed instead.`);
	const back = Math.min(values.back, at);
	return { state: { net, targets: [...targets], at, param: values.param, entry, back, trunc: values.trunc }, issues };
}

/** The URL values of a state, every list written out. */
export function bpttValuesOf(state: BpttState): BpttValues {
	return {
		...valuesOf(state.net),
		targets: [...state.targets],
		at: state.at,
		param: state.param,
		entry: state.entry,
		back: state.back,
		trunc: state.trunc
	};
}

/** The part of the state the unrolled widget reads, for a "see the forward pass" link. */
export function unrolledValuesOf(state: BpttState): UnrolledValues {
	return valuesOf(state.net);
}

export function sizeOf(param: ParamName, net: RnnState): number {
	const { rows, cols } = shapeOf(param, net.sizes);
	return rows * cols;
}

/** "W_hh row 2 column 3", "b entry 2". */
export function entryName(param: ParamName, entry: number, net: RnnState): string {
	const { cols } = shapeOf(param, net.sizes);
	if (param === 'b') return `b entry ${entry + 1}`;
	return `${param === 'whh' ? 'W_hh' : 'W_xh'} row ${Math.floor(entry / cols) + 1} column ${(entry % cols) + 1}`;
}

export function lossSpec(state: BpttState): LossSpec {
	return { kind: 'softmax-ce', targets: state.targets, reduction: 'sum' };
}

/** One term of the sum over k, for the followed entry. */
export interface KTerm {
	k: number;
	/** ∂L_T/∂h_k (H). */
	dLdh: Float64Array;
	/** ‖∂L_T/∂h_k‖₂: how strongly the gradient reaches h_k. */
	norm: number;
	/** ∂h_T/∂h_k (H × H, row-major). */
	jacobian: Float64Array;
	/** ∂⁺h_k/∂W_entry (H): the explicit derivative, h_{k−1} held fixed. */
	explicit: Float64Array;
	/** The k-th term of dL_T/dW for the entry: ∂L_T/∂h_k · ∂⁺h_k/∂W_entry. */
	value: number;
	/** The same term by a central difference, W_entry nudged at step k alone. */
	numeric: number;
	/** relativeDifference(value, numeric). */
	relative: number;
	/** Cut off by truncation (k ≤ T − K). */
	cut: boolean;
}

export interface Analysis {
	trace: Trace;
	/** L_T. */
	lossAtT: number;
	terms: KTerm[];
	/** Σ_k term_k for the entry (the engine's sum of the chain). */
	sum: number;
	/** dL_T/dW_entry by ordinary BPTT. */
	gradient: number;
	/** Central difference of L_T at ±EPSILON, the entry's value. */
	numeric: number;
	relative: number;
	/** Every entry: analytic, numeric, relative difference. */
	check: { analytic: number; numeric: number; relative: number }[];
	/** running[n − 1] = the gradient carried back n steps (terms k > T − n). */
	running: number[];
	/** The truncated gradient for the entry (the full one when trunc is null or ≥ T). */
	truncated: number;
	/** J = Σ_t J_t, each step's loss and gradient for the entry, with its finite difference. */
	split: { total: number; sum: number; gradient: number; steps: StepCheck[] };
}

export interface StepCheck {
	step: number;
	/** J_t. */
	loss: number;
	/** dJ_t/dW_entry by BPTT. */
	value: number;
	/** dJ_t/dW_entry by a central difference of J_t alone. */
	numeric: number;
	relative: number;
}

export function analyse(state: BpttState): Analysis {
	const network = toNetwork(state.net);
	const inputs = inputRows(state.net);
	const loss = lossSpec(state);
	const { steps, output } = state.net.sizes;
	const param = PARAMS[state.param];
	const T = state.at;
	const e = state.entry;
	const trace = forward(network, inputs, loss);
	const chain = gradientChain(network, inputs, loss, { step: T, param, jacobians: true });
	const only = lossAtStep(loss, steps, output, T);
	const fd = finiteDifference(network, inputs, only, { param, epsilon: EPSILON });
	const K = state.trunc === null ? T : Math.min(state.trunc, T);
	const running = Array.from({ length: T }, (_, n) => truncatedGradient(network, inputs, loss, { step: T, length: n + 1, param })[e]);
	const split = lossSplit(network, inputs, loss, { param });
	const termChecks = termFiniteDifferences(network, inputs, loss, { step: T, param, index: e, epsilon: EPSILON });
	const terms: KTerm[] = chain.terms.map((term) => ({
		k: term.k,
		dLdh: term.dLdh,
		norm: globalNorm(term.dLdh),
		jacobian: term.jacobian as Float64Array,
		explicit: explicitDerivative(network, inputs, { step: term.k, param, index: e }),
		value: term.term[e],
		numeric: termChecks[term.k - 1],
		relative: relativeDifference(term.term[e], termChecks[term.k - 1]),
		cut: term.k <= T - K
	}));
	return {
		trace,
		lossAtT: chain.lossAtStep,
		terms,
		sum: chain.sum[e],
		gradient: chain.gradient[e],
		numeric: fd[e],
		relative: relativeDifference(chain.gradient[e], fd[e]),
		check: Array.from(chain.gradient, (g, i) => ({ analytic: g, numeric: fd[i], relative: relativeDifference(g, fd[i]) })),
		running,
		truncated: running[K - 1],
		split: {
			total: split.total,
			sum: split.sum[e],
			gradient: split.gradient[e],
			steps: split.steps.map((s) => {
				const numeric = finiteDifference(network, inputs, lossAtStep(loss, steps, output, s.step), { param, epsilon: EPSILON, entries: [e] })[e];
				return { step: s.step, loss: s.loss, value: s.gradient[e], numeric, relative: relativeDifference(s.gradient[e], numeric) };
			})
		}
	};
}

// ——— The timeline: the forward pass (step 0 … steps), then the backward pass (back 1 … T). ———

/** Position on the timeline: 0 … steps forward, then steps + 1 … steps + T backward. */
export function positionOf(state: BpttState): number {
	return state.back > 0 ? state.net.sizes.steps + state.back : state.net.step;
}

export function lastPosition(state: BpttState): number {
	return state.net.sizes.steps + state.at;
}

/** The URL values for a position on the timeline (clamped). */
export function goTo(state: BpttState, position: number): { step: number; back: number } {
	const steps = state.net.sizes.steps;
	const p = Math.max(0, Math.min(lastPosition(state), Math.round(position)));
	return p <= steps ? { step: p, back: 0 } : { step: steps, back: p - steps };
}

/** The lowest k the gradient has reached at this point of the backward pass (T + 1: not started). */
export function reached(state: BpttState): number {
	return state.at - state.back + 1;
}

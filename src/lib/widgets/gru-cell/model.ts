/**
 * The GRU cell widget's state and what is computed from it. One GRU layer with one input and two
 * hidden units, run over a short sequence x_1 … x_T from h_0:
 *
 *   r_t = σ(W_xr x_t + W_hr h_{t−1} + b_r),   z_t = σ(W_xz x_t + W_hz h_{t−1} + b_z)
 *   reset-before: n_t = tanh(W_xn x_t + W_hn (r_t ⊙ h_{t−1}) + b_n)
 *   reset-after:  n_t = tanh(W_xn x_t + b_n + r_t ⊙ (W_hn h_{t−1} + b_hn))
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 *
 * Every number on screen is the engine's (`forward` on an engine network holding these weights);
 * this file only maps URL lists onto the engine's named parameters. `b_n` is the engine's `bn`
 * (reset-before) or `bxn` (reset-after); `b_hn` exists only in reset-after.
 */
import { createNetwork, forward, type GruVariant, type Network, type Trace } from '$lib/engine';
import type { NumberListParam, Schema, Values } from '$lib/widgets/params';
import type { Normalised } from '$lib/widgets/types';
import { fixed } from '$lib/ui/format';

export const HIDDEN = 2;
export const MAX_STEPS = 8;
const LIMIT = 10;

const list = (length: number, def: number[], doc: string): NumberListParam => ({
	kind: 'number-list',
	min: -LIMIT,
	max: LIMIT,
	minLength: length,
	maxLength: length,
	default: def,
	doc
});

export const schema = {
	variant: {
		kind: 'enum',
		values: ['reset-after', 'reset-before'] as const,
		default: 'reset-after',
		doc: 'Where the reset gate acts: `reset-after` (PyTorch, Keras `reset_after=True`) scales W_hn h_{t−1} + b_hn; `reset-before` (Cho et al. 2014, Keras `reset_after=False`) scales h_{t−1} before W_hn.'
	},
	x: {
		kind: 'number-list',
		min: -LIMIT,
		max: LIMIT,
		minLength: 1,
		maxLength: MAX_STEPS,
		default: [1, 0.5, -1, 0],
		doc: `The inputs x_1 … x_T, one number per step (1 to ${MAX_STEPS} steps).`
	},
	h0: list(HIDDEN, [0.5, -0.5], 'The initial state h_0 (two units).'),
	wxr: list(HIDDEN, [0.5, -1], 'W_xr, the reset gate’s input weights (one per unit).'),
	whr: list(HIDDEN * HIDDEN, [0.3, -0.2, 0.4, 0.1], 'W_hr, 2×2 row by row.'),
	br: list(HIDDEN, [0, 0.5], 'b_r.'),
	wxz: list(HIDDEN, [1, -0.5], 'W_xz, the update gate’s input weights.'),
	whz: list(HIDDEN * HIDDEN, [0.2, 0.5, -0.3, 0.4], 'W_hz, 2×2 row by row.'),
	bz: list(HIDDEN, [0.5, -0.5], 'b_z.'),
	wxn: list(HIDDEN, [1.5, -1], 'W_xn, the candidate’s input weights.'),
	whn: list(HIDDEN * HIDDEN, [0.8, -0.6, 0.5, 0.9], 'W_hn, 2×2 row by row.'),
	bn: list(HIDDEN, [0, 0.2], 'b_n (the engine’s bn, or bxn in reset-after).'),
	bhn: list(HIDDEN, [0.3, -0.4], 'b_hn, the recurrent candidate bias inside the reset gate’s product (`reset-after` only).'),
	step: { kind: 'int', min: 1, max: MAX_STEPS, default: 1, doc: 'The step shown in detail (at most the number of inputs).' }
} satisfies Schema;

export type GruCellValues = Values<typeof schema>;
export const controls = ['variant', 'inputs', 'weights', 'step'] as const;

export type WeightName = 'wxr' | 'whr' | 'br' | 'wxz' | 'whz' | 'bz' | 'wxn' | 'whn' | 'bn' | 'bhn';
export const GATE_ROWS: { gate: string; tex: string; names: WeightName[] }[] = [
	{ gate: 'Reset gate r', tex: 'r', names: ['wxr', 'whr', 'br'] },
	{ gate: 'Update gate z', tex: 'z', names: ['wxz', 'whz', 'bz'] },
	{ gate: 'Candidate n', tex: 'n', names: ['wxn', 'whn', 'bn', 'bhn'] }
];
export const WEIGHT_TEX: Record<WeightName, string> = {
	wxr: 'W_{xr}',
	whr: 'W_{hr}',
	br: 'b_r',
	wxz: 'W_{xz}',
	whz: 'W_{hz}',
	bz: 'b_z',
	wxn: 'W_{xn}',
	whn: 'W_{hn}',
	bn: 'b_n',
	bhn: 'b_{hn}'
};

/** The engine network holding exactly these weights and this h_0, in the given variant. */
export function toNetwork(values: GruCellValues, variant: GruVariant = values.variant): Network {
	const network = createNetwork({ inputSize: 1, layers: [{ cell: 'gru', hiddenSize: HIDDEN, variant }], outputSize: 1 });
	const p = network.layers[0].params;
	p.Wxr.set(values.wxr);
	p.Whr.set(values.whr);
	p.br.set(values.br);
	p.Wxz.set(values.wxz);
	p.Whz.set(values.whz);
	p.bz.set(values.bz);
	p.Wxn.set(values.wxn);
	p.Whn.set(values.whn);
	if (variant === 'reset-after') {
		p.bxn.set(values.bn);
		p.bhn.set(values.bhn);
	} else {
		p.bn.set(values.bn);
	}
	network.layers[0].h0.set(values.h0);
	return network;
}

export interface StepView {
	t: number;
	x: number;
	hPrev: Float64Array;
	r: Float64Array;
	z: Float64Array;
	n: Float64Array;
	/** The candidate's pre-activation (what tanh is applied to). */
	nPre: Float64Array;
	h: Float64Array;
}

export interface Simulation {
	steps: number;
	trace: Trace;
	/** The same weights and inputs run through the other variant. */
	other: { variant: GruVariant; trace: Trace };
}

export const otherVariant = (variant: GruVariant): GruVariant => (variant === 'reset-after' ? 'reset-before' : 'reset-after');

export function simulate(values: GruCellValues): Simulation {
	const inputs = values.x.map((v) => [v]);
	const otherName = otherVariant(values.variant);
	return {
		steps: values.x.length,
		trace: forward(toNetwork(values), inputs),
		other: { variant: otherName, trace: forward(toNetwork(values, otherName), inputs) }
	};
}

/** Step t (1-based) of a trace, with h_{t−1} beside it. */
export function stepOf(trace: Trace, values: GruCellValues, t: number): StepView {
	const layer = trace.layers[0];
	return {
		t,
		x: values.x[t - 1],
		hPrev: t === 1 ? layer.h0 : layer.h[t - 2],
		r: layer.gates.r[t - 1],
		z: layer.gates.z[t - 1],
		n: layer.gates.n[t - 1],
		nPre: layer.preActivations.n[t - 1],
		h: layer.h[t - 1]
	};
}

/** A step past the last input (a link with fewer inputs) shows the last step, and says so. */
export function normalise(values: GruCellValues): Normalised<typeof schema> {
	if (values.step <= values.x.length) return { values, messages: [] };
	return {
		values: { ...values, step: values.x.length },
		messages: [`step=${values.step} is past the last input (x has ${values.x.length}): showing step ${values.x.length}.`]
	};
}

/** The shown step, kept within the sequence when inputs are removed. */
export const currentStep = (values: GruCellValues): number => Math.min(values.step, values.x.length);

/** A vector as plain text for a sentence, e.g. (0.62, −0.10). */
export function plainVector(v: ArrayLike<number>): string {
	return `(${Array.from(v, (x) => fixed(x)).join(', ')})`;
}

/** A vector as a TeX tuple, e.g. (0.62,\ {-0.10}); the braces keep a minus sign unary. */
export function texTuple(v: ArrayLike<number>): string {
	return `(${Array.from(v, (x) => `{${fixed(x).replace('−', '-')}}`).join(',\\ ')})`;
}

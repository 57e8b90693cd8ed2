/**
 * The Jacobian-norm widget's state and what it shows: a small seeded RNN whose W_hh is scaled to
 * a chosen spectral radius, and the norms ‖∂h_t/∂h_k‖ of its hidden-state Jacobians, with tanh
 * (the engine's `jacobianNormMatrix`) and without it (‖W_hhʲ‖, the engine's `matrixPowerNorms`).
 * Every number comes from the engine; this file only arranges it.
 */
import {
	buildNetwork,
	createRandom,
	eigenvalues,
	forward,
	jacobianNormMatrix,
	spectralNorm,
	spectralRadius,
	tanhDerivativeFromOutput,
	type Eigenvalue,
	type Network,
	type NetworkSpec
} from '$lib/engine';
import { matrixPowerNorms, powerSequence } from '$lib/engine/powers';
import type { Schema, Values } from '$lib/widgets/params';
import { sig } from '$lib/ui/format';

export const RADIUS_MIN = 0.1;
export const RADIUS_MAX = 2;
export const RADIUS_STEP = 0.05;
export const INPUT_SCALE_MAX = 10;
export const INPUT_SCALE_STEP = 0.1;
export const BIAS_LIMIT = 3;
export const BIAS_STEP = 0.1;
export const MAX_HIDDEN = 12;
export const MAX_STEPS = 40;
// Below this slope 1 − h² a unit counts as saturated: the tanh widget draws the same line.
export { SATURATION_SLOPE } from '$lib/widgets/tanh/model';
import { SATURATION_SLOPE } from '$lib/widgets/tanh/model';
/** The heatmap's colour scale runs over these norms (log scale); beyond them it keeps the end colours. */
/** How the widget writes norms and products: three significant digits, scientific outside 1e-4…1e6. */
export const short = (x: number) => sig(x, 3, { small: 1e-4, large: 1e6 });

export const COLOUR_DOMAIN: [number, number] = [1e-4, 1e4];

export const schema = {
	radius: {
		kind: 'number',
		min: RADIUS_MIN,
		max: RADIUS_MAX,
		default: 0.9,
		doc: 'The spectral radius (largest |eigenvalue|) W_hh is scaled to.'
	},
	inputScale: {
		kind: 'number',
		min: 0,
		max: INPUT_SCALE_MAX,
		default: 1,
		doc: 'Multiplies the inputs x_t (seeded, in [−1, 1)); large inputs push units into saturation.'
	},
	bias: {
		kind: 'number',
		min: -BIAS_LIMIT,
		max: BIAS_LIMIT,
		default: 0,
		doc: 'The bias b, the same for every hidden unit; a large |b| saturates the units.'
	},
	view: {
		kind: 'enum',
		values: ['tanh', 'linear'] as const,
		default: 'tanh',
		doc: 'What the heatmap shows: the RNN with tanh, or the same W_hh without tanh (‖W_hh^(t−k)‖).'
	},
	hidden: {
		kind: 'int',
		min: 2,
		max: MAX_HIDDEN,
		default: 8,
		doc: 'Hidden units H.'
	},
	steps: {
		kind: 'int',
		min: 2,
		max: MAX_STEPS,
		default: 24,
		doc: 'Time steps T (the heatmap is T × T).'
	},
	seed: {
		kind: 'int',
		min: 0,
		max: 4294967295,
		default: 1,
		doc: 'Seed of the weights (PyTorch\'s default init) and of the inputs.'
	}
} satisfies Schema;

export type JacobiansValues = Values<typeof schema>;
export const controls = ['radius', 'inputScale', 'bias', 'view', 'network'] as const;

export function networkSpec(hidden: number): NetworkSpec {
	return { inputSize: 1, layers: [{ cell: 'rnn', hiddenSize: hidden }], outputSize: 1 };
}

export interface Setup {
	network: Network;
	inputs: number[][];
	/** Spectral radius of the seed's W_hh before scaling. */
	seedRadius: number;
	/** The factor W_hh was multiplied by: radius / seedRadius. */
	scale: number;
}

/**
 * The network the widget analyses: the engine's PyTorch-style initialisation for `seed`, W_hh
 * scaled by the engine's `recurrentScale` so its spectral radius is `radius`, every bias set to
 * `bias`, and one input per step drawn from the seed in [−1, 1) times `inputScale`.
 */
export function setup(values: JacobiansValues): Setup {
	const spec = networkSpec(values.hidden);
	const unscaled = buildNetwork(spec, { seed: values.seed });
	const seedRadius = spectralRadius(unscaled.layers[0].params.Whh, values.hidden);
	if (!(seedRadius > 0)) throw new RangeError('This seed gives W_hh = 0, which cannot be scaled; try another seed.');
	const scale = values.radius / seedRadius;
	const network = buildNetwork(spec, { seed: values.seed, recurrentScale: scale, bias: 'zeros' });
	network.layers[0].params.bh.fill(values.bias);
	const random = createRandom(`jacobians-inputs:${values.seed}`);
	const inputs = Array.from({ length: values.steps }, () => [values.inputScale * random.range(-1, 1)]);
	return { network, inputs, seedRadius, scale };
}

export interface Analysis {
	steps: number;
	hidden: number;
	/** T × T, row t−1 (t = 1..T), column k (k = 0..T−1): ‖∂h_t/∂h_k‖ with tanh (engine). */
	withTanh: Float64Array;
	/** ‖W_hhʲ‖ for j = 1..T: the Jacobian product without tanh, which depends only on t − k. */
	linear: Float64Array;
	/** ‖∂h_T/∂h_{T−j}‖ for lag j = 1..T (index j − 1): the last row of `withTanh`, read backwards. */
	decayTanh: number[];
	/** radiusʲ for j = 1..T: the lecture's cⁿ with c = ρ(W_hh). */
	radiusPowers: number[];
	/** ρ(W_hh) of the scaled matrix, by the engine (Gelfand's formula). */
	engineRadius: number;
	/** Every eigenvalue of W_hh by the engine (Hessenberg + QR), largest |λ| first. */
	eigenvalues: Eigenvalue[];
	/** W_hh row by row, for mathjs' eigs (the reader's cross-check). */
	whh: number[][];
	/** ‖W_hh‖₂, the largest stretch W_hh gives any vector (≥ ρ). */
	normWhh: number;
	/** The largest tanh slope 1 − h² over every unit and step. */
	maxSlope: number;
	/** ‖W_hh‖₂ · max slope: when below 1, every step Jacobian shrinks vectors, so the products vanish at least as fast as its powers. */
	slopeBound: number;
	/** Mean of 1 − h² over every unit and step: 1 means tanh acts like the identity. */
	meanSlope: number;
	/** Share of unit-steps with 1 − h² below SATURATION_SLOPE. */
	saturatedShare: number;
}

export function analyse(values: JacobiansValues): Analysis {
	const { network, inputs } = setup(values);
	const H = values.hidden;
	const T = values.steps;
	const Whh = network.layers[0].params.Whh;
	const withTanh = jacobianNormMatrix(network, inputs).h;
	const linear = matrixPowerNorms(Whh, H, T);
	const decayTanh = Array.from({ length: T }, (_, j) => withTanh[(T - 1) * T + (T - 1 - j)]);
	const trace = forward(network, inputs);
	let slopeSum = 0;
	let saturated = 0;
	let maxSlope = 0;
	for (const h of trace.layers[0].h) {
		for (const v of h) {
			const slope = tanhDerivativeFromOutput(v);
			slopeSum += slope;
			maxSlope = Math.max(maxSlope, slope);
			if (slope < SATURATION_SLOPE) saturated++;
		}
	}
	const normWhh = spectralNorm(Whh, H, H);
	return {
		steps: T,
		hidden: H,
		withTanh,
		linear,
		decayTanh,
		radiusPowers: powerSequence(values.radius, T),
		engineRadius: spectralRadius(Whh, H),
		eigenvalues: eigenvalues(Whh, H),
		whh: Array.from({ length: H }, (_, r) => Array.from(Whh.subarray(r * H, (r + 1) * H))),
		normWhh,
		maxSlope,
		slopeBound: normWhh * maxSlope,
		meanSlope: slopeSum / (T * H),
		saturatedShare: saturated / (T * H)
	};
}

export type View = JacobiansValues['view'];

/** ‖∂h_t/∂h_k‖ for 0 ≤ k < t ≤ T, with tanh or without (then ‖W_hh^(t−k)‖). */
export function cellValue(analysis: Analysis, view: View, t: number, k: number): number {
	if (!Number.isInteger(t) || !Number.isInteger(k) || k < 0 || k >= t || t > analysis.steps) {
		throw new RangeError(`Need whole steps 0 ≤ k < t ≤ ${analysis.steps}, got t = ${t}, k = ${k}.`);
	}
	return view === 'tanh' ? analysis.withTanh[(t - 1) * analysis.steps + k] : analysis.linear[t - k - 1];
}

/** Below this the drawn product counts as vanished, above EXPLODES_ABOVE as exploded. */
export const VANISHES_BELOW = 0.1;
export const EXPLODES_ABOVE = 10;
export type Verdict = 'vanish' | 'explode' | 'hold';

/**
 * The verdict on the product the heatmap draws (its corner, ‖∂h_T/∂h_0‖ with or without tanh):
 * read from that number, never from ρ, because the tanh slopes between the W_hh factors can make
 * a product vanish at ρ > 1 (saturation) or hold at ρ < 1 (a non-normal W_hh).
 */
export function verdictOf(analysis: Analysis, view: View): { verdict: Verdict; corner: number } {
	const corner = cellValue(analysis, view, analysis.steps, 0);
	const verdict = corner < VANISHES_BELOW ? 'vanish' : corner > EXPLODES_ABOVE ? 'explode' : 'hold';
	return { verdict, corner };
}

/** How the slopes look: enough saturated unit-steps to name, or slopes below 1 without saturation. */
export function slopeStory(analysis: Analysis): 'saturated' | 'below-one' | 'near-one' {
	if (analysis.saturatedShare >= 0.05) return 'saturated';
	return analysis.meanSlope < 0.9 ? 'below-one' : 'near-one';
}

export interface Cell {
	t: number;
	k: number;
}

/** Every cell the heatmap draws: t = 1..T (rows), k = 0..t−1 (columns). */
export function cells(steps: number): Cell[] {
	const out: Cell[] = [];
	for (let t = 1; t <= steps; t++) for (let k = 0; k < t; k++) out.push({ t, k });
	return out;
}

/** Keeps a selected cell inside the triangle when T shrinks. */
export function clampCell(cell: Cell, steps: number): Cell {
	const t = Math.min(Math.max(cell.t, 1), steps);
	const k = Math.min(Math.max(cell.k, 0), t - 1);
	return { t, k };
}

/** The cell an arrow key moves to (rows are t, columns k), staying where k < t ≤ T. */
export function moveCell(cell: Cell, key: string, steps: number): Cell | null {
	const { t, k } = cell;
	switch (key) {
		case 'ArrowLeft':
			return k > 0 ? { t, k: k - 1 } : null;
		case 'ArrowRight':
			return k < t - 1 ? { t, k: k + 1 } : null;
		case 'ArrowUp':
			return t - 1 > k ? { t: t - 1, k } : null;
		case 'ArrowDown':
			return t < steps ? { t: t + 1, k } : null;
		case 'Home':
			return { t, k: 0 };
		case 'End':
			return { t, k: t - 1 };
		default:
			return null;
	}
}

/** Slider values without binary noise (0.1 + 0.2), so links stay short. */
export function tidy(value: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

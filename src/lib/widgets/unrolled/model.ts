/**
 * The unrolled RNN's state and everything computed from it. UI-free on purpose: the forward
 * step-through (`/embed/unrolled`) and the backward pass (`/embed/bptt`) share this URL state and
 * these functions, so a link can be opened in either.
 *
 * The network is one plain RNN layer with a dense head:
 *
 *   a_t = W_xh x_t + W_hh h_{t-1} + b,   h_t = tanh(a_t),   y_t = W_hy h_t + b_y
 *
 * All arithmetic is the engine's (`$lib/engine`): this file only turns URL values into an engine
 * network and inputs (`toNetwork`, `inputRows`), asks the engine for a trace (`simulate`), and
 * edits the flat number lists that the URL holds (presets, resizing, single entries).
 *
 * URL layout: every matrix is flattened row-major (`wxh` is hidden × input, `whh` hidden × hidden,
 * `why` output × hidden), `x` holds x_1 … x_T one after the other (steps × input), and numbers are
 * written in JavaScript's shortest exact form (params.ts), so a link reproduces every weight bit
 * for bit.
 */
import {
	buildNetwork,
	createNetwork,
	createRandom,
	forward,
	type Network,
	type Trace
} from '$lib/engine';
import { serializeQuery, parseQuery, type NumberListParam, type NumberParam, type Schema, type Values } from '$lib/widgets/params';

/** Sizes small enough to draw every number legibly. */
export const SIZE_LIMITS = { input: 6, hidden: 8, output: 4, steps: 12 } as const;
/** Largest magnitude of a weight, input or initial state (tanh is flat long before this). */
export const VALUE_LIMIT = 100;
export const DEFAULT_SIZES: Sizes = { input: 3, hidden: 4, output: 2, steps: 5 };
export const DEFAULT_SEED = 7;
/** Seeded random weights are rounded to this many decimals, so the numbers shown are the numbers used. */
export const WEIGHT_DECIMALS = 2;
/** Seeded random inputs are rounded to this many decimals. */
export const INPUT_DECIMALS = 1;

export interface Sizes {
	input: number;
	hidden: number;
	output: number;
	steps: number;
}

/** The trainable parameters, each a flat row-major list as in the URL. */
export interface Weights {
	wxh: number[];
	whh: number[];
	b: number[];
	why: number[];
	by: number[];
}

export type WeightName = keyof Weights;
export type ListName = WeightName | 'x' | 'h0';

/** A consistent network state: every list has the length its sizes require. */
export interface RnnState extends Weights {
	sizes: Sizes;
	/** x_1 … x_T, steps × input, row-major. */
	x: number[];
	h0: number[];
	/** 0 = before the first step (only h_0 known), T = every step computed. */
	step: number;
	seed: number;
}

/** Rows × columns of every list for the given sizes (a vector has one column). */
export function shapeOf(name: ListName, sizes: Sizes): { rows: number; cols: number } {
	switch (name) {
		case 'wxh':
			return { rows: sizes.hidden, cols: sizes.input };
		case 'whh':
			return { rows: sizes.hidden, cols: sizes.hidden };
		case 'b':
		case 'h0':
			return { rows: sizes.hidden, cols: 1 };
		case 'why':
			return { rows: sizes.output, cols: sizes.hidden };
		case 'by':
			return { rows: sizes.output, cols: 1 };
		case 'x':
			return { rows: sizes.steps, cols: sizes.input };
	}
}

export const WEIGHT_NAMES: readonly WeightName[] = ['wxh', 'whh', 'b', 'why', 'by'];
export const LIST_NAMES: readonly ListName[] = [...WEIGHT_NAMES, 'h0', 'x'];

const clean = (v: number) => v + 0; // turns −0 into 0, so links never say "-0"
const roundTo = (v: number, decimals: number) => clean(Number(v.toFixed(decimals)));
/** Removes binary noise such as 0.30000000000000004 from the result of a nudge or a scale. */
export function tidy(v: number): number {
	return clean(Number(v.toPrecision(12)));
}

/** The engine's network shape for these sizes: one RNN layer and a dense head. */
export function networkSpec(sizes: Sizes) {
	return { inputSize: sizes.input, layers: [{ cell: 'rnn' as const, hiddenSize: sizes.hidden }], outputSize: sizes.output };
}

/**
 * Seeded random weights from the engine's initialiser (PyTorch's default: every RNN weight and
 * bias uniform in ±1/√hidden, the head uniform in ±1/√hidden), rounded to two decimals.
 */
export function randomWeights(sizes: Sizes, seed: number): Weights {
	const network = buildNetwork(networkSpec(sizes), { seed });
	return readWeights(network, (v) => roundTo(v, WEIGHT_DECIMALS));
}

/** Seeded random inputs, uniform in [−1, 1) and rounded to one decimal; independent of the weights' draw. */
export function randomInputs(sizes: Sizes, seed: number): number[] {
	const random = createRandom(`inputs:${seed}`);
	return Array.from({ length: sizes.steps * sizes.input }, () => roundTo(random.range(-1, 1), INPUT_DECIMALS));
}

function readWeights(network: Network, map: (v: number) => number = (v) => v): Weights {
	const layer = network.layers[0];
	return {
		wxh: Array.from(layer.params.Wxh, map),
		whh: Array.from(layer.params.Whh, map),
		b: Array.from(layer.params.bh, map),
		why: Array.from(network.head.W, map),
		by: Array.from(network.head.b, map)
	};
}

const L = SIZE_LIMITS;

/** A flattened matrix or vector in the URL; empty means "from the seed". */
function valueList(maxLength: number, doc: string): NumberListParam {
	return { kind: 'number-list', min: -VALUE_LIMIT, max: VALUE_LIMIT, minLength: 1, maxLength, default: [], doc };
}

export const schema = {
	input: { kind: 'int', min: 1, max: L.input, default: DEFAULT_SIZES.input, doc: 'Entries of each input x_t.' },
	hidden: { kind: 'int', min: 1, max: L.hidden, default: DEFAULT_SIZES.hidden, doc: 'Hidden units: entries of h_t.' },
	output: { kind: 'int', min: 1, max: L.output, default: DEFAULT_SIZES.output, doc: 'Outputs of the head y_t = W_hy h_t + b_y.' },
	steps: { kind: 'int', min: 1, max: L.steps, default: DEFAULT_SIZES.steps, doc: 'Time steps T.' },
	step: {
		kind: 'int',
		min: 0,
		max: L.steps,
		default: 1,
		doc: 'The step shown: `0` shows only h₀, `T` every step; values above T show step T.'
	},
	seed: {
		kind: 'int',
		min: 0,
		max: 4294967295,
		default: DEFAULT_SEED,
		doc: 'Seed of the engine\'s random weights (PyTorch\'s default init, rounded to 2 decimals); also fills new entries when a size grows.'
	},
	wxh: valueList(L.hidden * L.input, 'W_xh, hidden × input, row by row (absent: from the seed).'),
	whh: valueList(L.hidden * L.hidden, 'W_hh, hidden × hidden, row by row.'),
	b: valueList(L.hidden, 'The bias b, one number per hidden unit.'),
	why: valueList(L.output * L.hidden, 'W_hy, output × hidden, row by row.'),
	by: valueList(L.output, 'The head bias b_y, one number per output.'),
	h0: valueList(L.hidden, 'The initial state h_0.'),
	x: valueList(L.steps * L.input, 'The inputs x_1 … x_T, one after the other (steps × input).')
} satisfies Schema;

export type UnrolledValues = Values<typeof schema>;

/** Controls an instructor may hide with hide=… */
export const controls = ['transport', 'sizes', 'presets', 'history'] as const;

/** What one typed or dragged number must be: the same rule as the URL's lists. */
export const entrySpec: NumberParam = {
	kind: 'number',
	min: -VALUE_LIMIT,
	max: VALUE_LIMIT,
	default: 0,
	doc: 'A weight, input or initial state.'
};

export function sizesOf(values: Pick<UnrolledValues, keyof Sizes>): Sizes {
	return { input: values.input, hidden: values.hidden, output: values.output, steps: values.steps };
}

function expectedLength(name: ListName, sizes: Sizes): number {
	const { rows, cols } = shapeOf(name, sizes);
	return rows * cols;
}

/** The values a list is filled from when it must be (re)made for `sizes`. */
function fillFor(name: ListName, sizes: Sizes, seed: number): number[] {
	if (name === 'x') return randomInputs(sizes, seed);
	if (name === 'h0') return Array.from({ length: sizes.hidden }, () => 0);
	return randomWeights(sizes, seed)[name];
}

const SYMBOL: Record<ListName, string> = {
	wxh: 'W_xh',
	whh: 'W_hh',
	b: 'b',
	why: 'W_hy',
	by: 'b_y',
	h0: 'h_0',
	x: 'x'
};

/**
 * A consistent state from URL values. A list left out of the link (empty) comes from the seed
 * (h_0: zeros), so `?seed=42&hidden=6` is a whole network. A list whose length does not fit the
 * sizes (a hand-edited link) is replaced the same way, with a message saying so; `step` is
 * clamped to 0…T. Never throws.
 */
export function readState(values: UnrolledValues): { state: RnnState; issues: string[] } {
	const sizes = sizesOf(values);
	const issues: string[] = [];
	const lists = {} as Record<ListName, number[]>;
	for (const name of LIST_NAMES) {
		const given = values[name];
		const need = expectedLength(name, sizes);
		if (given.length === need) {
			lists[name] = given;
		} else if (given.length === 0) {
			lists[name] = fillFor(name, sizes, values.seed);
		} else {
			const { rows, cols } = shapeOf(name, sizes);
			const shape = cols === 1 ? `${rows} numbers` : `${rows} × ${cols} = ${need} numbers`;
			issues.push(
				`${name} (${SYMBOL[name]}) has ${given.length} ${given.length === 1 ? 'number' : 'numbers'}, but these sizes need ${shape}; ${name === 'h0' ? 'zeros are' : `seed ${values.seed}'s values are`} used instead.`
			);
			lists[name] = fillFor(name, sizes, values.seed);
		}
	}
	const step = Math.min(Math.max(values.step, 0), sizes.steps);
	return { state: { sizes, ...lists, step, seed: values.seed }, issues };
}

/** The URL values of a state (the inverse of `readState` for a consistent state). */
export function valuesOf(state: RnnState): UnrolledValues {
	return {
		...state.sizes,
		step: state.step,
		seed: state.seed,
		wxh: [...state.wxh],
		whh: [...state.whh],
		b: [...state.b],
		why: [...state.why],
		by: [...state.by],
		h0: [...state.h0],
		x: [...state.x]
	};
}

/** The engine network holding exactly these weights and this h_0 (an adapter over `createNetwork`'s views). */
export function toNetwork(state: RnnState): Network {
	const network = createNetwork(networkSpec(state.sizes));
	const layer = network.layers[0];
	layer.params.Wxh.set(state.wxh);
	layer.params.Whh.set(state.whh);
	layer.params.bh.set(state.b);
	layer.h0.set(state.h0);
	network.head.W.set(state.why);
	network.head.b.set(state.by);
	return network;
}

/** x_1 … x_T as one array per step, as the engine's `forward` takes them. */
export function inputRows(state: RnnState): number[][] {
	const { input, steps } = state.sizes;
	return Array.from({ length: steps }, (_, t) => state.x.slice(t * input, (t + 1) * input));
}

/** The engine's forward trace over the whole sequence: a_t, h_t and y_t for every step. */
export function simulate(state: RnnState): Trace {
	return forward(toNetwork(state), inputRows(state));
}

/** Everything the equation shows at step t ≥ 1, straight from the trace. */
export interface StepView {
	t: number;
	x: Float64Array;
	hPrev: Float64Array;
	a: Float64Array;
	h: Float64Array;
	y: Float64Array;
}

export function stepView(trace: Trace, state: RnnState, t: number): StepView | null {
	if (t < 1 || t > trace.steps) return null;
	const layer = trace.layers[0];
	const { input } = state.sizes;
	return {
		t,
		x: Float64Array.from(state.x.slice((t - 1) * input, t * input)),
		hPrev: t === 1 ? layer.h0 : layer.h[t - 2],
		a: layer.preActivations.h[t - 1],
		h: layer.h[t - 1],
		y: trace.outputs[t - 1]
	};
}

/** h_t for t = 0 … T (h_0 first), from the trace. */
export function statesOf(trace: Trace): Float64Array[] {
	return [trace.layers[0].h0, ...trace.layers[0].h];
}

// ——— Edits. Each returns a patch of URL values; apply it with Object.assign(values, patch). ———

export type Patch = Partial<UnrolledValues>;

export type Preset =
	| { kind: 'random'; seed: number }
	| { kind: 'zero' }
	| { kind: 'identity' }
	| { kind: 'scale'; factor: number };

export const SCALE_LIMIT = 10;

/**
 * Weight presets: seeded random (the engine's initialiser), all zeros, W_hh = I (Le et al.'s IRNN
 * start, from the engine's identity initialiser), or W_hh times a factor (clamped to ±VALUE_LIMIT).
 * Inputs, h_0 and the step are left alone.
 */
export function applyPreset(state: RnnState, preset: Preset): Patch {
	const sizes = state.sizes;
	switch (preset.kind) {
		case 'random':
			return { ...randomWeights(sizes, preset.seed), seed: preset.seed };
		case 'zero': {
			const zeros = (name: WeightName) => Array.from({ length: expectedLength(name, sizes) }, () => 0);
			return { wxh: zeros('wxh'), whh: zeros('whh'), b: zeros('b'), why: zeros('why'), by: zeros('by') };
		}
		case 'identity': {
			const network = buildNetwork(networkSpec(sizes), { seed: state.seed, recurrent: 'identity' });
			return { whh: readWeights(network).whh };
		}
		case 'scale': {
			if (!Number.isFinite(preset.factor) || Math.abs(preset.factor) > SCALE_LIMIT) {
				throw new RangeError(`The factor must be a number from ${-SCALE_LIMIT} to ${SCALE_LIMIT}.`);
			}
			return { whh: state.whh.map((v) => clampValue(tidy(v * preset.factor))) };
		}
	}
}

export function clampValue(v: number): number {
	return Math.min(VALUE_LIMIT, Math.max(-VALUE_LIMIT, v));
}

/**
 * New sizes, keeping every number whose row and column still exist; new entries come from the
 * seeded values for the new sizes (zeros for h_0). The step is clamped to the new T.
 */
export function resize(state: RnnState, next: Partial<Sizes>): Patch {
	const sizes: Sizes = { ...state.sizes, ...next };
	const patch: Patch = { ...sizes, step: Math.min(state.step, sizes.steps) };
	for (const name of LIST_NAMES) {
		const before = shapeOf(name, state.sizes);
		const after = shapeOf(name, sizes);
		if (before.rows === after.rows && before.cols === after.cols) {
			patch[name] = [...state[name]];
			continue;
		}
		const fill = fillFor(name, sizes, state.seed);
		const out = new Array<number>(after.rows * after.cols);
		for (let r = 0; r < after.rows; r++) {
			for (let c = 0; c < after.cols; c++) {
				out[r * after.cols + c] =
					r < before.rows && c < before.cols ? state[name][r * before.cols + c] : fill[r * after.cols + c];
			}
		}
		patch[name] = out;
	}
	return patch;
}

/** One editable number: a list and a flat (row-major) index into it. */
export interface EntryRef {
	name: ListName;
	index: number;
}

/** Sets one number (validated by the caller against `entrySpec`; clamped here for safety). */
export function setEntry(state: RnnState, ref: EntryRef, value: number): Patch {
	if (!Number.isFinite(value)) throw new RangeError('A weight must be a finite number.');
	const length = expectedLength(ref.name, state.sizes);
	if (!Number.isInteger(ref.index) || ref.index < 0 || ref.index >= length) {
		throw new RangeError(`${ref.name} has no entry ${ref.index}.`);
	}
	const next = [...state[ref.name]];
	next[ref.index] = clampValue(clean(value));
	return { [ref.name]: next };
}

/** Row and column (1-based) of a flat index, for names and highlighting. */
export function rowCol(ref: EntryRef, sizes: Sizes): { row: number; col: number } {
	const { cols } = shapeOf(ref.name, sizes);
	return { row: Math.floor(ref.index / cols) + 1, col: (ref.index % cols) + 1 };
}

/** An accessible name, e.g. "W_hh row 2 column 3", "b entry 2", "x_3 entry 1", "h_0 entry 4". */
export function entryLabel(ref: EntryRef, sizes: Sizes): string {
	const { row, col } = rowCol(ref, sizes);
	switch (ref.name) {
		case 'wxh':
		case 'whh':
		case 'why':
			return `${SYMBOL[ref.name]} row ${row} column ${col}`;
		case 'x':
			return `x_${row} entry ${col}`;
		default:
			return `${SYMBOL[ref.name]} entry ${row}`;
	}
}

// ——— Snapshots for undo/redo: the whole network state except the step being looked at. ———

/**
 * The network part of the state as text, with every list written out (the step is navigation,
 * not an edit, and a list left to the seed equals the same list written out).
 */
export function snapshot(values: UnrolledValues): string {
	const params = serializeQuery(schema, valuesOf(readState(values).state));
	params.delete('step');
	return params.toString();
}

/** The values a snapshot stands for, keeping the current step (clamped to the snapshot's T). */
export function restore(text: string, step: number): UnrolledValues {
	const values = parseQuery(schema, text).values;
	values.step = Math.min(step, values.steps);
	return values;
}

/** True when some list is left to the seed or does not fit: `valuesOf(readState(v).state)` differs. */
export function needsFilling(values: UnrolledValues): boolean {
	const sizes = sizesOf(values);
	return LIST_NAMES.some((name) => values[name].length !== expectedLength(name, sizes));
}

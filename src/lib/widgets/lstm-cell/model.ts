/**
 * The LSTM cell widget's state and everything computed from it. UI-free. One LSTM layer:
 *
 *   i, f, o = σ(W_x? x_t + W_h? h_{t−1} + b_?),   g = tanh(W_xg x_t + W_hg h_{t−1} + b_g)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,                      h_t = o ⊙ tanh(c_t)
 *
 * with optional gate clamps (`clamp=f:1,i:0`), which the engine applies in the forward and the
 * backward pass. All arithmetic is the engine's: this file turns URL values into an engine network
 * (`toNetwork`), asks for a trace and for the carry-line comparison (`analyse`), and edits the
 * flat lists the URL holds.
 *
 * URL layout: `wxi` … `wxo` are hidden × input, `whi` … `who` hidden × hidden, row-major; `x` holds
 * x_1 … x_T one after the other; numbers in JavaScript's shortest exact form, so a link
 * reproduces every weight bit for bit.
 */
import {
	buildNetwork,
	checkClamp,
	compareCarry,
	createNetwork,
	createRandom,
	forward,
	gateRange,
	LSTM_GATES,
	type CarryComparison,
	type GateClamp,
	type LstmGate,
	type Network,
	type Trace
} from '$lib/engine';
import type { NumberListParam, NumberParam, Schema, Values } from '$lib/widgets/params';

export const SIZE_LIMITS = { input: 3, hidden: 3, steps: 12 } as const;
export const VALUE_LIMIT = 100;
export const DEFAULT_SEED = 3;
export { LSTM_GATES, type LstmGate };

const L = SIZE_LIMITS;

export const WEIGHT_NAMES = ['wxi', 'wxf', 'wxg', 'wxo', 'whi', 'whf', 'whg', 'who', 'bi', 'bf', 'bg', 'bo'] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];
export type ListName = WeightName | 'h0' | 'c0' | 'x';
export const LIST_NAMES: readonly ListName[] = [...WEIGHT_NAMES, 'h0', 'c0', 'x'];

/** The engine's parameter name for each URL list. */
const ENGINE_NAME: Record<WeightName, string> = {
	wxi: 'Wxi', wxf: 'Wxf', wxg: 'Wxg', wxo: 'Wxo',
	whi: 'Whi', whf: 'Whf', whg: 'Whg', who: 'Who',
	bi: 'bi', bf: 'bf', bg: 'bg', bo: 'bo'
};

function valueList(maxLength: number, doc: string): NumberListParam {
	// Empty (the default) means "from the seed", so an empty list in a link is accepted too.
	return { kind: 'number-list', min: -VALUE_LIMIT, max: VALUE_LIMIT, minLength: 0, maxLength, default: [], doc };
}

const GATE_WORD: Record<LstmGate, string> = { i: 'input gate', f: 'forget gate', g: 'candidate', o: 'output gate' };

export const schema = {
	input: { kind: 'int', min: 1, max: L.input, default: 1, doc: 'Entries of each input x_t.' },
	hidden: { kind: 'int', min: 1, max: L.hidden, default: 2, doc: 'Units: entries of h_t and c_t.' },
	steps: { kind: 'int', min: 1, max: L.steps, default: 6, doc: 'Time steps T.' },
	step: { kind: 'int', min: 0, max: L.steps, default: 1, doc: 'The step shown, 0 (only h_0, c_0) to T.' },
	seed: { kind: 'int', min: 0, max: 4294967295, default: DEFAULT_SEED, doc: 'Seed of the random weights and inputs (and of new entries when a size grows).' },
	clamp: {
		kind: 'text',
		maxLength: 60,
		default: '',
		doc: 'Gates fixed to a value for every unit, in the forward and backward pass: comma-separated gate:value pairs, gates i, f, o in [0, 1] and g in [−1, 1], e.g. f:1,i:0. Empty: no clamp.'
	},
	...(Object.fromEntries(
		WEIGHT_NAMES.map((name) => {
			const gate = name.at(-1) as LstmGate;
			const doc = name.startsWith('wx')
				? `W_x${gate} (${GATE_WORD[gate]}), hidden × input, row by row (absent: from the seed).`
				: name.startsWith('wh')
					? `W_h${gate} (${GATE_WORD[gate]}), hidden × hidden, row by row.`
					: `The bias b_${gate} of the ${GATE_WORD[gate]}, one number per unit.`;
			return [name, valueList(name.startsWith('wh') ? L.hidden * L.hidden : name.startsWith('wx') ? L.hidden * L.input : L.hidden, doc)];
		})
	) as Record<WeightName, NumberListParam>),
	h0: valueList(L.hidden, 'The initial hidden state h_0 (absent: zeros).'),
	c0: valueList(L.hidden, 'The initial cell state c_0 (absent: from the seed).'),
	x: valueList(L.steps * L.input, 'The inputs x_1 … x_T, one after the other (steps × input).')
} satisfies Schema;

export type LstmValues = Values<typeof schema>;

/** Controls an instructor may hide with hide=… */
export const controls = ['transport', 'clamp', 'sizes', 'presets', 'carry'] as const;

export const entrySpec: NumberParam = { kind: 'number', min: -VALUE_LIMIT, max: VALUE_LIMIT, default: 0, doc: 'A weight, input or initial state.' };

export interface Sizes {
	input: number;
	hidden: number;
	steps: number;
}

export interface LstmState extends Record<ListName, number[]> {
	sizes: Sizes;
	step: number;
	seed: number;
	clamp: GateClamp;
}

export function shapeOf(name: ListName, sizes: Sizes): { rows: number; cols: number } {
	if (name === 'x') return { rows: sizes.steps, cols: sizes.input };
	if (name.startsWith('wx')) return { rows: sizes.hidden, cols: sizes.input };
	if (name.startsWith('wh')) return { rows: sizes.hidden, cols: sizes.hidden };
	return { rows: sizes.hidden, cols: 1 };
}

const clean = (v: number) => v + 0;
const roundTo = (v: number, decimals: number) => clean(Number(v.toFixed(decimals)));

function spec(sizes: Sizes, clamp: GateClamp = {}) {
	return { inputSize: sizes.input, layers: [{ cell: 'lstm' as const, hiddenSize: sizes.hidden, clamp }], outputSize: 1 };
}

/** Seeded weights from the engine's initialiser (PyTorch's ±1/√hidden), rounded to two decimals. */
export function randomWeights(sizes: Sizes, seed: number): Record<WeightName, number[]> {
	const network = buildNetwork(spec(sizes), { seed });
	const p = network.layers[0].params;
	return Object.fromEntries(WEIGHT_NAMES.map((n) => [n, Array.from(p[ENGINE_NAME[n]], (v) => roundTo(v, 2))])) as Record<WeightName, number[]>;
}

function fillFor(name: ListName, sizes: Sizes, seed: number): number[] {
	const random = (what: string, n: number, decimals: number) => {
		const r = createRandom(`${what}:${seed}`);
		return Array.from({ length: n }, () => roundTo(r.range(-1, 1), decimals));
	};
	if (name === 'x') return random('inputs', sizes.steps * sizes.input, 1);
	if (name === 'h0') return new Array(sizes.hidden).fill(0);
	if (name === 'c0') return random('c0', sizes.hidden, 1);
	return randomWeights(sizes, seed)[name];
}

/** "f:1,i:0" → { f: 1, i: 0 }, checked by the engine's rules; an error message otherwise. */
export function parseClamp(text: string): { clamp: GateClamp; error: string | null } {
	const trimmed = text.trim();
	if (trimmed === '') return { clamp: {}, error: null };
	const clamp: GateClamp = {};
	for (const part of trimmed.split(',')) {
		const match = /^\s*([a-z])\s*[:=]\s*([+\-−]?(?:\d+\.?\d*|\.\d+))\s*$/i.exec(part);
		const gate = match?.[1].toLowerCase() as LstmGate | undefined;
		if (!match || !gate || !LSTM_GATES.includes(gate) || gate in clamp) {
			return { clamp: {}, error: `“clamp=${text}” is not valid: write gate:value pairs such as f:1,i:0, each gate (i, f, g, o) once. No gate is clamped.` };
		}
		const value = Number(match[2].replace('−', '-'));
		const [lo, hi] = gateRange(gate);
		if (!(value >= lo && value <= hi)) {
			return { clamp: {}, error: `“clamp=${text}”: gate ${gate} can only be clamped to a number from ${lo} to ${hi}. No gate is clamped.` };
		}
		clamp[gate] = clean(value);
	}
	checkClamp('lstm', clamp, 'clamp');
	return { clamp, error: null };
}

/** { f: 1, i: 0 } → "i:0,f:1" (gate order). */
export function formatClamp(clamp: GateClamp): string {
	return LSTM_GATES.filter((g) => clamp[g] !== undefined).map((g) => `${g}:${clamp[g]}`).join(',');
}

/**
 * A consistent state from URL values. A list left out (empty) comes from the seed; a list whose
 * length does not fit the sizes is replaced the same way with a message; a bad clamp is dropped
 * with a message. Never throws.
 */
export function readState(values: LstmValues): { state: LstmState; issues: string[] } {
	const sizes: Sizes = { input: values.input, hidden: values.hidden, steps: values.steps };
	const issues: string[] = [];
	const lists = {} as Record<ListName, number[]>;
	for (const name of LIST_NAMES) {
		const given = values[name];
		const { rows, cols } = shapeOf(name, sizes);
		if (given.length === rows * cols) lists[name] = given;
		else {
			if (given.length > 0) {
				issues.push(`${name} has ${given.length} numbers, but these sizes need ${rows * cols}; ${name === 'h0' ? 'zeros are' : `seed ${values.seed}'s values are`} used instead.`);
			}
			lists[name] = fillFor(name, sizes, values.seed);
		}
	}
	const { clamp, error } = parseClamp(values.clamp);
	if (error) issues.push(error);
	const step = Math.min(Math.max(values.step, 0), sizes.steps);
	return { state: { ...lists, sizes, step, seed: values.seed, clamp }, issues };
}

/** The URL values of a consistent state. */
export function valuesOf(state: LstmState): LstmValues {
	const lists = Object.fromEntries(LIST_NAMES.map((n) => [n, [...state[n]]])) as Record<ListName, number[]>;
	return { ...state.sizes, step: state.step, seed: state.seed, clamp: formatClamp(state.clamp), ...lists };
}

/** True when some list is left to the seed or does not fit its sizes. */
export function needsFilling(values: LstmValues): boolean {
	const sizes = { input: values.input, hidden: values.hidden, steps: values.steps };
	return LIST_NAMES.some((n) => values[n].length !== shapeOf(n, sizes).rows * shapeOf(n, sizes).cols);
}

/** The engine network holding exactly these weights, states and clamps (the head is unused: zeros). */
export function toNetwork(state: LstmState): Network {
	const network = createNetwork(spec(state.sizes, state.clamp));
	const layer = network.layers[0];
	for (const name of WEIGHT_NAMES) layer.params[ENGINE_NAME[name]].set(state[name]);
	layer.h0.set(state.h0);
	layer.c0?.set(state.c0);
	return network;
}

export function inputRows(state: LstmState): number[][] {
	const { input, steps } = state.sizes;
	return Array.from({ length: steps }, (_, t) => state.x.slice(t * input, (t + 1) * input));
}

export interface Analysis {
	trace: Trace;
	/** c_0 … c_T and h_0 … h_T. */
	c: Float64Array[];
	h: Float64Array[];
	carry: CarryComparison;
}

/** The engine's forward trace and the carry-line comparison; throws an EngineError on bad input. */
export function analyse(state: LstmState): Analysis {
	const network = toNetwork(state);
	const inputs = inputRows(state);
	const trace = forward(network, inputs);
	const layer = trace.layers[0];
	return {
		trace,
		c: [layer.c0 as Float64Array, ...(layer.c as Float64Array[])],
		h: [layer.h0, ...layer.h],
		carry: compareCarry(network, inputs)
	};
}

/** Everything the equations show at step t ≥ 1, straight from the trace. */
export interface StepView {
	t: number;
	x: Float64Array;
	hPrev: Float64Array;
	cPrev: Float64Array;
	/** Pre-activations and values by gate. */
	z: Record<LstmGate, Float64Array>;
	gate: Record<LstmGate, Float64Array>;
	c: Float64Array;
	h: Float64Array;
}

export function stepView(analysis: Analysis, state: LstmState, t: number): StepView | null {
	const { trace, c, h } = analysis;
	if (t < 1 || t > trace.steps) return null;
	const layer = trace.layers[0];
	const pick = (rec: Record<string, Float64Array[]>) =>
		Object.fromEntries(LSTM_GATES.map((g) => [g, rec[g][t - 1]])) as Record<LstmGate, Float64Array>;
	const gate = pick(layer.gates);
	const cPrev = c[t - 1];
	const { input } = state.sizes;
	return {
		t,
		x: Float64Array.from(state.x.slice((t - 1) * input, t * input)),
		hPrev: h[t - 1],
		cPrev,
		z: pick(layer.preActivations),
		gate,
		c: c[t],
		h: h[t]
	};
}

// ——— Edits. Each returns a patch of URL values. ———

export type Patch = Partial<LstmValues>;

export function clampValue(v: number): number {
	return Math.min(VALUE_LIMIT, Math.max(-VALUE_LIMIT, v));
}

export function setEntry(state: LstmState, name: ListName, index: number, value: number): Patch {
	if (!Number.isFinite(value)) throw new RangeError('A weight must be a finite number.');
	const { rows, cols } = shapeOf(name, state.sizes);
	if (!Number.isInteger(index) || index < 0 || index >= rows * cols) throw new RangeError(`${name} has no entry ${index}.`);
	const next = [...state[name]];
	next[index] = clampValue(clean(value));
	return { [name]: next };
}

/** One gate's clamp changed (null: computed again). */
export function setClamp(state: LstmState, gate: LstmGate, value: number | null): Patch {
	const next: GateClamp = { ...state.clamp };
	if (value === null) delete next[gate];
	else {
		const [lo, hi] = gateRange(gate);
		if (!(value >= lo && value <= hi)) throw new RangeError(`Gate ${gate} takes values from ${lo} to ${hi}.`);
		next[gate] = clean(value);
	}
	return { clamp: formatClamp(next) };
}

/** New sizes, keeping every number whose row and column still exist; new entries from the seed. */
export function resize(state: LstmState, next: Partial<Sizes>): Patch {
	const sizes: Sizes = { ...state.sizes, ...next };
	const patch: Patch = { ...sizes, step: Math.min(state.step, sizes.steps) };
	for (const name of LIST_NAMES) {
		const before = shapeOf(name, state.sizes);
		const after = shapeOf(name, sizes);
		const fill = fillFor(name, sizes, state.seed);
		const out = new Array<number>(after.rows * after.cols);
		for (let r = 0; r < after.rows; r++) {
			for (let c = 0; c < after.cols; c++) {
				out[r * after.cols + c] = r < before.rows && c < before.cols ? state[name][r * before.cols + c] : fill[r * after.cols + c];
			}
		}
		patch[name] = out;
	}
	return patch;
}

export type Preset = { kind: 'random'; seed: number } | { kind: 'forget-bias'; value: number };

/** Seeded random weights, or every forget-gate bias set to one value (the long-lag trick). */
export function applyPreset(state: LstmState, preset: Preset): Patch {
	if (preset.kind === 'random') return { ...randomWeights(state.sizes, preset.seed), seed: preset.seed };
	if (!Number.isFinite(preset.value)) throw new RangeError('The bias must be a number.');
	return { bf: new Array(state.sizes.hidden).fill(clampValue(clean(preset.value))) };
}

/** An accessible name, e.g. "W_hf row 2 column 1", "b_f entry 2", "x_3 entry 1", "c_0 entry 1". */
export function entryLabel(name: ListName, index: number, sizes: Sizes): string {
	const { cols } = shapeOf(name, sizes);
	const row = Math.floor(index / cols) + 1;
	const col = (index % cols) + 1;
	if (name === 'x') return `x_${row} entry ${col}`;
	if (name === 'h0' || name === 'c0') return `${name[0]}_0 entry ${row}`;
	const gate = name.at(-1);
	if (name.startsWith('b')) return `b_${gate} entry ${row}`;
	return `W_${name[1]}${gate} row ${row} column ${col}`;
}

import { describe, expect, it } from 'vitest';
import { buildNetwork, createNetwork, forward } from '$lib/engine';
import { parseParamValue, parseQuery, serializeQuery } from '$lib/widgets/params';
import { History } from '$lib/widgets/unrolled/history';
import { keyOf, related } from '$lib/widgets/unrolled/highlight';
import { fmt, normalizeTyped } from '$lib/widgets/unrolled/format';
import {
	applyPreset,
	DEFAULT_SEED,
	entryLabel,
	entrySpec,
	inputRows,
	needsFilling,
	randomWeights,
	readState,
	resize,
	restore,
	schema,
	setEntry,
	simulate,
	snapshot,
	statesOf,
	stepView,
	toNetwork,
	valuesOf,
	type RnnState
} from '$lib/widgets/unrolled/model';

const stateOf = (query = '') => readState(parseQuery(schema, query).values).state;

/** A full state with awkward numbers: every list written out, non-default sizes and step. */
function awkwardState(): RnnState {
	const sizes = { input: 2, hidden: 3, output: 1, steps: 4 };
	const base = readState({ ...parseQuery(schema, '').values, ...sizes, seed: 99, step: 3 }).state;
	return {
		...base,
		wxh: [0.1, -0.2, 1 / 3, Math.PI, -1e-7, 2.5e-12],
		whh: [0.1 + 0.2, -0, 1, 0.5, -0.5, 0.25, 99.99999999999999, -100, 1e-300],
		h0: [0.125, -Math.E, 0],
		x: [1, 2, 3, 4, 5, 6, 7, 8.000000000000002]
	};
}

describe('unrolled: URL state', () => {
	it('a full state survives serialise → parse bit for bit (sizes, weights, inputs, h0, step, seed)', () => {
		const state = awkwardState();
		const values = valuesOf(state);
		const query = serializeQuery(schema, values).toString();
		const parsed = parseQuery(schema, query);
		expect(parsed.issues).toEqual([]);
		expect(parsed.values).toEqual({ ...values, whh: values.whh.map((v) => v + 0) });
		for (const [name, list] of Object.entries(parsed.values)) {
			if (Array.isArray(list)) {
				const original = (values as unknown as Record<string, number[]>)[name];
				list.forEach((v, i) => expect(Object.is(v, original[i] + 0), `${name}[${i}]`).toBe(true));
			}
		}
		expect(readState(parsed.values).issues).toEqual([]);
		expect(readState(parsed.values).state).toEqual({ ...state, whh: state.whh.map((v) => v + 0) });
	});

	it('defaults: 3 inputs, 4 hidden, 2 outputs, 5 steps, step 1; missing lists come from the seed', () => {
		const { state, issues } = readState(parseQuery(schema, '').values);
		expect(issues).toEqual([]);
		expect(state.sizes).toEqual({ input: 3, hidden: 4, output: 2, steps: 5 });
		expect(state.step).toBe(1);
		expect(state.seed).toBe(DEFAULT_SEED);
		expect(state.wxh).toHaveLength(12);
		expect(state.whh).toHaveLength(16);
		expect(state.why).toHaveLength(8);
		expect(state.x).toHaveLength(15);
		expect(state.h0).toEqual([0, 0, 0, 0]);
		expect(state.wxh).toEqual(randomWeights(state.sizes, DEFAULT_SEED).wxh);
		// another seed gives another network, with no list in the link
		expect(stateOf('seed=42').whh).not.toEqual(state.whh);
		expect(stateOf('seed=42').whh).toEqual(stateOf('seed=42').whh);
	});

	it('a list that does not fit the sizes is replaced by the seed’s values, with a message', () => {
		const { state, issues } = readState(parseQuery(schema, 'hidden=2&whh=1,2,3').values);
		expect(state.whh).toEqual(randomWeights(state.sizes, DEFAULT_SEED).whh);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toContain('whh');
		expect(issues[0]).toContain('2 × 2 = 4 numbers');
	});

	it('the step is clamped to 0…T', () => {
		expect(stateOf('steps=3&step=9').step).toBe(3);
		expect(stateOf('step=0').step).toBe(0);
	});

	it('bad values in a link fall back to the default with a message; 1e999 is not a number', () => {
		const parsed = parseQuery(schema, 'hidden=9&input=abc&whh=1,2,x&b=1e999');
		expect(parsed.values.hidden).toBe(4);
		expect(parsed.values.input).toBe(3);
		expect(parsed.issues.map((i) => i.param).sort()).toEqual(['b', 'hidden', 'input', 'whh']);
	});

	it('snapshots ignore the step, and a list left to the seed equals it written out', () => {
		const a = parseQuery(schema, 'step=1').values;
		const b = parseQuery(schema, 'step=4').values;
		expect(snapshot(a)).toBe(snapshot(b));
		expect(needsFilling(a)).toBe(true);
		const written = valuesOf(readState(a).state);
		expect(needsFilling(written)).toBe(false);
		expect(snapshot(written)).toBe(snapshot(a));
		expect(restore(snapshot(a), 4)).toEqual({ ...written, step: 4 });
	});
});

describe('unrolled: the model runs the engine', () => {
	it('h_t, a_t and y_t equal the engine’s forward on the same weights', () => {
		const state = awkwardState();
		const trace = simulate(state);
		// Build the same network independently through the engine's own views.
		const network = createNetwork({ inputSize: 2, layers: [{ cell: 'rnn', hiddenSize: 3 }], outputSize: 1 });
		network.layers[0].params.Wxh.set(state.wxh);
		network.layers[0].params.Whh.set(state.whh);
		network.layers[0].params.bh.set(state.b);
		network.layers[0].h0.set(state.h0);
		network.head.W.set(state.why);
		network.head.b.set(state.by);
		const expected = forward(network, [
			[1, 2],
			[3, 4],
			[5, 6],
			[7, 8.000000000000002]
		]);
		expect(trace.layers[0].h).toEqual(expected.layers[0].h);
		expect(trace.layers[0].preActivations.h).toEqual(expected.layers[0].preActivations.h);
		expect(trace.outputs).toEqual(expected.outputs);
		expect(inputRows(state)).toEqual([
			[1, 2],
			[3, 4],
			[5, 6],
			[7, 8.000000000000002]
		]);
	});

	it('the default network is the engine’s seeded network, rounded to two decimals', () => {
		const state = stateOf('');
		const engine = buildNetwork({ inputSize: 3, layers: [{ cell: 'rnn', hiddenSize: 4 }], outputSize: 2 }, { seed: DEFAULT_SEED });
		const rounded = Array.from(engine.layers[0].params.Whh, (v) => Number(v.toFixed(2)) + 0);
		expect(state.whh).toEqual(rounded);
		expect(Array.from(toNetwork(state).layers[0].params.Whh)).toEqual(rounded);
	});

	it('stepView reads x_t, h_{t−1}, a_t, h_t and y_t of one step from the trace', () => {
		const state = stateOf('step=2');
		const trace = simulate(state);
		const view = stepView(trace, state, 2)!;
		expect(Array.from(view.x)).toEqual(state.x.slice(3, 6));
		expect(view.hPrev).toEqual(trace.layers[0].h[0]);
		expect(view.a).toEqual(trace.layers[0].preActivations.h[1]);
		expect(view.h).toEqual(trace.layers[0].h[1]);
		expect(view.y).toEqual(trace.outputs[1]);
		expect(Array.from(stepView(trace, state, 1)!.hPrev)).toEqual(state.h0);
		expect(stepView(trace, state, 0)).toBeNull();
		expect(statesOf(trace)).toHaveLength(6);
	});

	it('editing one weight changes h_t exactly as the engine says, and nothing before its first use', () => {
		const state = stateOf('');
		const patch = setEntry(state, { name: 'whh', index: 6 }, 0.75);
		const edited = readState({ ...valuesOf(state), ...patch }).state;
		expect(edited.whh[6]).toBe(0.75);
		const before = simulate(state);
		const after = simulate(edited);
		// h_1 does not use W_hh when h_0 = 0; h_2 does.
		expect(after.layers[0].h[0]).toEqual(before.layers[0].h[0]);
		expect(after.layers[0].h[1]).not.toEqual(before.layers[0].h[1]);
		const network = toNetwork(edited);
		expect(after.layers[0].h).toEqual(forward(network, inputRows(edited)).layers[0].h);
	});
});

describe('unrolled: presets and resizing', () => {
	it('random: the engine’s seeded weights, and the seed is kept', () => {
		const state = stateOf('');
		const patch = applyPreset(state, { kind: 'random', seed: 123 });
		expect(patch.seed).toBe(123);
		expect(patch.whh).toEqual(randomWeights(state.sizes, 123).whh);
		expect(patch.x).toBeUndefined();
		for (const v of patch.wxh!) expect(Math.abs(v)).toBeLessThanOrEqual(0.5); // ±1/√4
	});

	it('zero, identity and scale', () => {
		const state = stateOf('');
		const zero = applyPreset(state, { kind: 'zero' });
		expect(zero.whh).toEqual(new Array(16).fill(0));
		expect(zero.by).toEqual([0, 0]);
		const zeroTrace = simulate(readState({ ...valuesOf(state), ...zero }).state);
		expect(Array.from(zeroTrace.layers[0].h[4])).toEqual([0, 0, 0, 0]);

		expect(applyPreset(state, { kind: 'identity' })).toEqual({
			whh: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
		});
		const scaled = applyPreset(state, { kind: 'scale', factor: 3 });
		expect(scaled.whh).toEqual(state.whh.map((v) => Number((v * 3).toPrecision(12)) + 0));
		expect(() => applyPreset(state, { kind: 'scale', factor: 1e9 })).toThrow(RangeError);
	});

	it('resizing keeps every number whose row and column survive', () => {
		const state = stateOf('step=5');
		const grown = resize(state, { hidden: 5 });
		expect(grown.hidden).toBe(5);
		expect(grown.whh).toHaveLength(25);
		for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(grown.whh![r * 5 + c]).toBe(state.whh[r * 4 + c]);
		expect(grown.h0).toEqual([0, 0, 0, 0, 0]);
		const shrunk = resize(state, { steps: 2, input: 2 });
		expect(shrunk.step).toBe(2);
		expect(shrunk.x).toEqual([state.x[0], state.x[1], state.x[3], state.x[4]]);
		const next = readState({ ...valuesOf(state), ...shrunk });
		expect(next.issues).toEqual([]);
	});
});

describe('unrolled: editing single numbers', () => {
	it('validates typed text like the URL does, and names every entry', () => {
		expect(parseParamValue(entrySpec, 'abc').ok).toBe(false);
		expect(parseParamValue(entrySpec, '1e999').ok).toBe(false);
		expect(parseParamValue(entrySpec, '101').ok).toBe(false);
		expect(parseParamValue(entrySpec, normalizeTyped('−0,5'))).toEqual({ ok: true, value: -0.5 });
		const state = stateOf('');
		expect(() => setEntry(state, { name: 'whh', index: 16 }, 1)).toThrow(RangeError);
		expect(() => setEntry(state, { name: 'whh', index: 0 }, Number.NaN)).toThrow(RangeError);
		expect(entryLabel({ name: 'whh', index: 6 }, state.sizes)).toBe('W_hh row 2 column 3');
		expect(entryLabel({ name: 'wxh', index: 5 }, state.sizes)).toBe('W_xh row 2 column 3');
		expect(entryLabel({ name: 'x', index: 7 }, state.sizes)).toBe('x_3 entry 2');
		expect(entryLabel({ name: 'h0', index: 3 }, state.sizes)).toBe('h_0 entry 4');
		expect(entryLabel({ name: 'by', index: 1 }, state.sizes)).toBe('b_y entry 2');
	});

	it('formats with a true minus sign and never shows −0.00', () => {
		expect(fmt(-0.5)).toBe('−0.50');
		expect(fmt(-0.001)).toBe('0.00');
		expect(fmt(0.125, 3)).toBe('0.125');
	});
});

describe('unrolled: undo/redo history', () => {
	it('undoes and redoes in order; a new change clears redo', () => {
		const history = new History<string>();
		history.record('a', null, 0);
		history.record('b', null, 10);
		expect(history.undo('c')).toBe('b');
		expect(history.undo('b')).toBe('a');
		expect(history.undo('a')).toBeUndefined();
		expect(history.redo('a')).toBe('b');
		expect(history.redo('b')).toBe('c');
		expect(history.canRedo).toBe(false);
		history.undo('c');
		expect(history.canRedo).toBe(true);
		history.record('b', null, 20);
		expect(history.canRedo).toBe(false);
	});

	it('merges a drag (one key, unlimited window) and nudges within the window', () => {
		const history = new History<string>(200, 1000);
		history.record('s0', 'drag:1', 0, Infinity);
		history.record('s1', 'drag:1', 5000, Infinity);
		expect(history.size.undo).toBe(1);
		history.record('s2', 'nudge:x', 6000);
		history.record('s3', 'nudge:x', 6500);
		history.record('s4', 'nudge:x', 8000);
		expect(history.size.undo).toBe(3);
		expect(history.undo('now')).toBe('s4');
		expect(history.undo('s4')).toBe('s2');
		expect(history.undo('s2')).toBe('s0');
	});

	it('keeps at most `limit` steps', () => {
		const history = new History<number>(3);
		for (let i = 0; i < 10; i++) history.record(i, null, i);
		expect(history.size.undo).toBe(3);
		expect(history.undo(10)).toBe(9);
	});

	it('works on real snapshots: undo restores the weights, keeps the step', () => {
		const values = valuesOf(stateOf('step=3'));
		const history = new History<string>();
		const before = snapshot(values);
		Object.assign(values, setEntry(readState(values).state, { name: 'b', index: 0 }, 9));
		history.record(before);
		const back = restore(history.undo(snapshot(values))!, values.step);
		expect(back.b[0]).toBe(readState(parseQuery(schema, '').values).state.b[0]);
		expect(back.step).toBe(3);
	});
});

describe('unrolled: what lights up together', () => {
	const sizes = { input: 3, hidden: 4, output: 2, steps: 5 };
	it('a W_hh weight lights every W_hh arrow and its uses at every step', () => {
		const keys = related({ kind: 'whh', row: 1, col: 2 }, sizes);
		expect(keys.has('path:whh')).toBe(true);
		for (let s = 1; s <= 5; s++) {
			expect(keys.has(`h:${s - 1}:2`)).toBe(true);
			expect(keys.has(`a:${s}:1`)).toBe(true);
		}
		expect(keys.has('path:wxh')).toBe(false);
	});

	it('a_t points back at its sources and forward at h_t', () => {
		const keys = related({ kind: 'a', t: 2, row: 0 }, sizes);
		for (const key of ['h:2:0', 'b:0', 'wxh:0:2', 'x:2:1', 'whh:0:3', 'h:1:3']) expect(keys.has(key)).toBe(true);
		expect(keys.has('x:3:0')).toBe(false);
		expect(keyOf({ kind: 'a', t: 2, row: 0 })).toBe('a:2:0');
	});
});

describe('unrolled: check-it-yourself numbers', () => {
	it('exposes the live matrices and states by name, and the engine’s a_t, h_t, y_t for known expressions', async () => {
		const { cellScope, cellExamples, engineValueFor } = await import('$lib/widgets/unrolled/check');
		const state = stateOf('');
		const trace = simulate(state);
		const scope = cellScope(state, trace);
		expect(Object.keys(scope)).toEqual(
			expect.arrayContaining(['Wxh', 'Whh', 'b', 'Why', 'by', 'h0', 'h1', 'h5', 'x1', 'x5'])
		);
		expect(scope.Whh).toHaveLength(4);
		expect(scope.Whh[1]).toEqual(state.whh.slice(4, 8));
		expect(scope.h2).toEqual(Array.from(trace.layers[0].h[1]));
		expect(cellExamples(state)).toEqual(['Whh * h1 + Wxh * x2 + b', 'tanh(Whh * h1 + Wxh * x2 + b)', 'norm(Whh)']);

		expect(engineValueFor('Whh * h1 + Wxh * x2 + b', state, trace)?.value).toEqual(Array.from(trace.layers[0].preActivations.h[1]));
		expect(engineValueFor('b + Wxh*x2 + Whh*h1', state, trace)?.label).toContain('a2');
		expect(engineValueFor('tanh(Whh * h1 + Wxh * x2 + b)', state, trace)?.value).toEqual(Array.from(trace.layers[0].h[1]));
		expect(engineValueFor('Why * h3 + by', state, trace)?.value).toEqual(Array.from(trace.outputs[2]));
		expect(engineValueFor('norm(Whh)', state, trace)).toBeNull();
		expect(engineValueFor('Whh * h2 + Wxh * x2 + b', state, trace)).toBeNull();
		expect(engineValueFor('tanh(Whh*h1)+(Wxh*x2+b)', state, trace)).toBeNull();
	});
});

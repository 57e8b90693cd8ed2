import { describe, expect, it } from 'vitest';
import { carryChain, createNetwork, forward } from '$lib/engine';
import { parseQuery, serializeQuery } from '$lib/widgets/params';
import {
	analyse,
	applyPreset,
	formatClamp,
	inputRows,
	LIST_NAMES,
	parseClamp,
	readState,
	resize,
	schema,
	setClamp,
	setEntry,
	shapeOf,
	stepView,
	toNetwork,
	valuesOf
} from '$lib/widgets/lstm-cell/model';

const stateOf = (query = '') => readState(parseQuery(schema, query).values).state;

describe('lstm-cell URL state', () => {
	it('a link with only a seed is a whole network; writing it out and reading it back changes nothing', () => {
		const state = stateOf('seed=42&hidden=3&input=2');
		for (const name of LIST_NAMES) {
			const { rows, cols } = shapeOf(name, state.sizes);
			expect(state[name]).toHaveLength(rows * cols);
		}
		const link = serializeQuery(schema, valuesOf(state)).toString();
		expect(stateOf(link)).toEqual(state);
	});

	it('clamp=f:1,i:0 is read, written in gate order, and bad clamps are dropped with a message', () => {
		expect(stateOf('clamp=f:1,i:0').clamp).toEqual({ f: 1, i: 0 });
		expect(formatClamp({ f: 1, i: 0 })).toBe('i:0,f:1');
		expect(parseClamp('g:-1').clamp).toEqual({ g: -1 });
		for (const bad of ['f:2', 'x:1', 'f:1,f:0', 'f', 'g:−1.5']) {
			const parsed = readState(parseQuery(schema, `clamp=${encodeURIComponent(bad)}`).values);
			expect(parsed.state.clamp).toEqual({});
			expect(parsed.issues.join(' ')).toMatch(/clamp/);
		}
	});

	it('a list that does not fit the sizes is replaced by the seed’s values, and the widget says which', () => {
		const { state, issues } = readState(parseQuery(schema, 'hidden=2&bf=1,2,3').values);
		expect(state.bf).toHaveLength(2);
		expect(issues[0]).toMatch(/^bf has 3 numbers/);
	});
});

describe('lstm-cell numbers come from the engine', () => {
	it('toNetwork holds every URL list under the engine’s parameter names, with the clamp', () => {
		const state = stateOf('seed=5&clamp=o:0.5');
		const net = toNetwork(state);
		const p = net.layers[0].params;
		expect(Array.from(p.Whf)).toEqual(state.whf);
		expect(Array.from(p.bg)).toEqual(state.bg);
		expect(Array.from(net.layers[0].c0 as Float64Array)).toEqual(state.c0);
		expect(net.layers[0].clamp).toEqual({ o: 0.5 });
	});

	it('the step view is the engine trace of an independently built network', () => {
		const state = stateOf('seed=9&hidden=3&input=2&steps=4');
		const view = stepView(analyse(state), state, 3);
		const net = createNetwork({ inputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 3 }], outputSize: 1 });
		const names = ['wxi', 'wxf', 'wxg', 'wxo', 'whi', 'whf', 'whg', 'who', 'bi', 'bf', 'bg', 'bo'] as const;
		const engine = ['Wxi', 'Wxf', 'Wxg', 'Wxo', 'Whi', 'Whf', 'Whg', 'Who', 'bi', 'bf', 'bg', 'bo'];
		names.forEach((n, k) => net.layers[0].params[engine[k]].set(state[n]));
		net.layers[0].c0?.set(state.c0);
		const trace = forward(net, inputRows(state)).layers[0];
		expect(Array.from(view?.gate.f ?? [])).toEqual(Array.from(trace.gates.f[2]));
		expect(Array.from(view?.c ?? [])).toEqual(Array.from((trace.c as Float64Array[])[2]));
		expect(Array.from(view?.hPrev ?? [])).toEqual(Array.from(trace.h[1]));
		expect(stepView(analyse(state), state, 0)).toBeNull();
	});

	it('editing one weight changes c_T to what the engine computes for the edited network', () => {
		const state = stateOf('seed=1');
		const before = analyse(state).c[state.sizes.steps];
		const edited = readState({ ...valuesOf(state), ...setEntry(state, 'whf', 1, 2.5) }).state;
		const after = analyse(edited).c[edited.sizes.steps];
		expect(Array.from(after)).not.toEqual(Array.from(before));
		const net = toNetwork(state);
		net.layers[0].params.Whf[1] = 2.5;
		expect(Array.from(after)).toEqual(Array.from((forward(net, inputRows(state)).layers[0].c as Float64Array[])[state.sizes.steps - 1]));
	});

	it('the constant error carousel: c_T = c_0 and ∂c_T/∂c_0 = 1 for every unit', () => {
		const state = stateOf('seed=4&hidden=3&steps=12&clamp=f:1,i:0');
		const a = analyse(state);
		expect(Array.from(a.c[12])).toEqual(Array.from(a.c[0]));
		expect(Array.from(a.carry.carry.perUnit[0])).toEqual([1, 1, 1]);
		expect(a.carry.cell[0]).toBe(1);
		// and without the clamp, the products are the engine's, below 1
		const free = stateOf('seed=4&hidden=3&steps=12');
		const chain = carryChain(toNetwork(free), inputRows(free));
		expect(Array.from(analyse(free).carry.carry.perUnit[0])).toEqual(Array.from(chain.perUnit[0]));
		expect(chain.norm[0]).toBeLessThan(1);
	});
});

describe('lstm-cell edits', () => {
	it('setClamp adds and releases one gate; out-of-range values are refused', () => {
		const state = stateOf('clamp=f:1');
		expect(setClamp(state, 'i', 0)).toEqual({ clamp: 'i:0,f:1' });
		expect(setClamp(state, 'f', null)).toEqual({ clamp: '' });
		expect(() => setClamp(state, 'o', 1.2)).toThrow(RangeError);
	});

	it('resize keeps the numbers whose row and column survive', () => {
		const state = stateOf('seed=2&hidden=2');
		const patch = resize(state, { hidden: 3 });
		expect(patch.whf?.[0]).toBe(state.whf[0]);
		expect(patch.whf?.[1]).toBe(state.whf[1]);
		expect(patch.whf).toHaveLength(9);
		expect(patch.bf?.slice(0, 2)).toEqual(state.bf);
	});

	it('the forget-bias preset sets b_f for every unit', () => {
		expect(applyPreset(stateOf('hidden=3'), { kind: 'forget-bias', value: 3 })).toEqual({ bf: [3, 3, 3] });
	});
});

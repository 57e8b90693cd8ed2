import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	backward,
	cloneNetwork,
	createNetwork,
	forward,
	fromJSON,
	jacobianNorms,
	lossOf,
	stepJacobians,
	stringify,
	type GateClamp,
	type LayerSpec
} from '$lib/engine';
import { codeOf, makeProblem, numericGradient, relativeError, type Problem } from './helpers';

const FD_FLOOR = 1e-3;

/** A value in [lo, hi] on a grid of 1/1000 (fast-check's doubles cluster at the ends, where σ' = 0 anyway). */
const inRange = (lo: number, hi: number) =>
	fc.oneof(fc.constantFrom(lo, hi), fc.integer({ min: 0, max: 1000 }).map((k) => lo + ((hi - lo) * k) / 1000));

/** Any subset of the four gates, each clamped to a value its nonlinearity can reach (ends included). */
const clampArbitrary: fc.Arbitrary<GateClamp> = fc.record(
	{ i: inRange(0, 1), f: inRange(0, 1), g: inRange(-1, 1), o: inRange(0, 1) },
	{ requiredKeys: [] }
);

/** Small problems with at least one clamped LSTM layer, possibly stacked on or under other cells. */
const clampedProblem = fc
	.record({
		seed: fc.integer({ min: 0, max: 1_000_000 }),
		clamp: clampArbitrary,
		hidden: fc.integer({ min: 1, max: 4 }),
		below: fc.constantFrom<LayerSpec[]>([], [{ cell: 'rnn', hiddenSize: 2 }], [{ cell: 'lstm', hiddenSize: 3 }]),
		above: fc.constantFrom<LayerSpec[]>([], [{ cell: 'gru', hiddenSize: 2 }]),
		kind: fc.constantFrom('softmax-ce' as const, 'mse' as const),
		steps: fc.integer({ min: 1, max: 5 }),
		inputSize: fc.integer({ min: 1, max: 3 }),
		outputSize: fc.integer({ min: 1, max: 3 })
	})
	.map((r) =>
		makeProblem(r.seed, [...r.below, { cell: 'lstm', hiddenSize: r.hidden, clamp: r.clamp }, ...r.above], {
			kind: r.kind,
			reduction: 'sum',
			steps: r.steps,
			inputSize: r.inputSize,
			outputSize: r.outputSize
		})
	);

function clampedLayer(problem: Problem) {
	return problem.network.layers.find((l) => l.clamp) ?? problem.network.layers.find((l) => l.cell === 'lstm');
}

describe('LSTM gate clamps: forward', () => {
	it('a clamped gate shows its value at every unit and step; the others are computed as usual', () => {
		const problem = makeProblem(3, [{ cell: 'lstm', hiddenSize: 3, clamp: { f: 1, o: 0.25 } }], { kind: 'mse', reduction: 'sum', steps: 4, inputSize: 2, outputSize: 1 });
		const free = cloneNetwork(problem.network);
		const unclamped = createNetwork({ inputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 3 }], outputSize: 1 });
		unclamped.params.set(free.params);
		unclamped.layers[0].h0.set(free.layers[0].h0);
		unclamped.layers[0].c0?.set(free.layers[0].c0 as Float64Array);
		const trace = forward(problem.network, problem.inputs).layers[0];
		const plain = forward(unclamped, problem.inputs).layers[0];
		for (const f of trace.gates.f) expect(Array.from(f)).toEqual([1, 1, 1]);
		for (const o of trace.gates.o) expect(Array.from(o)).toEqual([0.25, 0.25, 0.25]);
		// step 1 reads the same h0, so its free gates equal the unclamped network's
		expect(Array.from(trace.gates.i[0])).toEqual(Array.from(plain.gates.i[0]));
		expect(Array.from(trace.gates.g[0])).toEqual(Array.from(plain.gates.g[0]));
		// c_1 = 1 ⊙ c_0 + i_1 ⊙ g_1
		const c0 = problem.network.layers[0].c0 as Float64Array;
		trace.c?.[0].forEach((c, j) => expect(c).toBe(c0[j] + trace.gates.i[0][j] * trace.gates.g[0][j]));
	});

	it('f clamped to 1 and i to 0: c_T = c_0 exactly, whatever the weights and inputs', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), (seed, steps, hidden) => {
				const { network, inputs } = makeProblem(seed, [{ cell: 'lstm', hiddenSize: hidden, clamp: { f: 1, i: 0 } }], { kind: 'mse', reduction: 'sum', steps, inputSize: 2, outputSize: 1 });
				const c = forward(network, inputs).layers[0].c as Float64Array[];
				expect(Array.from(c[steps - 1])).toEqual(Array.from(network.layers[0].c0 as Float64Array));
			}),
			{ numRuns: 40 }
		);
	});
});

describe('LSTM gate clamps: backward', () => {
	it('every parameter gradient, dL/dh0, dL/dc0 and dL/dx equal central finite differences (random clamps, shapes, stacks)', () => {
		fc.assert(
			fc.property(clampedProblem, (problem) => {
				const { network, inputs, loss } = problem;
				const result = backward(network, inputs, loss);
				const f = () => lossOf(network, inputs, loss);
				expect(relativeError(result.gradients.flat, numericGradient(network.params, f), FD_FLOOR)).toBeLessThan(1e-6);
				network.layers.forEach((layer, k) => {
					expect(relativeError(result.gradients.layers[k].h0, numericGradient(layer.h0, f), FD_FLOOR)).toBeLessThan(1e-6);
					if (layer.c0) expect(relativeError(result.gradients.layers[k].c0 as Float64Array, numericGradient(layer.c0, f), FD_FLOOR)).toBeLessThan(1e-6);
				});
				const flat = Float64Array.from(inputs.flat());
				const rows = () => inputs.map((row, t) => Array.from(flat.subarray(t * row.length, (t + 1) * row.length)));
				const dx = numericGradient(flat, () => lossOf(network, rows(), loss));
				expect(relativeError(Float64Array.from(result.dLdx.flatMap((r) => Array.from(r))), dx, FD_FLOOR)).toBeLessThan(1e-6);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 40) }
		);
	});

	it('a clamped gate’s weights and bias get exactly zero gradient', () => {
		fc.assert(
			fc.property(clampedProblem, (problem) => {
				const layer = clampedLayer(problem);
				if (!layer?.clamp) return;
				const grads = backward(problem.network, problem.inputs, problem.loss).gradients.layers[layer.index].params;
				for (const gate of Object.keys(layer.clamp)) {
					for (const name of [`Wx${gate}`, `Wh${gate}`, `b${gate}`]) expect(grads[name].every((v) => v === 0)).toBe(true);
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('step Jacobians ∂[h_t; c_t]/∂[h_{t−1}; c_{t−1}] with clamps multiply to central differences of [h_T; c_T] by [h_0; c_0]', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e6 }), clampArbitrary, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), (seed, clamp, H, T) => {
				const { network, inputs } = makeProblem(seed, [{ cell: 'lstm', hiddenSize: H, clamp }], { kind: 'mse', reduction: 'sum', steps: T, inputSize: 2, outputSize: 1 });
				const S = 2 * H;
				let P = new Float64Array(S * S);
				for (let i = 0; i < S; i++) P[i * S + i] = 1;
				for (const D of stepJacobians(network, inputs)) {
					const next = new Float64Array(S * S);
					for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) for (let k = 0; k < S; k++) next[i * S + j] += D[i * S + k] * P[k * S + j];
					P = next;
				}
				const layer = network.layers[0];
				const state = () => {
					const tr = forward(network, inputs).layers[0];
					return [...tr.h[T - 1], ...(tr.c as Float64Array[])[T - 1]];
				};
				const numeric = new Float64Array(S * S);
				for (let j = 0; j < S; j++) {
					const x = j < H ? layer.h0 : (layer.c0 as Float64Array);
					const at = j % H;
					const keep = x[at];
					x[at] = keep + 1e-6;
					const up = state();
					x[at] = keep - 1e-6;
					const down = state();
					x[at] = keep;
					for (let i = 0; i < S; i++) numeric[i * S + j] = (up[i] - down[i]) / 2e-6;
				}
				expect(relativeError(P, numeric, FD_FLOOR)).toBeLessThan(1e-6);
			}),
			{ numRuns: 40 }
		);
	});

	it('f clamped to 1 and i to 0: ∂c_T/∂c_0 is exactly the identity, and dL/dc_0 = dL/dc_T', () => {
		const { network, inputs, loss } = makeProblem(11, [{ cell: 'lstm', hiddenSize: 3, clamp: { f: 1, i: 0 } }], { kind: 'mse', reduction: 'sum', steps: 9, inputSize: 2, outputSize: 2 });
		expect(jacobianNorms(network, inputs).c?.[0]).toBe(1);
		for (const D of stepJacobians(network, inputs)) {
			for (let i = 0; i < 3; i++) for (let j = 0; j < 6; j++) expect(D[(3 + i) * 6 + j] + 0).toBe(j === 3 + i ? 1 : 0);
		}
		const result = backward(network, inputs, loss);
		const dc = result.layers[0].dLdc as Float64Array[];
		expect(Array.from(result.gradients.layers[0].c0 as Float64Array)).toEqual(Array.from(dc[0]));
	});
});

describe('LSTM gate clamps: validation and round trips', () => {
	it('refuses a value its gate cannot produce, an unknown gate, and clamps on other cells', () => {
		const spec = (clamp: unknown, cell: 'lstm' | 'rnn' = 'lstm') => () =>
			createNetwork({ inputSize: 1, layers: [{ cell, hiddenSize: 1, clamp: clamp as GateClamp }], outputSize: 1 });
		expect(codeOf(spec({ f: 1.5 }))).toBe('invalid-argument');
		expect(codeOf(spec({ g: -1.01 }))).toBe('invalid-argument');
		expect(codeOf(spec({ i: Number.NaN }))).toBe('invalid-argument');
		expect(codeOf(spec({ x: 0 }))).toBe('invalid-argument');
		expect(codeOf(spec({ f: 1 }, 'rnn'))).toBe('invalid-argument');
		expect(spec({ g: -1 })().layers[0].clamp).toEqual({ g: -1 });
		expect(spec({})().layers[0].clamp).toBeNull();
	});

	it('clone and JSON keep the clamp', () => {
		const { network } = makeProblem(2, [{ cell: 'lstm', hiddenSize: 2, clamp: { f: 1, i: 0 } }], { kind: 'mse', reduction: 'sum', steps: 1, inputSize: 1, outputSize: 1 });
		expect(cloneNetwork(network).layers[0].clamp).toEqual({ f: 1, i: 0 });
		expect(fromJSON(stringify(network)).layers[0].clamp).toEqual({ f: 1, i: 0 });
	});
});

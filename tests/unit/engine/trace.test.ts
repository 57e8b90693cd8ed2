import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backward, buildNetwork, forward, gradient, lossOf, oneHotSequence } from '$lib/engine';
import { makeProblem, numericGradient, problemArbitrary, relativeError } from './helpers';

/** Gradients below this size are checked to 1e-9 absolute instead (finite differences' own noise). */
const FD_FLOOR = 1e-3;

describe('backward(network, inputs, loss): exact BPTT', () => {
	it('every parameter gradient equals a central finite difference (any cell, stacked, both losses and reductions, null targets)', () => {
		fc.assert(
			fc.property(problemArbitrary, ({ network, inputs, loss }) => {
				const analytic = backward(network, inputs, loss).gradients.flat;
				const numeric = numericGradient(network.params, () => lossOf(network, inputs, loss));
				expect(relativeError(analytic, numeric, FD_FLOOR)).toBeLessThan(1e-6);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 60) }
		);
	}, 60_000);

	it('dL/dh0, dL/dc0 and dL/dx_t equal finite differences', () => {
		fc.assert(
			fc.property(problemArbitrary, ({ network, inputs, loss }) => {
				const result = backward(network, inputs, loss);
				network.layers.forEach((layer, k) => {
					const dh0 = numericGradient(layer.h0, () => lossOf(network, inputs, loss));
					expect(relativeError(result.gradients.layers[k].h0, dh0, FD_FLOOR)).toBeLessThan(1e-6);
					if (layer.c0) {
						const dc0 = numericGradient(layer.c0, () => lossOf(network, inputs, loss));
						expect(relativeError(result.gradients.layers[k].c0 as Float64Array, dc0, FD_FLOOR)).toBeLessThan(1e-6);
					}
				});
				const flat = Float64Array.from(inputs.flat());
				const width = inputs[0].length;
				const rowsOf = () => Array.from({ length: inputs.length }, (_, t) => Array.from(flat.subarray(t * width, (t + 1) * width)));
				const dx = numericGradient(flat, () => lossOf(network, rowsOf(), loss));
				expect(relativeError(Float64Array.from(result.dLdx.flatMap((r) => Array.from(r))), dx, FD_FLOOR)).toBeLessThan(1e-6);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 25) }
		);
	}, 60_000);

	it('dL/dh_t is the total gradient: through the output at t and every later step', () => {
		const { network, inputs, loss } = makeProblem(7, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'sum', steps: 4, inputSize: 2, outputSize: 3 });
		const result = backward(network, inputs, loss);
		// dL/dh_T has only the output path; so dL/dh_T = Wᵀ (p_T − onehot)
		const T = inputs.length;
		const p = result.trace.probabilities![T - 1].slice();
		p[loss.targets[T - 1] as number] -= 1;
		const H = 3;
		for (let j = 0; j < H; j++) {
			let s = 0;
			for (let o = 0; o < 3; o++) s += network.head.W[o * H + j] * p[o];
			expect(result.layers[0].dLdh[T - 1][j]).toBeCloseTo(s, 12);
		}
	});

	it('gradient() gives the same numbers as backward()', () => {
		const { network, inputs, loss } = makeProblem(3, [{ cell: 'gru', hiddenSize: 3, variant: 'reset-before' }, { cell: 'rnn', hiddenSize: 2 }], { kind: 'mse', reduction: 'mean', steps: 5, inputSize: 2, outputSize: 2 });
		expect(gradient(network, inputs, loss).flat).toEqual(backward(network, inputs, loss).gradients.flat);
	});
});

describe('forward(network, inputs, loss): the display trace', () => {
	it('records h_t, c_t, gates and pre-activations that satisfy the LSTM equations', () => {
		const { network, inputs, loss } = makeProblem(11, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 3, inputSize: 2, outputSize: 2 });
		const trace = forward(network, inputs, loss);
		const layer = trace.layers[0];
		const sigma = (x: number) => 1 / (1 + Math.exp(-x));
		for (let t = 0; t < 3; t++) {
			for (let j = 0; j < 3; j++) {
				expect(layer.gates.i[t][j]).toBeCloseTo(sigma(layer.preActivations.i[t][j]), 14);
				expect(layer.gates.g[t][j]).toBeCloseTo(Math.tanh(layer.preActivations.g[t][j]), 14);
				const cPrev = t === 0 ? layer.c0![j] : layer.c![t - 1][j];
				expect(layer.c![t][j]).toBeCloseTo(layer.gates.f[t][j] * cPrev + layer.gates.i[t][j] * layer.gates.g[t][j], 14);
				expect(layer.h[t][j]).toBeCloseTo(layer.gates.o[t][j] * Math.tanh(layer.c![t][j]), 14);
			}
		}
	});

	it('gives probabilities that sum to 1, per-step losses with null where there is no target, and their mean as the loss', () => {
		const network = buildNetwork({ inputSize: 2, outputSize: 3, layers: [{ cell: 'rnn', hiddenSize: 4 }] }, { seed: 1 });
		const trace = forward(network, [[1, 0], [0, 1], [1, 1]], { kind: 'softmax-ce', targets: [null, 2, 0], reduction: 'mean' });
		for (const p of trace.probabilities!) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
		expect(trace.stepLosses![0]).toBeNull();
		expect(trace.loss).toBeCloseTo(((trace.stepLosses![1] as number) + (trace.stepLosses![2] as number)) / 2, 14);
		expect(trace.stepLosses![2]).toBeCloseTo(-Math.log(trace.probabilities![2][0]), 14);
	});

	it('without a loss, records outputs only', () => {
		const network = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'gru', hiddenSize: 2 }] }, { seed: 1 });
		const trace = forward(network, [[0.5], [-0.5]]);
		expect(trace.loss).toBeNull();
		expect(trace.outputs).toHaveLength(2);
		expect(trace.probabilities).toBeNull();
	});

	it('one-hot inputs give exactly the numbers of the same dense one-hot vectors', () => {
		const network = buildNetwork({ inputSize: 5, outputSize: 5, layers: [{ cell: 'lstm', hiddenSize: 4 }, { cell: 'rnn', hiddenSize: 3 }] }, { seed: 'one-hot' });
		const indices = [1, 4, 0, 0, 3, 2];
		const dense = indices.map((i) => Array.from({ length: 5 }, (_, j) => (j === i ? 1 : 0)));
		const loss = { kind: 'softmax-ce' as const, targets: [4, 0, 0, 3, 2, 1], reduction: 'sum' as const };
		const a = backward(network, oneHotSequence(indices, 5), loss);
		const b = backward(network, dense, loss);
		expect(a.trace.loss).toBe(b.trace.loss);
		expect(relativeError(a.gradients.flat, b.gradients.flat)).toBeLessThan(1e-15);
		expect(a.dLdx).toEqual(b.dLdx);
	});
});

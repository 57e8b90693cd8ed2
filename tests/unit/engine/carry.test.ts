import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateRnn, carryChain, compareCarry, forward, jacobianNorms } from '$lib/engine';
import { codeOf, makeProblem, relativeError } from './helpers';

const lstmProblem = (seed: number, hidden: number, steps: number, clamp?: Record<string, number>) =>
	makeProblem(seed, [{ cell: 'lstm', hiddenSize: hidden, ...(clamp ? { clamp } : {}) }], { kind: 'mse', reduction: 'sum', steps, inputSize: 2, outputSize: 1 });

describe('carryChain(network, inputs): ∂c_T/∂c_k = ∏ diag(f) along the cell state', () => {
	it('is the product of the forward pass’s forget gates f_{k+1} … f_T, unit by unit', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (seed, H, T) => {
				const { network, inputs } = lstmProblem(seed, H, T);
				const f = forward(network, inputs).layers[0].gates.f;
				const chain = carryChain(network, inputs);
				for (let k = 0; k < T; k++) {
					const expected = Array.from({ length: H }, (_, j) => f.slice(k).reduce((p, ft) => p * ft[j], 1));
					expect(relativeError(chain.perUnit[k], expected)).toBeLessThan(1e-14);
					expect(chain.norm[k]).toBe(Math.max(...Array.from(chain.perUnit[k], Math.abs)));
				}
			}),
			{ numRuns: 30 }
		);
	});

	it('equals the whole ∂c_T/∂c_k, checked by finite differences, when the gates do not read h (W_hi = W_hf = W_hg = 0)', () => {
		const { network, inputs } = lstmProblem(4, 3, 6);
		const p = network.layers[0].params;
		for (const name of ['Whi', 'Whf', 'Whg']) p[name].fill(0);
		const chain = carryChain(network, inputs);
		const c0 = network.layers[0].c0 as Float64Array;
		const cT = () => (forward(network, inputs).layers[0].c as Float64Array[])[5];
		for (let j = 0; j < 3; j++) {
			const keep = c0[j];
			c0[j] = keep + 1e-6;
			const up = cT();
			c0[j] = keep - 1e-6;
			const down = cT();
			c0[j] = keep;
			for (let i = 0; i < 3; i++) {
				const numeric = (up[i] - down[i]) / 2e-6;
				expect(Math.abs(numeric - (i === j ? chain.perUnit[0][j] : 0))).toBeLessThan(1e-9);
			}
		}
		const whole = jacobianNorms(network, inputs).c as Float64Array;
		expect(relativeError(whole, chain.norm)).toBeLessThan(1e-12);
	});

	it('f clamped to 1 and i to 0: every product is exactly 1, and so is the whole Jacobian’s norm', () => {
		const { network, inputs } = lstmProblem(9, 4, 10, { f: 1, i: 0 });
		const { carry, cell } = compareCarry(network, inputs);
		for (const row of carry.perUnit) expect(Array.from(row)).toEqual([1, 1, 1, 1]);
		expect(Array.from(carry.norm)).toEqual(new Array(10).fill(1));
		expect(Array.from(cell)).toEqual(new Array(10).fill(1));
	});

	it('a forget gate clamped to 0.5 halves the carry at every step: 0.5^(T−k)', () => {
		const { network, inputs } = lstmProblem(2, 2, 5, { f: 0.5 });
		const chain = carryChain(network, inputs);
		for (let k = 0; k < 5; k++) expect(Array.from(chain.perUnit[k])).toEqual([0.5 ** (5 - k), 0.5 ** (5 - k)]);
	});
});

describe('candidateRnn(network) and compareCarry', () => {
	it('the gate-less RNN holds the candidate block’s weights and h_0; its chain is jacobianNorms of that RNN', () => {
		const { network, inputs } = lstmProblem(5, 3, 6);
		const rnn = candidateRnn(network);
		const lstm = network.layers[0];
		expect(Array.from(rnn.layers[0].params.Wxh)).toEqual(Array.from(lstm.params.Wxg));
		expect(Array.from(rnn.layers[0].params.Whh)).toEqual(Array.from(lstm.params.Whg));
		expect(Array.from(rnn.layers[0].params.bh)).toEqual(Array.from(lstm.params.bg));
		expect(Array.from(rnn.layers[0].h0)).toEqual(Array.from(lstm.h0));
		expect(Array.from(compareCarry(network, inputs).rnn)).toEqual(Array.from(jacobianNorms(rnn, inputs).h));
	});

	it('refuses networks that are not one LSTM layer', () => {
		const stacked = makeProblem(1, [{ cell: 'lstm', hiddenSize: 2 }, { cell: 'lstm', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 2, inputSize: 1, outputSize: 1 });
		const rnn = makeProblem(1, [{ cell: 'rnn', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 2, inputSize: 1, outputSize: 1 });
		expect(codeOf(() => carryChain(stacked.network, stacked.inputs))).toBe('invalid-argument');
		expect(codeOf(() => candidateRnn(rnn.network))).toBe('invalid-argument');
	});
});

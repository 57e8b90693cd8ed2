import { describe, expect, it } from 'vitest';
import {
	EngineError,
	cloneNetwork,
	forward,
	explicitDerivative,
	finiteDifference,
	gradient,
	gradientChain,
	lossAtStep,
	lossSplit,
	oneHotSequence,
	relativeDifference,
	termFiniteDifferences,
	truncatedGradient,
	type LossSpec
} from '$lib/engine';
import { makeProblem, relativeError } from './helpers';

const problem = makeProblem(7, [{ cell: 'rnn', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 6, inputSize: 2, outputSize: 3 });
const { network, inputs } = problem;
const loss: LossSpec = { ...problem.loss, targets: problem.loss.targets.map((t, i) => t ?? i % 3) };

describe('finiteDifference(network, inputs, loss, { param, epsilon })', () => {
	it('agrees with the analytic dL_T/dW to about ten digits at ε = 1e-6', () => {
		for (const param of ['Whh', 'Wxh', 'bh']) {
			const chain = gradientChain(network, inputs, loss, { step: 5, param });
			const numeric = finiteDifference(network, inputs, lossAtStep(loss, 6, 3, 5), { param });
			expect(relativeError(numeric, chain.gradient)).toBeLessThan(1e-8);
		}
	});

	it('leaves the network unchanged and computes only the entries asked for', () => {
		const before = network.params.slice();
		const numeric = finiteDifference(network, inputs, loss, { param: 'Whh', entries: [4] });
		expect(network.params).toEqual(before);
		expect(numeric[0]).toBe(0);
		expect(numeric[4]).not.toBe(0);
	});

	it('refuses a bad ε, an unknown parameter and a missing entry', () => {
		expect(() => finiteDifference(network, inputs, loss, { param: 'Whh', epsilon: 0 })).toThrow(EngineError);
		expect(() => finiteDifference(network, inputs, loss, { param: 'Wzz' })).toThrow(/no parameter "Wzz"/);
		expect(() => finiteDifference(network, inputs, loss, { param: 'bh', entries: [9] })).toThrow(/no entry 9/);
	});
});

describe('relativeDifference(a, b)', () => {
	it('is scale-free and 0 for two zeros', () => {
		expect(relativeDifference(4, 5)).toBe(0.2);
		expect(relativeDifference(4e-9, 5e-9)).toBeCloseTo(0.2, 12);
		expect(relativeDifference(0, 0)).toBe(0);
		expect(relativeDifference(-2, 2)).toBe(2);
	});
});

describe('truncatedGradient(network, inputs, loss, { step, length })', () => {
	it('equals the chain terms k = T−K+1 … T, and the full gradient when K ≥ T', () => {
		const T = 6;
		const chain = gradientChain(network, inputs, loss, { step: T });
		for (let K = 1; K <= 8; K++) {
			const truncated = truncatedGradient(network, inputs, loss, { step: T, length: K, param: 'Whh' });
			const partial = new Float64Array(9);
			for (const term of chain.terms) if (term.k > T - K) term.term.forEach((v, i) => (partial[i] += v));
			expect(relativeError(truncated, partial)).toBeLessThan(1e-12);
			if (K >= T) expect(relativeError(truncated, chain.gradient)).toBeLessThan(1e-13);
		}
	});

	it('works for LSTM (c is carried too) and one-hot inputs', () => {
		const lstm = makeProblem(3, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 5, inputSize: 3, outputSize: 2 });
		const full = gradientChain(lstm.network, lstm.inputs, lstm.loss, { step: 5, param: 'Whf' });
		const all = truncatedGradient(lstm.network, lstm.inputs, lstm.loss, { step: 5, length: 5, param: 'Whf' });
		expect(relativeError(all, full.gradient)).toBeLessThan(1e-13);
		const x = oneHotSequence([0, 2, 1, 1, 0], 3);
		const a = truncatedGradient(lstm.network, x, lstm.loss, { step: 5, length: 2, param: 'Wxi' });
		const chain = gradientChain(lstm.network, x, lstm.loss, { step: 5, param: 'Wxi' });
		const partial = new Float64Array(a.length);
		for (const term of chain.terms) if (term.k > 3) term.term.forEach((v, i) => (partial[i] += v));
		expect(relativeError(a, partial)).toBeLessThan(1e-12);
	});

	it('refuses a length below 1 and a step without a target', () => {
		expect(() => truncatedGradient(network, inputs, loss, { step: 6, length: 0, param: 'Whh' })).toThrow(/at least 1/);
		const gap: LossSpec = { ...loss, targets: loss.targets.map((t, i) => (i === 2 ? null : t)) };
		expect(() => truncatedGradient(network, inputs, gap, { step: 3, length: 2, param: 'Whh' })).toThrow(/no target/);
	});
});

describe('termFiniteDifferences: each term of dL_T/dW checked by nudging W at step k alone', () => {
	// A central difference at ε = 1e-6 carries a rounding error of about 1e-16 · L / ε ≈ 1e-10 in
	// absolute terms, whatever the size of the term.
	it('matches every chain term ∂L_T/∂h_k · ∂⁺h_k/∂W within 1e-9, and they add up to the whole finite difference', () => {
		for (const [param, index] of [['Whh', 5], ['Wxh', 3], ['bh', 1]] as const) {
			const T = 5;
			const chain = gradientChain(network, inputs, loss, { step: T, param });
			const numeric = termFiniteDifferences(network, inputs, loss, { step: T, param, index });
			expect(numeric.length).toBe(T);
			chain.terms.forEach((term) => {
				const analytic = term.term[index];
				expect(Math.abs(numeric[term.k - 1] - analytic)).toBeLessThan(1e-9);
				expect(numeric[term.k - 1]).not.toBe(0);
			});
			const whole = finiteDifference(network, inputs, lossAtStep(loss, 6, 3, T), { param, entries: [index] })[index];
			expect(numeric.reduce((a, b) => a + b, 0)).toBeCloseTo(whole, 9);
		}
	});

	it('term 1 of W_hh is zero when h_0 = 0: W_hh multiplied nothing at step 1', () => {
		const copy = cloneNetwork(network);
		copy.layers[0].h0.fill(0);
		expect(termFiniteDifferences(copy, inputs, loss, { step: 4, param: 'Whh', index: 2 })[0]).toBe(0);
	});

	it('carries c for an LSTM and reads the nudged state in the layer above', () => {
		const lstm = makeProblem(3, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 5, inputSize: 3, outputSize: 2 });
		const chain = gradientChain(lstm.network, lstm.inputs, lstm.loss, { step: 5, param: 'Whf' });
		const numeric = termFiniteDifferences(lstm.network, lstm.inputs, lstm.loss, { step: 5, param: 'Whf', index: 1 });
		chain.terms.forEach((term) => expect(numeric[term.k - 1]).toBeCloseTo(term.term[1], 8));
		const deep = makeProblem(5, [{ cell: 'rnn', hiddenSize: 2 }, { cell: 'gru', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 4, inputSize: 2, outputSize: 1 });
		const lower = gradientChain(deep.network, deep.inputs, deep.loss, { step: 4, layer: 0, param: 'Whh' });
		const lowerNumeric = termFiniteDifferences(deep.network, deep.inputs, deep.loss, { step: 4, layer: 0, param: 'Whh', index: 3 });
		lower.terms.forEach((term) => expect(lowerNumeric[term.k - 1]).toBeCloseTo(term.term[3], 8));
	});

	it('leaves the network unchanged and refuses a bad entry, ε or step', () => {
		const before = network.params.slice();
		const h0 = network.layers[0].h0.slice();
		termFiniteDifferences(network, inputs, loss, { step: 6, param: 'Whh', index: 0 });
		expect(network.params).toEqual(before);
		expect(network.layers[0].h0).toEqual(h0);
		expect(() => termFiniteDifferences(network, inputs, loss, { step: 6, param: 'bh', index: 3 })).toThrow(/no entry 3/);
		expect(() => termFiniteDifferences(network, inputs, loss, { step: 6, param: 'bh', index: 0, epsilon: -1 })).toThrow(EngineError);
		expect(() => termFiniteDifferences(network, inputs, loss, { step: 7, param: 'bh', index: 0 })).toThrow(/no loss L_7/);
	});
});

describe('lossSplit: J = Σ_t J_t, each step sending back its own gradient', () => {
	it('the per-step gradients add up to dJ/dW from one backward pass over the summed loss', () => {
		const split = lossSplit(network, inputs, loss, { param: 'Whh' });
		expect(split.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(relativeError(split.sum, split.gradient)).toBeLessThan(1e-13);
		const total = split.steps.reduce((s, x) => s + x.loss, 0);
		expect(split.total).toBeCloseTo(total, 13);
		const direct = gradient(network, inputs, { ...loss, reduction: 'sum' });
		expect(split.total).toBeCloseTo(direct.loss, 13);
	});
});

describe('explicitDerivative: ∂⁺h_k/∂W with h_{k−1} held fixed', () => {
	it('is a one-step finite difference from the fixed h_{k−1}', () => {
		const k = 4;
		const hPrev = forward(network, inputs).layers[0].h[k - 2].slice();
		for (const [param, index] of [['Whh', 5], ['Wxh', 3], ['bh', 1]] as const) {
			const explicit = explicitDerivative(network, inputs, { step: k, param, index });
			// Step k alone, started from the unperturbed h_{k−1}: W moves h_k only explicitly.
			const oneStep = (delta: number) => {
				const copy = cloneNetwork(network);
				copy.layers[0].h0.set(hPrev);
				copy.layers[0].params[param][index] += delta;
				return forward(copy, [inputs[k - 1]]).layers[0].h[0];
			};
			const eps = 1e-6;
			const up = oneStep(eps);
			const down = oneStep(-eps);
			const numeric = up.map((v, i) => (v - down[i]) / (2 * eps));
			expect(relativeError(explicit, numeric)).toBeLessThan(1e-8);
			expect(Array.from(explicit).filter((v) => v !== 0).length).toBe(1);
		}
	});

	it('is for plain RNN layers only', () => {
		const lstm = makeProblem(3, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 3, inputSize: 2, outputSize: 2 });
		expect(() => explicitDerivative(lstm.network, lstm.inputs, { step: 1, param: 'Whi', index: 0 })).toThrow(/plain RNN/);
		expect(() => explicitDerivative(network, inputs, { step: 9, param: 'Whh', index: 0 })).toThrow(/no step 9/);
	});
});


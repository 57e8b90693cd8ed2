import { describe, expect, it } from 'vitest';
import { backward, contributions, gradientChain, lossOf, type LossSpec } from '$lib/engine';
import { CELL_KINDS, codeOf, makeProblem, numericGradient, relativeError } from './helpers';

describe('gradientChain: ∂L_T/∂W = Σ_k ∂L_T/∂h_T · ∂h_T/∂h_k · ∂⁺h_k/∂W', () => {
	const problem = makeProblem(41, [{ cell: 'rnn', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 6, inputSize: 2, outputSize: 3 });
	const { network, inputs } = problem;
	const loss: LossSpec = { ...problem.loss, targets: problem.loss.targets.map((t, i) => (i === 3 ? 1 : t)) };

	it('the terms add up to dL_4/dWhh, which matches a finite difference of L_4 alone', () => {
		const chain = gradientChain(network, inputs, loss, { step: 4 });
		expect(chain.param).toBe('Whh');
		expect(chain.terms.map((t) => t.k)).toEqual([1, 2, 3, 4]);
		expect(relativeError(chain.sum, chain.gradient)).toBeLessThan(1e-14);
		const onlyL4: LossSpec = { kind: 'softmax-ce', reduction: 'sum', targets: loss.targets.map((t, i) => (i === 3 ? t : null)) };
		const numeric = numericGradient(network.layers[0].params.Whh, () => lossOf(network, inputs, onlyL4));
		expect(relativeError(chain.gradient, numeric)).toBeLessThan(1e-7);
		expect(chain.lossAtStep).toBeCloseTo(lossOf(network, inputs, onlyL4), 14);
	});

	it('each term is (∂L_T/∂h_T · ∂h_T/∂h_k) ⊙ tanh′ times h_{k−1}ᵀ', () => {
		const chain = gradientChain(network, inputs, loss, { step: 4, jacobians: true });
		const H = 3;
		const last = chain.terms[3].dLdh;
		const hs = backward(network, inputs, loss).trace.layers[0];
		for (const term of chain.terms) {
			// ∂L_T/∂h_k = ∂L_T/∂h_T · ∂h_T/∂h_k (a row vector times the Jacobian)
			const J = term.jacobian!;
			for (let j = 0; j < H; j++) {
				let s = 0;
				for (let i = 0; i < H; i++) s += last[i] * J[i * H + j];
				expect(term.dLdh[j]).toBeCloseTo(s, 13);
			}
			const h_k = hs.h[term.k - 1];
			const hPrev = term.k === 1 ? hs.h0 : hs.h[term.k - 2];
			for (let i = 0; i < H; i++) {
				for (let j = 0; j < H; j++) expect(term.term[i * H + j]).toBeCloseTo(term.dLdh[i] * (1 - h_k[i] ** 2) * hPrev[j], 14);
			}
		}
	});

	it('refuses a step without a target', () => {
		const noTarget: LossSpec = { ...loss, targets: loss.targets.map((t, i) => (i === 2 ? null : t)) };
		expect(codeOf(() => gradientChain(network, inputs, noTarget, { step: 3 }))).toBe('invalid-argument');
		expect(codeOf(() => gradientChain(network, inputs, loss, { step: 4, param: 'Wxyz' }))).toBe('invalid-argument');
	});
});

describe('contributions: each step’s explicit term of a weight’s gradient', () => {
	for (const kind of CELL_KINDS) {
		it(`for every parameter of ${kind.cell} ${kind.variant ?? ''}, the terms add up to the BPTT gradient`, () => {
			const { network, inputs, loss } = makeProblem(43, [{ cell: 'rnn', hiddenSize: 2 }, { ...kind, hiddenSize: 3 }], { kind: 'mse', reduction: 'mean', steps: 4, inputSize: 2, outputSize: 2 });
			const grads = backward(network, inputs, loss).gradients;
			for (const slot of network.layers[1].slots) {
				const c = contributions(network, inputs, loss, { layer: 1, param: slot.name });
				expect(c.terms).toHaveLength(4);
				expect(relativeError(c.gradient, grads.layers[1].params[slot.name])).toBeLessThan(1e-13);
				c.terms.forEach((term, t) => expect(c.norms[t]).toBeCloseTo(Math.hypot(...term), 14));
			}
		});
	}
});

import { describe, expect, it } from 'vitest';
import {
	buildNetwork,
	forward,
	jacobianBetween,
	jacobianNormMatrix,
	jacobianNorms,
	spectralNorm,
	stepJacobians
} from '$lib/engine';
import { CELL_KINDS, makeProblem, relativeError } from './helpers';

/** ∂(state_T)/∂(initial state) by central differences: column j perturbs h0[j] (or c0[j]). */
function numericJacobianFromStart(problem: ReturnType<typeof makeProblem>, of: 'h' | 'c', wrt: 'h0' | 'c0'): Float64Array {
	const { network, inputs } = problem;
	const layer = network.layers[0];
	const H = layer.hiddenSize;
	const x = layer[wrt] as Float64Array;
	const J = new Float64Array(H * H);
	const last = () => {
		const trace = forward(network, inputs).layers[0];
		return (of === 'h' ? trace.h : (trace.c as Float64Array[])).at(-1) as Float64Array;
	};
	for (let j = 0; j < H; j++) {
		const keep = x[j];
		x[j] = keep + 1e-6;
		const up = last();
		x[j] = keep - 1e-6;
		const down = last();
		x[j] = keep;
		for (let i = 0; i < H; i++) J[i * H + j] = (up[i] - down[i]) / 2e-6;
	}
	return J;
}

describe('jacobianBetween(network, inputs, t, k)', () => {
	for (const kind of CELL_KINDS) {
		it(`∂h_T/∂h_0 of ${kind.cell} ${kind.variant ?? ''} equals central differences`, () => {
			const problem = makeProblem(17, [{ ...kind, hiddenSize: 3 }], { kind: 'mse', reduction: 'sum', steps: 4, inputSize: 2, outputSize: 1 });
			const analytic = jacobianBetween(problem.network, problem.inputs, 4, 0);
			expect(relativeError(analytic, numericJacobianFromStart(problem, 'h', 'h0'))).toBeLessThan(1e-7);
		});
	}

	it('∂h_t/∂h_t is the identity', () => {
		const problem = makeProblem(1, [{ cell: 'gru', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 3, inputSize: 1, outputSize: 1 });
		expect(Array.from(jacobianBetween(problem.network, problem.inputs, 2, 2))).toEqual([1, 0, 0, 1]);
	});
});

describe('jacobianNorms(network, inputs)', () => {
	it('‖∂h_T/∂h_k‖₂ is the spectral norm of the product of step Jacobians', () => {
		const problem = makeProblem(5, [{ cell: 'rnn', hiddenSize: 4 }], { kind: 'mse', reduction: 'sum', steps: 6, inputSize: 2, outputSize: 1 });
		const norms = jacobianNorms(problem.network, problem.inputs);
		for (let k = 0; k < 6; k++) {
			expect(norms.h[k]).toBeCloseTo(spectralNorm(jacobianBetween(problem.network, problem.inputs, 6, k), 4, 4), 12);
		}
		expect(norms.c).toBeNull();
	});

	it('for LSTM, ‖∂c_T/∂c_0‖ holds h_0 fixed and matches central differences', () => {
		const problem = makeProblem(23, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'mse', reduction: 'sum', steps: 5, inputSize: 2, outputSize: 1 });
		const norms = jacobianNorms(problem.network, problem.inputs);
		const numeric = numericJacobianFromStart(problem, 'c', 'c0');
		expect(norms.c![0]).toBeCloseTo(spectralNorm(numeric, 3, 3), 7);
		expect(norms.h[0]).toBeCloseTo(spectralNorm(numericJacobianFromStart(problem, 'h', 'h0'), 3, 3), 7);
	});

	it('shrink geometrically when Whh is small (vanishing) and grow when it is large (exploding)', () => {
		const small = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 4 }] }, { seed: 1, recurrent: 'identity', recurrentScale: 0.5, input: 'zeros', bias: 'zeros' });
		const inputs = Array.from({ length: 8 }, () => [0]);
		const norms = jacobianNorms(small, inputs).h;
		// h stays 0, tanh' = 1, so ‖∂h_T/∂h_k‖ = 0.5^(T−k)
		norms.forEach((n, k) => expect(n).toBeCloseTo(0.5 ** (8 - k), 14));
		const large = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 4 }] }, { seed: 1, recurrent: 'identity', recurrentScale: 1.5, input: 'zeros', bias: 'zeros' });
		expect(jacobianNorms(large, inputs).h[0]).toBeCloseTo(1.5 ** 8, 10);
	});

	it('analyses any layer of a stack, holding that layer’s inputs fixed', () => {
		const problem = makeProblem(2, [{ cell: 'lstm', hiddenSize: 3 }, { cell: 'gru', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 4, inputSize: 2, outputSize: 1 });
		const top = jacobianNorms(problem.network, problem.inputs, { layer: 1 });
		expect(top.h).toHaveLength(4);
		expect(top.c).toBeNull();
		const D = stepJacobians(problem.network, problem.inputs, { layer: 1 });
		expect(top.h[3]).toBeCloseTo(spectralNorm(D[3], 2, 2), 14);
		expect(() => jacobianNorms(problem.network, problem.inputs, { layer: 2 })).toThrow(/no layer 3/);
	});
});

describe('jacobianNormMatrix(network, inputs): every ‖∂h_t/∂h_k‖ for the heatmap', () => {
	for (const kind of CELL_KINDS) {
		it(`its last row equals jacobianNorms (${kind.cell} ${kind.variant ?? ''}); 1 on k = t, 0 above`, () => {
			const problem = makeProblem(29, [{ ...kind, hiddenSize: 3 }], { kind: 'mse', reduction: 'sum', steps: 5, inputSize: 2, outputSize: 1 });
			const matrix = jacobianNormMatrix(problem.network, problem.inputs);
			const last = jacobianNorms(problem.network, problem.inputs);
			expect(relativeError(matrix.h.slice(4 * 5), last.h)).toBeLessThan(1e-12);
			if (last.c) expect(relativeError(matrix.c!.slice(4 * 5), last.c)).toBeLessThan(1e-12);
			for (let t = 1; t <= 5; t++) {
				for (let k = t; k < 5; k++) expect(matrix.h[(t - 1) * 5 + k]).toBe(k === t ? 1 : 0);
				expect(matrix.h[(t - 1) * 5 + t - 1]).toBeCloseTo(spectralNorm(jacobianBetween(problem.network, problem.inputs, t, t - 1), 3, 3), 12);
			}
		});
	}
});

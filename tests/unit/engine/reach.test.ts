import { describe, expect, it } from 'vitest';
import { cloneNetwork, forward, gradientReach, lossBreakdown, lossOf, type LossSpec } from '$lib/engine';
import { CELL_KINDS, codeOf, makeProblem } from './helpers';

/**
 * ‖∂L/∂h_k‖ by central differences. The network restarted from h_k (and c_k) over the remaining
 * inputs gives the losses of steps k+1..T, so perturbing its h0 perturbs h_k; step k's own loss
 * reads h_k through the head y_k = W h_k + b. Earlier steps do not depend on h_k, and with summed
 * losses they drop out.
 */
function numericReach(problem: ReturnType<typeof makeProblem>, k: number): number {
	const { network, inputs } = problem;
	const loss = problem.loss as Extract<LossSpec, { targets: unknown }>;
	const trace = forward(network, inputs).layers[0];
	const all = loss.targets as unknown[];
	const targets = all.slice(k);
	const own = k > 0 ? all[k - 1] : null;
	const head = network.head;
	const ownLoss = (h: Float64Array) => {
		if (own === null) return 0;
		const y = Array.from({ length: head.outputSize }, (_, i) => {
			let v = head.b[i];
			for (let j = 0; j < head.inputSize; j++) v += head.W[i * head.inputSize + j] * h[j];
			return v;
		});
		return lossBreakdown({ ...loss, targets: [own] } as unknown as LossSpec, [y]).sum;
	};
	const rest = cloneNetwork(network);
	const layer = rest.layers[0];
	layer.h0.set(k === 0 ? trace.h0 : trace.h[k - 1]);
	if (layer.c0 && trace.c) layer.c0.set(k === 0 ? (trace.c0 as Float64Array) : trace.c[k - 1]);
	const suffix = inputs.slice(k);
	const suffixLoss = { ...loss, targets } as LossSpec;
	const total = () => (targets.some((t) => t !== null) ? lossOf(rest, suffix, suffixLoss) : 0) + ownLoss(layer.h0);
	let sum = 0;
	for (let j = 0; j < layer.hiddenSize; j++) {
		const keep = layer.h0[j];
		layer.h0[j] = keep + 1e-6;
		const up = total();
		layer.h0[j] = keep - 1e-6;
		const down = total();
		layer.h0[j] = keep;
		sum += ((up - down) / 2e-6) ** 2;
	}
	return Math.sqrt(sum);
}

describe('gradientReach(network, inputs, loss)', () => {
	for (const kind of CELL_KINDS) {
		for (const lossKind of ['mse', 'softmax-ce'] as const) {
			it(`‖∂L/∂h_k‖ of ${kind.cell} ${kind.variant ?? ''} (${lossKind}) equals central differences at every k`, () => {
				const problem = makeProblem(31, [{ ...kind, hiddenSize: 3 }], { kind: lossKind, reduction: 'sum', steps: 6, inputSize: 2, outputSize: 2 });
				const reach = gradientReach(problem.network, problem.inputs, problem.loss);
				expect(reach.length).toBe(7);
				for (let k = 0; k <= 6; k++) {
					const numeric = numericReach(problem, k);
					expect(Math.abs(reach[k] - numeric)).toBeLessThan(1e-7 * Math.max(1, numeric));
				}
			});
		}
	}

	it('a loss only at the last step reaches every earlier state, and nothing is left after it', () => {
		const problem = makeProblem(4, [{ cell: 'gru', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 4, inputSize: 1, outputSize: 1 });
		const loss: LossSpec = { kind: 'mse', reduction: 'sum', targets: [null, null, null, [0.5]] };
		const reach = gradientReach(problem.network, problem.inputs, loss);
		expect(Array.from(reach).every((v) => v > 0)).toBe(true);
		expect(reach[4]).toBeCloseTo(numericReach({ ...problem, loss }, 4), 7);
	});

	it('names a layer the network does not have', () => {
		const problem = makeProblem(2, [{ cell: 'rnn', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 3, inputSize: 1, outputSize: 1 });
		expect(codeOf(() => gradientReach(problem.network, problem.inputs, problem.loss, 1))).toBe('invalid-argument');
	});
});

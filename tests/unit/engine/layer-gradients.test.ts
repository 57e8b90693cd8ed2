import { describe, expect, it } from 'vitest';
import { buildNetwork, lossOf, type LossSpec } from '$lib/engine';
import { layerGradientNorms, layerRanges } from '$lib/engine/layer-gradients';
import { makeProblem } from './helpers';

/** ‖∂L/∂θ‖ over [start, end) by central differences of the batch's mean loss. */
function numericNorm(batch: { inputs: number[][]; loss: LossSpec }[], network: ReturnType<typeof buildNetwork>, start: number, end: number): number {
	const meanLoss = () => batch.reduce((sum, item) => sum + lossOf(network, item.inputs, item.loss), 0) / batch.length;
	const p = network.params;
	const eps = 1e-6;
	let sum = 0;
	for (let i = start; i < end; i++) {
		const keep = p[i];
		p[i] = keep + eps;
		const up = meanLoss();
		p[i] = keep - eps;
		const down = meanLoss();
		p[i] = keep;
		sum += ((up - down) / (2 * eps)) ** 2;
	}
	return Math.sqrt(sum);
}

describe('layerGradientNorms', () => {
	it('each layer’s ‖∂L/∂θ‖ of a 3-layer stack matches central finite differences (LSTM, GRU, RNN; softmax and MSE)', () => {
		const layers = [
			{ cell: 'lstm' as const, hiddenSize: 3 },
			{ cell: 'gru' as const, hiddenSize: 2 },
			{ cell: 'rnn' as const, hiddenSize: 3 }
		];
		for (const kind of ['softmax-ce', 'mse'] as const) {
			const a = makeProblem(11, layers, { kind, reduction: 'mean', steps: 4, inputSize: 2, outputSize: 3 });
			const b = makeProblem(12, layers, { kind, reduction: 'mean', steps: 5, inputSize: 2, outputSize: 3 });
			const batch = [a, b].map((p) => ({ inputs: p.inputs, loss: p.loss }));
			const report = layerGradientNorms(a.network, batch);
			expect(report.parts.map((p) => p.name)).toEqual(['Layer 1', 'Layer 2', 'Layer 3', 'Head']);
			layerRanges(a.network).forEach(({ start, end }, k) => {
				const numeric = numericNorm(batch, a.network, start, end);
				expect(numeric).toBeGreaterThan(1e-4);
				expect(Math.abs(report.parts[k].gradientNorm - numeric) / numeric).toBeLessThan(1e-6);
			});
		}
	});

	it('the parts cover every parameter once, and rms = norm / √count', () => {
		const network = buildNetwork({ inputSize: 5, outputSize: 1, layers: [{ cell: 'lstm', hiddenSize: 7 }, { cell: 'lstm', hiddenSize: 9 }] }, { seed: 3 });
		const report = layerGradientNorms(network, [{ inputs: [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]], loss: { kind: 'mse', targets: [null, null, [0.5]] } }]);
		expect(report.parts.map((p) => p.count)).toEqual([364, 612, 10]);
		for (const part of report.parts) expect(part.rms).toBeCloseTo(part.gradientNorm / Math.sqrt(part.count), 12);
	});

	it('refuses an empty batch with a message', () => {
		const network = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 2 }] }, { seed: 1 });
		expect(() => layerGradientNorms(network, [])).toThrow(/at least one sequence/);
	});
});

import { describe, expect, it } from 'vitest';
import { buildNetwork, forward, lossBreakdown } from '$lib/engine';
import { codeOf } from './helpers';

describe('lossBreakdown(spec, outputs)', () => {
	it('a prediction of 0.7 for the target costs −log 0.7 ≈ 0.357', () => {
		const b = lossBreakdown({ kind: 'softmax-ce', targets: [0], reduction: 'sum' }, [[Math.log(0.7), Math.log(0.3)]]);
		expect(b.probabilities[0][0]).toBeCloseTo(0.7, 14);
		expect(b.stepLosses[0]).toBeCloseTo(-Math.log(0.7), 14);
		expect(b.loss.toFixed(3)).toBe('0.357');
	});

	it('J = Σ_t J_t over the steps with a target; mean divides by their count; null steps cost nothing', () => {
		const outputs = [
			[0.2, -1, 3],
			[1, 1, 1],
			[-2, 0.5, 0]
		];
		const targets = [2, null, 0];
		const sum = lossBreakdown({ kind: 'softmax-ce', targets, reduction: 'sum' }, outputs);
		const mean = lossBreakdown({ kind: 'softmax-ce', targets, reduction: 'mean' }, outputs);
		expect(sum.stepLosses[1]).toBeNull();
		expect(sum.count).toBe(2);
		expect(sum.sum).toBeCloseTo(sum.stepLosses[0]! + sum.stepLosses[2]!, 14);
		expect(sum.loss).toBe(sum.sum);
		expect(mean.loss).toBeCloseTo(sum.sum / 2, 14);
		expect(mean.mean).toBe(sum.mean);
	});

	it('gives the same step losses as a forward pass whose head outputs these logits', () => {
		const logits = [0.3, -0.7, 1.1, 0];
		const network = buildNetwork({ inputSize: 1, outputSize: 4, layers: [{ cell: 'rnn', hiddenSize: 1 }] }, { seed: 1, head: 'zeros' });
		network.head.b.set(logits);
		const spec = { kind: 'softmax-ce', targets: [1, null, 3], reduction: 'mean' } as const;
		const trace = forward(network, [[0], [0], [0]], spec);
		const b = lossBreakdown(spec, [logits, logits, logits]);
		expect(b.stepLosses).toEqual(trace.stepLosses);
		expect(b.loss).toBe(trace.loss);
	});

	it('refuses ragged or non-finite outputs and a sequence with no target', () => {
		expect(codeOf(() => lossBreakdown({ kind: 'softmax-ce', targets: [0, 0] }, [[1, 2], [1]]))).toBe('shape-mismatch');
		expect(codeOf(() => lossBreakdown({ kind: 'softmax-ce', targets: [0] }, [[NaN, 2]]))).toBe('not-finite');
		expect(codeOf(() => lossBreakdown({ kind: 'softmax-ce', targets: [null] }, [[1, 2]]))).toBe('no-targets');
		expect(codeOf(() => lossBreakdown({ kind: 'softmax-ce', targets: [] }, []))).toBe('shape-mismatch');
	});
});

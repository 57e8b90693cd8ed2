import { describe, expect, it } from 'vitest';
import { buildNetwork, forward, prepareLoss, softmax } from '$lib/engine';
import { codeOf } from './helpers';

/** A network whose head outputs exactly `logits` (zero recurrent weights, head bias = logits). */
function fixedOutputs(logits: number[]) {
	const network = buildNetwork({ inputSize: 1, outputSize: logits.length, layers: [{ cell: 'rnn', hiddenSize: 1 }] }, { seed: 1, head: 'zeros' });
	network.head.b.set(logits);
	return network;
}

describe('softmax cross-entropy', () => {
	it('a prediction of 0.7 for the right class costs −log 0.7 ≈ 0.357', () => {
		const network = fixedOutputs([Math.log(0.7), Math.log(0.3)]);
		const trace = forward(network, [[0]], { kind: 'softmax-ce', targets: [0], reduction: 'sum' });
		expect(trace.probabilities![0][0]).toBeCloseTo(0.7, 14);
		expect(trace.loss).toBeCloseTo(-Math.log(0.7), 14);
		expect(trace.loss!.toFixed(3)).toBe('0.357');
	});

	it('stays finite for huge logits (log-sum-exp with the max subtracted)', () => {
		const trace = forward(fixedOutputs([1000, -1000, 0]), [[0]], { kind: 'softmax-ce', targets: [1], reduction: 'sum' });
		expect(trace.loss).toBeCloseTo(2000, 9);
	});

	it("'sum' adds the steps with a target, 'mean' divides by their count", () => {
		const network = fixedOutputs([0, 0, 0, 0]);
		const targets = [null, 1, null, 3];
		const sum = forward(network, [[0], [0], [0], [0]], { kind: 'softmax-ce', targets, reduction: 'sum' }).loss!;
		const mean = forward(network, [[0], [0], [0], [0]], { kind: 'softmax-ce', targets, reduction: 'mean' }).loss!;
		expect(sum).toBeCloseTo(2 * Math.log(4), 14);
		expect(mean).toBeCloseTo(Math.log(4), 14);
	});
});

describe('mean squared error', () => {
	it('averages (y − target)² over the output elements of a step', () => {
		const trace = forward(fixedOutputs([1, 2]), [[0], [0]], { kind: 'mse', targets: [[0, 0], null], reduction: 'sum' });
		expect(trace.stepLosses).toEqual([2.5, null]);
		expect(trace.loss).toBe(2.5);
	});

	it('accepts plain numbers as targets for a single output', () => {
		expect(forward(fixedOutputs([1]), [[0]], { kind: 'mse', targets: [3], reduction: 'mean' }).loss).toBe(4);
	});
});

describe('prepareLoss validation', () => {
	it('rejects unknown losses, wrong target counts, classes out of range, NaN targets and losses without targets', () => {
		expect(codeOf(() => prepareLoss({ kind: 'hinge' as never, targets: [0] }, 1, 2))).toBe('unknown-loss');
		expect(codeOf(() => prepareLoss({ kind: 'softmax-ce', targets: [0, 1] }, 3, 2))).toBe('shape-mismatch');
		expect(codeOf(() => prepareLoss({ kind: 'softmax-ce', targets: [2] }, 1, 2))).toBe('invalid-target');
		expect(codeOf(() => prepareLoss({ kind: 'softmax-ce', targets: [0.5] }, 1, 2))).toBe('invalid-target');
		expect(codeOf(() => prepareLoss({ kind: 'mse', targets: [[NaN]] }, 1, 1))).toBe('not-finite');
		expect(codeOf(() => prepareLoss({ kind: 'mse', targets: [[1, 2]] }, 1, 1))).toBe('invalid-target');
		expect(codeOf(() => prepareLoss({ kind: 'mse', targets: [null, null] }, 2, 1))).toBe('no-targets');
		expect(codeOf(() => prepareLoss({ kind: 'mse', targets: [1], reduction: 'max' as never }, 1, 1))).toBe('invalid-argument');
	});

	it("defaults to 'mean' and can be prepared once and reused", () => {
		const prepared = prepareLoss({ kind: 'softmax-ce', targets: [1, null] }, 2, 3);
		expect(prepared.reduction).toBe('mean');
		expect(prepared.count).toBe(1);
		expect(prepareLoss(prepared, 2, 3)).toBe(prepared);
		expect(codeOf(() => prepareLoss(prepared, 3, 3))).toBe('shape-mismatch');
	});
});

describe('softmax(logits, temperature)', () => {
	it('sums to 1, sharpens below temperature 1 and flattens above', () => {
		const p = softmax([1, 2, 3]);
		expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
		expect(softmax([1, 2, 3], 0.1)[2]).toBeGreaterThan(p[2]);
		expect(softmax([1, 2, 3], 10)[2]).toBeLessThan(p[2]);
		expect(codeOf(() => softmax([1], 0))).toBe('invalid-argument');
	});
});

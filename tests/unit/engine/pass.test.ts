import { describe, expect, it } from 'vitest';
import { backward, buildNetwork, oneHotSequence } from '$lib/engine';
import { createPass, forwardPass, resetState } from '$lib/engine/pass';
import { codeOf } from './helpers';

describe('forward and backward passes on reused buffers', () => {
	it('a short sequence after a long one gives the numbers of a fresh run (no stale buffers)', () => {
		const network = buildNetwork({ inputSize: 3, outputSize: 3, layers: [{ cell: 'gru', hiddenSize: 4, variant: 'reset-before' }] }, { seed: 12 });
		const loss = (n: number) => ({ kind: 'softmax-ce' as const, targets: Array.from({ length: n }, (_, t) => t % 3), reduction: 'mean' as const });
		const fresh = backward(network, oneHotSequence([0, 1, 2], 3), loss(3));
		const pass = createPass(network, 1);
		resetState(pass);
		forwardPass(pass, oneHotSequence([2, 2, 2, 2, 2, 2, 2, 2], 3), 0, 8);
		resetState(pass);
		forwardPass(pass, oneHotSequence([0, 1, 2], 3), 0, 3);
		expect(Array.from(pass.Y.subarray(0, 9))).toEqual(fresh.trace.outputs.flatMap((y) => Array.from(y)));
	});

	it('refuses to keep BPTT buffers beyond the memory limit and suggests truncated BPTT', () => {
		const network = buildNetwork({ inputSize: 3, outputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 512 }] }, { seed: 1 });
		const pass = createPass(network, 1);
		expect(codeOf(() => forwardPass(pass, oneHotSequence(new Array(50_000).fill(0), 3), 0, 50_000))).toBe('too-large');
	});
});

import { describe, expect, it } from 'vitest';
import { LIMITS, denseSequence, oneHotSequence, toSequence } from '$lib/engine';
import { codeOf } from './helpers';

describe('denseSequence / oneHotSequence / toSequence', () => {
	it('stores one-hot inputs as indices, dense ones row-major', () => {
		expect(Array.from(oneHotSequence([2, 0, 1], 3).indices!)).toEqual([2, 0, 1]);
		const dense = denseSequence([[1, 2], [3, 4], [5, 6]]);
		expect(dense.steps).toBe(3);
		expect(dense.size).toBe(2);
		expect(Array.from(dense.dense!)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(denseSequence(Float64Array.of(1, 2, 3, 4), 2).steps).toBe(2);
	});

	it('rejects ragged steps, NaN, Infinity, indices out of the vocabulary and empty sequences', () => {
		expect(codeOf(() => denseSequence([[1, 2], [3]]))).toBe('shape-mismatch');
		expect(codeOf(() => denseSequence([[1, NaN]]))).toBe('not-finite');
		expect(codeOf(() => denseSequence(Float64Array.of(1, Infinity), 2))).toBe('not-finite');
		expect(codeOf(() => denseSequence(Float64Array.of(1, 2, 3), 2))).toBe('shape-mismatch');
		expect(codeOf(() => oneHotSequence([0, 3], 3))).toBe('invalid-argument');
		expect(codeOf(() => oneHotSequence([0, 1.5], 3))).toBe('invalid-argument');
		expect(codeOf(() => denseSequence([]))).toBe('invalid-argument');
	});

	it(`allows at most ${LIMITS.maxSteps} steps`, () => {
		expect(codeOf(() => oneHotSequence(new Array(LIMITS.maxSteps + 1).fill(0), 2))).toBe('too-large');
	});

	it("checks the input size against the network's first layer", () => {
		expect(codeOf(() => toSequence([[1, 2]], 3))).toBe('shape-mismatch');
		expect(codeOf(() => toSequence(oneHotSequence([1], 4), 3))).toBe('shape-mismatch');
	});
});

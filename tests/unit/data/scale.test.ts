import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataError, fitMinMax, fitStandardizer } from '$lib/engine/data';

describe('standardizing a series', () => {
	it('gives mean 0 and standard deviation 1, and inverts exactly enough', () => {
		const s = fitStandardizer([2, 4, 4, 4, 5, 5, 7, 9]);
		expect(s.shift).toBe(5);
		expect(s.scale).toBe(2);
		expect(Array.from(s.apply([5, 7, 1]))).toEqual([0, 1, -2]);
		expect(Array.from(s.invert([0, 1, -2]))).toEqual([5, 7, 1]);
	});
	it('round-trips any finite series', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
				const s = fitStandardizer(xs);
				const back = s.invert(s.apply(xs));
				xs.forEach((x, i) => expect(back[i]).toBeCloseTo(x, 4));
			})
		);
	});
	it('does not divide by zero on a constant series', () => {
		const s = fitStandardizer([3, 3, 3]);
		expect(s.constant).toBe(true);
		expect(Array.from(s.apply([3, 4]))).toEqual([0, 1]);
	});
	it('explains empty or non-finite input', () => {
		expect(() => fitStandardizer([])).toThrow(DataError);
		expect(() => fitStandardizer([1, NaN])).toThrow(/Value number 2/);
	});
});

describe('min–max scaling', () => {
	it('maps the smallest value to 0 and the largest to 1', () => {
		const s = fitMinMax([10, 20, 15]);
		expect(Array.from(s.apply([10, 20, 15, 25]))).toEqual([0, 1, 0.5, 1.5]);
		expect(Array.from(s.invert([0.5]))).toEqual([15]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spectralNorm, spectralRadius } from '$lib/engine';

describe('spectralNorm (largest singular value)', () => {
	it('of a diagonal matrix is its largest |entry|', () => {
		expect(spectralNorm(Float64Array.of(3, 0, 0, 0, -5, 0, 0, 0, 1), 3, 3)).toBeCloseTo(5, 14);
	});

	it('works for rectangular matrices either way round', () => {
		expect(spectralNorm(Float64Array.of(1, 0, 0, 2, 0, 0), 3, 2)).toBeCloseTo(2, 14);
		expect(spectralNorm(Float64Array.of(1, 0, 0, 0, 2, 0), 2, 3)).toBeCloseTo(2, 14);
		expect(spectralNorm(new Float64Array(6), 2, 3)).toBe(0);
	});

	it('exact (Jacobi) and power iteration agree, and no vector is stretched more', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (rows, cols, seed) => {
				let s = seed;
				const next = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) / 2 ** 31);
				const M = Float64Array.from({ length: rows * cols }, next);
				const exact = spectralNorm(M, rows, cols, 'exact');
				expect(spectralNorm(M, rows, cols, 'power')).toBeCloseTo(exact, 8);
				const v = Float64Array.from({ length: cols }, next);
				const Mv = Array.from({ length: rows }, (_, r) => v.reduce((a, x, c) => a + M[r * cols + c] * x, 0));
				expect(Math.hypot(...Mv)).toBeLessThanOrEqual(exact * Math.hypot(...v) * (1 + 1e-12) + 1e-300);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 100) }
		);
	});
});

describe('spectralRadius (largest |eigenvalue|)', () => {
	it('of a scaled rotation is the scale (complex eigenvalues)', () => {
		const a = 0.7;
		expect(spectralRadius(Float64Array.of(0.9 * Math.cos(a), -0.9 * Math.sin(a), 0.9 * Math.sin(a), 0.9 * Math.cos(a)), 2)).toBeCloseTo(0.9, 10);
	});

	it('of a triangular matrix is its largest |diagonal entry|, of a nilpotent one 0', () => {
		expect(spectralRadius(Float64Array.of(0.5, 3, 0, -2), 2)).toBeCloseTo(2, 9);
		expect(spectralRadius(Float64Array.of(0, 1, 0, 0), 2)).toBe(0);
	});

	it('is at most the spectral norm and scales linearly', () => {
		const W = Float64Array.of(0.2, -0.4, 0.1, 0.3, 0.5, -0.2, -0.1, 0.2, 0.4);
		const r = spectralRadius(W, 3);
		expect(r).toBeLessThanOrEqual(spectralNorm(W, 3, 3) + 1e-12);
		expect(spectralRadius(W.map((x) => 3 * x), 3)).toBeCloseTo(3 * r, 9);
	});
});

import { describe, expect, it } from 'vitest';
import { createRandom, EngineError, spectralRadius } from '$lib/engine';
import { eigenvalues, type Eigenvalue } from '$lib/engine/eigen';
import { eigsRadius } from '$lib/widgets/jacobians/eigs';

const matrix = (rows: number[][]) => Float64Array.from(rows.flat());

/** Each expected eigenvalue is matched to the nearest unused one found (multiset comparison). */
function expectSameSpectrum(found: Eigenvalue[], expected: { re: number; im: number }[], tolerance: number, label = '') {
	expect(found, label).toHaveLength(expected.length);
	const left = [...found];
	for (const z of expected) {
		let best = 0;
		for (let i = 1; i < left.length; i++) {
			if (Math.hypot(left[i].re - z.re, left[i].im - z.im) < Math.hypot(left[best].re - z.re, left[best].im - z.im)) best = i;
		}
		expect(Math.hypot(left[best].re - z.re, left[best].im - z.im), `${label} λ = ${z.re} + ${z.im}i`).toBeLessThan(tolerance);
		left.splice(best, 1);
	}
}

describe('eigenvalues (Hessenberg + double-shift QR)', () => {
	it('agrees with mathjs eigs on random real matrices, sizes 1 to 12, complex pairs included', () => {
		const random = createRandom('eigen-test');
		let complexPairs = 0;
		for (let trial = 0; trial < 24; trial++) {
			const n = 1 + (trial % 12);
			const rows = Array.from({ length: n }, () => Array.from({ length: n }, () => random.range(-1, 1) * (trial % 3 === 0 ? 5 : 1)));
			const found = eigenvalues(matrix(rows), n);
			const mathjs = eigsRadius(rows);
			expectSameSpectrum(found, mathjs.eigenvalues, 1e-7, `trial ${trial}, n = ${n}`);
			expect(found[0].abs).toBeCloseTo(mathjs.radius, 8);
			expect(found[0].abs).toBeCloseTo(spectralRadius(matrix(rows), n), 8);
			complexPairs += found.filter((z) => z.im > 0).length;
		}
		// Random real matrices usually have complex pairs: the comparison covered them.
		expect(complexPairs).toBeGreaterThan(8);
	}, 60_000);

	it('finds known spectra: a rotation, a nilpotent matrix, a triangular one, a companion matrix', () => {
		expectSameSpectrum(eigenvalues(matrix([[0, -0.8], [0.8, 0]]), 2), [{ re: 0, im: 0.8 }, { re: 0, im: -0.8 }], 1e-14);
		expectSameSpectrum(eigenvalues(matrix([[0, 1], [0, 0]]), 2), [{ re: 0, im: 0 }, { re: 0, im: 0 }], 1e-14);
		expectSameSpectrum(eigenvalues(matrix([[2, 5, -1], [0, -3, 4], [0, 0, 0.5]]), 3), [{ re: 2, im: 0 }, { re: -3, im: 0 }, { re: 0.5, im: 0 }], 1e-12);
		// x⁴ − 1 = 0: roots 1, −1, i, −i, as the eigenvalues of its companion matrix.
		const companion = matrix([[0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]);
		expectSameSpectrum(eigenvalues(companion, 4), [{ re: 1, im: 0 }, { re: -1, im: 0 }, { re: 0, im: 1 }, { re: 0, im: -1 }], 1e-12);
		// A 3 × 3 rotation about the z axis by 0.3 rad: e^{±0.3i} and 1.
		const c = Math.cos(0.3);
		const s = Math.sin(0.3);
		expectSameSpectrum(eigenvalues(matrix([[c, -s, 0], [s, c, 0], [0, 0, 1]]), 3), [{ re: c, im: s }, { re: c, im: -s }, { re: 1, im: 0 }], 1e-12);
		expect(eigenvalues(new Float64Array(0), 0)).toEqual([]);
		expect(eigenvalues(matrix([[0, 0, 0], [0, 0, 0], [0, 0, 0]]), 3).map((z) => z.abs)).toEqual([0, 0, 0]);
	});

	it('lists the largest |λ| first, a pair with its positive imaginary part first, and leaves the input alone', () => {
		const W = matrix([[0.5, -2, 0], [2, 0.5, 0], [0, 0, -1]]);
		const copy = Float64Array.from(W);
		const found = eigenvalues(W, 3);
		expect(found.map((z) => z.abs)).toEqual([...found.map((z) => z.abs)].sort((a, b) => b - a));
		expect(found[0].im).toBeCloseTo(2, 12);
		expect(found[1].im).toBeCloseTo(-2, 12);
		expect(found[2].re).toBeCloseTo(-1, 12);
		expect(W).toEqual(copy);
	});

	it('refuses a wrong shape or non-finite entries with the engine’s error', () => {
		expect(() => eigenvalues(new Float64Array(3), 2)).toThrow(EngineError);
		expect(() => eigenvalues(matrix([[1, NaN], [0, 1]]), 2)).toThrow(/finite/);
	});
});

import { describe, expect, it } from 'vitest';
import { EngineError, spectralNorm } from '$lib/engine';
import { matMul } from '$lib/engine/linalg';
import { matrixPowerNorms, powerSequence } from '$lib/engine/powers';

describe('powerSequence', () => {
	it('gives the lecture’s 0.9ⁿ and 1.5ⁿ rows', () => {
		expect(powerSequence(0.9, 9).map((v) => v.toFixed(2))).toEqual(['0.90', '0.81', '0.73', '0.66', '0.59', '0.53', '0.48', '0.43', '0.39']);
		expect(powerSequence(1.5, 8).map((v) => v.toFixed(2))).toEqual(['1.50', '2.25', '3.38', '5.06', '7.59', '11.39', '17.09', '25.63']);
	});

	it('is c ** j exactly, and 1ⁿ stays 1', () => {
		const seq = powerSequence(0.9, 30);
		seq.forEach((v, i) => expect(v).toBe(0.9 ** (i + 1)));
		expect(powerSequence(1, 5)).toEqual([1, 1, 1, 1, 1]);
		expect(powerSequence(-2, 3)).toEqual([-2, 4, -8]);
	});

	it('refuses bad input with an EngineError', () => {
		expect(() => powerSequence(Number.NaN, 3)).toThrow(EngineError);
		expect(() => powerSequence(Infinity, 3)).toThrow(/finite/);
		expect(() => powerSequence(0.9, 0)).toThrow(EngineError);
		expect(() => powerSequence(0.9, 2.5)).toThrow(/whole number/);
		expect(() => powerSequence(10, 400)).toThrow(/too large/);
	});
});

describe('matrixPowerNorms', () => {
	it('equals the spectral norm of each power', () => {
		const W = Float64Array.of(0.5, -0.3, 0.2, 0.1, 0.4, 0.6, -0.2, 0.3, 0.7);
		const norms = matrixPowerNorms(W, 3, 6);
		let P = Float64Array.from(W);
		const next = new Float64Array(9);
		for (let j = 0; j < 6; j++) {
			expect(norms[j]).toBeCloseTo(spectralNorm(P, 3, 3), 14);
			matMul(next, P, W, 3);
			P = Float64Array.from(next);
		}
	});

	it('of a scaled rotation is the scale to the power j', () => {
		const c = 0.9;
		const W = Float64Array.of(0, -c, c, 0);
		Array.from(matrixPowerNorms(W, 2, 10)).forEach((v, j) => expect(v).toBeCloseTo(c ** (j + 1), 14));
	});

	it('refuses bad shapes and values', () => {
		expect(() => matrixPowerNorms(new Float64Array(3), 2, 2)).toThrow(EngineError);
		expect(() => matrixPowerNorms(Float64Array.of(1, Number.NaN, 0, 1), 2, 2)).toThrow(/NaN/);
		expect(() => matrixPowerNorms(Float64Array.of(1, 0, 0, 1), 2, 0)).toThrow(EngineError);
	});
});

describe('slopedPowerNorms', () => {
	it('ρ = 0 yet the 24-step product with slopes (1, 0.01) keeps a norm of about 1.1 (lesson 7)', async () => {
		const { slopedPowerNorms, spectralRadius } = await import('$lib/engine');
		const W = Float64Array.from([1, 1, -1, -1]);
		expect(spectralRadius(W, 2)).toBeLessThan(1e-6);
		expect(matrixPowerNorms(W, 2, 2)[1]).toBeLessThan(1e-12); // W² = 0: the pure power vanishes
		const norms = slopedPowerNorms(W, 2, [1, 0.01], 24);
		// D W is rank one, u vᵀ with vᵀu = 0.99, so (D W)ⁿ = 0.99ⁿ⁻¹ D W.
		expect(norms[23]).toBeCloseTo(0.99 ** 23 * Math.hypot(1, 0.01) * Math.SQRT2, 12);
		expect(norms[23]).toBeGreaterThan(1);
	});

	it('refuses slopes of the wrong length', async () => {
		const { slopedPowerNorms } = await import('$lib/engine');
		expect(() => slopedPowerNorms(Float64Array.from([1, 0, 0, 1]), 2, [1], 3)).toThrow(EngineError);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid, sigmoidDerivativeFromOutput, tanh, tanhDerivativeFromOutput } from '$lib/engine';

describe('sigmoid and tanh, as the cells compute them', () => {
	it('σ(0) = 0.5, σ(−x) = 1 − σ(x), and extreme inputs give 0 or 1, never NaN', () => {
		expect(sigmoid(0)).toBe(0.5);
		expect(sigmoid(-1000)).toBe(0);
		expect(sigmoid(1000)).toBe(1);
		fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
			expect(sigmoid(-x)).toBeCloseTo(1 - sigmoid(x), 15);
		}));
	});

	it('the derivatives written with the outputs, σ(1 − σ) and 1 − tanh², equal finite differences', () => {
		fc.assert(
			fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x) => {
				expect(sigmoidDerivativeFromOutput(sigmoid(x))).toBeCloseTo((sigmoid(x + 1e-6) - sigmoid(x - 1e-6)) / 2e-6, 8);
				expect(tanhDerivativeFromOutput(tanh(x))).toBeCloseTo((tanh(x + 1e-6) - tanh(x - 1e-6)) / 2e-6, 8);
			})
		);
	});
});

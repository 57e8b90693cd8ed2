/**
 * Repeated multiplication, the arithmetic behind vanishing and exploding gradients: a factor c
 * multiplied in n times (the lecture's 0.9ⁿ and 1.5ⁿ), and the spectral norms ‖Wʲ‖₂ of the
 * powers of a square matrix, which is what a chain of Jacobians becomes when there is no tanh
 * (∂h_t/∂h_k = W^(t−k) for a linear RNN).
 */

import { EngineError, requireInteger } from './errors';
import { matMul } from './linalg';
import { spectralNorm } from './spectral';

/** Longest sequence either function gives: far beyond what any chart draws. */
export const MAX_POWER_STEPS = 10_000;

/**
 * [c¹, c², …, cⁿ] with n = `steps`. Each entry is `c ** j` (one correctly rounded power, not a
 * running product, so no rounding piles up). Throws `not-finite` when a power overflows.
 */
export function powerSequence(factor: number, steps: number): number[] {
	if (typeof factor !== 'number' || !Number.isFinite(factor)) {
		throw new EngineError('not-finite', `The factor must be a finite number, got ${String(factor)}.`, { factor });
	}
	requireInteger('The number of steps', steps, 1, MAX_POWER_STEPS);
	const out: number[] = [];
	for (let j = 1; j <= steps; j++) {
		const value = factor ** j;
		if (!Number.isFinite(value)) {
			throw new EngineError('not-finite', `${factor} to the power ${j} is too large for a float64; use fewer steps.`, { factor, power: j });
		}
		out.push(value);
	}
	return out;
}

/**
 * ‖W¹‖₂, ‖W²‖₂, …, ‖Wⁿ‖₂ for an n × n matrix `W` (row-major), n = `steps` powers. By Gelfand's
 * formula ‖Wʲ‖^(1/j) tends to the spectral radius, so these grow or shrink like ρʲ in the long
 * run, though a non-normal W can first grow before it shrinks.
 */
export function matrixPowerNorms(W: Float64Array, size: number, steps: number): Float64Array {
	requireInteger('The matrix size', size, 1, 1024);
	if (W.length !== size * size) throw new EngineError('shape-mismatch', `matrixPowerNorms needs a ${size} × ${size} matrix, got ${W.length} numbers.`);
	requireInteger('The number of steps', steps, 1, MAX_POWER_STEPS);
	for (let i = 0; i < W.length; i++) {
		if (!Number.isFinite(W[i])) throw new EngineError('not-finite', `Entry ${i} of the matrix is ${W[i]}.`, { offset: i });
	}
	const norms = new Float64Array(steps);
	let P = Float64Array.from(W);
	let next = new Float64Array(size * size);
	for (let j = 0; j < steps; j++) {
		if (j > 0) {
			matMul(next, P, W, size);
			[P, next] = [next, P];
		}
		const norm = spectralNorm(P, size, size);
		if (!Number.isFinite(norm)) {
			throw new EngineError('not-finite', `‖W^${j + 1}‖ is too large for a float64; use fewer steps.`, { power: j + 1 });
		}
		norms[j] = norm;
	}
	return norms;
}

/**
 * ‖(D W)¹‖₂ … ‖(D W)ⁿ‖₂ with D = diag(`slopes`): the Jacobian product of a tanh RNN whose slopes
 * 1 − h² stay the same at every step. The slopes sit between the W factors, so ρ(W) alone does
 * not say where this goes: W = [[1, 1], [−1, −1]] has ρ = 0, yet with slopes (1, 0.01) the
 * product keeps a norm near 1.
 */
export function slopedPowerNorms(W: Float64Array, size: number, slopes: ArrayLike<number>, steps: number): Float64Array {
	requireInteger('The matrix size', size, 1, 1024);
	if (W.length !== size * size || slopes.length !== size) {
		throw new EngineError('shape-mismatch', `slopedPowerNorms needs a ${size} × ${size} matrix and ${size} slopes, got ${W.length} numbers and ${slopes.length} slopes.`);
	}
	const DW = new Float64Array(size * size);
	for (let r = 0; r < size; r++) {
		if (!Number.isFinite(slopes[r])) throw new EngineError('not-finite', `Slope ${r} is ${slopes[r]}.`, { offset: r });
		for (let c = 0; c < size; c++) DW[r * size + c] = slopes[r] * W[r * size + c];
	}
	return matrixPowerNorms(DW, size, steps);
}

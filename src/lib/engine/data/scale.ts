/**
 * Putting a series on a scale a network likes (mean 0, standard deviation 1, or 0…1) and back.
 *
 * Fit the scaler on the training part only and apply it to both parts, so the test data's mean
 * and spread do not leak into training. A constant series has no spread: its scale is taken
 * as 1 (and `constant` is true) instead of dividing by zero.
 */

import { DataError, show } from './errors';

export interface Scaler {
	/** (x − shift) / scale. */
	shift: number;
	scale: number;
	/** True when every fitted value was the same (scale set to 1). */
	constant: boolean;
	apply(values: ArrayLike<number>): Float64Array;
	invert(values: ArrayLike<number>): Float64Array;
}

function finiteValues(values: ArrayLike<number>): void {
	if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
		throw new DataError('invalid-argument', `Expected a list of numbers, got ${show(values)}.`);
	}
	if (values.length === 0) throw new DataError('empty-input', 'Cannot fit a scale to an empty series.');
	for (let i = 0; i < values.length; i++) {
		if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
			throw new DataError('non-finite', `Value number ${i + 1} is ${show(values[i])}; every value must be a finite number.`, {
				index: i
			});
		}
	}
}

function scaler(shift: number, scale: number): Scaler {
	const constant = scale === 0;
	const s = constant ? 1 : scale;
	return {
		shift,
		scale: s,
		constant,
		apply: (values) => Float64Array.from(values, (v) => (v - shift) / s),
		invert: (values) => Float64Array.from(values, (v) => v * s + shift)
	};
}

/** Mean 0 and (population) standard deviation 1 on the fitted values. */
export function fitStandardizer(values: ArrayLike<number>): Scaler {
	finiteValues(values);
	let mean = 0;
	for (let i = 0; i < values.length; i++) mean += values[i];
	mean /= values.length;
	let variance = 0;
	for (let i = 0; i < values.length; i++) variance += (values[i] - mean) ** 2;
	return scaler(mean, Math.sqrt(variance / values.length));
}

/** Smallest fitted value → 0, largest → 1. */
export function fitMinMax(values: ArrayLike<number>): Scaler {
	finiteValues(values);
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < values.length; i++) {
		lo = Math.min(lo, values[i]);
		hi = Math.max(hi, values[i]);
	}
	return scaler(lo, hi - lo);
}

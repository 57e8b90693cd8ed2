/**
 * Input sequences: T steps of either dense vectors or one-hot indices.
 *
 * One-hot inputs are kept as indices because `Wxh x_t` with a one-hot `x_t` is just column
 * `index_t` of `Wxh`: a lookup of H numbers instead of an H × V product (a character model's
 * vocabulary makes that the difference between 100 and 6,500 multiply-adds per step).
 */

import { EngineError, LIMITS, requireInteger } from './errors';

export interface Sequence {
	readonly steps: number;
	/** Length of each input vector (the vocabulary size for one-hot inputs). */
	readonly size: number;
	/** steps × size, row-major; null for one-hot sequences. */
	readonly dense: Float64Array | null;
	/** One index per step; null for dense sequences. */
	readonly indices: Int32Array | null;
}

/** What the engine's functions accept as inputs: a prepared sequence or one vector per step. */
export type InputsLike = Sequence | readonly (readonly number[] | Float64Array)[];

function checkSteps(steps: number): void {
	if (steps < 1) throw new EngineError('invalid-argument', 'The input sequence is empty; give at least one step.');
	requireInteger('The number of steps', steps, 1, LIMITS.maxSteps);
}

/** A sequence of dense vectors, from one array per step or from a flat steps × size array. */
export function denseSequence(rows: readonly (ArrayLike<number>)[] | Float64Array, size?: number): Sequence {
	if (rows instanceof Float64Array) {
		if (size === undefined || !Number.isInteger(size) || size < 1 || rows.length % size !== 0) {
			throw new EngineError('shape-mismatch', `A flat input of ${rows.length} numbers cannot be cut into vectors of ${String(size)}.`);
		}
		const steps = rows.length / size;
		checkSteps(steps);
		requireInteger('The input size', size, 1, LIMITS.maxInputSize);
		for (let i = 0; i < rows.length; i++) {
			if (rows[i] - rows[i] !== 0) throw notFinite(Math.floor(i / size), i % size, rows[i]);
		}
		return { steps, size, dense: Float64Array.from(rows), indices: null };
	}
	if (!Array.isArray(rows)) throw new EngineError('invalid-argument', 'Inputs must be a list with one vector per step.');
	checkSteps(rows.length);
	const first = rows[0];
	const width = size ?? (first && typeof first.length === 'number' ? first.length : 0);
	requireInteger('The input size', width, 1, LIMITS.maxInputSize);
	const dense = new Float64Array(rows.length * width);
	rows.forEach((row, t) => {
		if (!row || typeof row.length !== 'number' || row.length !== width) {
			throw new EngineError(
				'shape-mismatch',
				`Input step ${t + 1} has ${row && typeof row.length === 'number' ? row.length : 'no'} numbers, but every step needs ${width}.`,
				{ step: t, expected: width }
			);
		}
		for (let c = 0; c < width; c++) {
			const v = row[c];
			if (typeof v !== 'number' || v - v !== 0) throw notFinite(t, c, v);
			dense[t * width + c] = v;
		}
	});
	return { steps: rows.length, size: width, dense, indices: null };
}

function notFinite(step: number, position: number, value: unknown): EngineError {
	return new EngineError(
		'not-finite',
		`Input step ${step + 1}, position ${position} is ${String(value)}; inputs must be finite numbers.`,
		{ step, position, value }
	);
}

/** A sequence of one-hot vectors of length `size`, given by the index of the 1 at each step. */
export function oneHotSequence(indices: ArrayLike<number>, size: number): Sequence {
	requireInteger('The vocabulary size', size, 1, LIMITS.maxInputSize);
	checkSteps(indices.length);
	const out = new Int32Array(indices.length);
	for (let t = 0; t < indices.length; t++) {
		const i = indices[t];
		if (!Number.isInteger(i) || i < 0 || i >= size) {
			throw new EngineError(
				'invalid-argument',
				`One-hot input step ${t + 1} is ${String(i)}, but it must be a whole number from 0 to ${size - 1}.`,
				{ step: t, value: i, size }
			);
		}
		out[t] = i;
	}
	return { steps: indices.length, size, dense: null, indices: out };
}

export function isSequence(x: unknown): x is Sequence {
	return typeof x === 'object' && x !== null && 'steps' in x && ('dense' in x || 'indices' in x) && !Array.isArray(x);
}

/** Accepts a prepared sequence or one vector per step, and checks it fits `inputSize`. */
export function toSequence(inputs: InputsLike, inputSize: number): Sequence {
	const sequence = isSequence(inputs) ? inputs : denseSequence(inputs as readonly ArrayLike<number>[]);
	if (sequence.size !== inputSize) {
		throw new EngineError(
			'shape-mismatch',
			`Each input step has ${sequence.size} numbers, but the network's first layer expects ${inputSize}.`,
			{ expected: inputSize, got: sequence.size }
		);
	}
	return sequence;
}

/**
 * Losses over a sequence of outputs y_t: softmax cross-entropy and mean squared error.
 *
 * A target of `null` means "no target at this step" (many-to-one networks score only the last
 * step). Reduction `sum` adds the per-step losses of the steps that have a target; `mean` divides
 * that sum by their count, so a many-to-one loss is the same under both.
 */

import { EngineError, LIMITS } from './errors';

export type LossKind = 'softmax-ce' | 'mse';
export type Reduction = 'sum' | 'mean';

/** The loss as the reference format writes it. */
export interface LossSpec {
	kind: LossKind;
	/** Class indices (softmax-ce) or vectors (mse), one per step, `null` where a step has none. */
	targets: readonly (number | readonly number[] | Float64Array | null)[];
	/** Defaults to 'mean'. */
	reduction?: Reduction;
}

/** A loss checked against a sequence length and output size, ready for the hot path. */
export interface PreparedLoss {
	readonly kind: LossKind;
	readonly reduction: Reduction;
	readonly steps: number;
	readonly outputSize: number;
	/** softmax-ce: class per step, -1 where there is no target. */
	readonly classes: Int32Array | null;
	/** mse: steps × outputSize target values (0 where there is no target). */
	readonly values: Float64Array | null;
	/** 1 where the step has a target. */
	readonly mask: Uint8Array;
	/** Steps with a target. */
	readonly count: number;
}

export function isPreparedLoss(x: unknown): x is PreparedLoss {
	return typeof x === 'object' && x !== null && 'mask' in x && 'count' in x;
}

export function prepareLoss(spec: LossSpec | PreparedLoss, steps: number, outputSize: number): PreparedLoss {
	if (isPreparedLoss(spec)) {
		if (spec.steps !== steps || spec.outputSize !== outputSize) {
			throw new EngineError('shape-mismatch', `This loss was prepared for ${spec.steps} steps of ${spec.outputSize} outputs, not ${steps} of ${outputSize}.`);
		}
		return spec;
	}
	if (typeof spec !== 'object' || spec === null) throw new EngineError('invalid-argument', 'A loss needs { kind, targets, reduction }.');
	const reduction = spec.reduction ?? 'mean';
	if (reduction !== 'sum' && reduction !== 'mean') {
		throw new EngineError('invalid-argument', `The reduction "${String(reduction)}" is unknown; use "sum" or "mean".`);
	}
	if (spec.kind !== 'softmax-ce' && spec.kind !== 'mse') {
		throw new EngineError('unknown-loss', `The loss "${String(spec.kind)}" is unknown; use "softmax-ce" or "mse".`, { kind: spec.kind });
	}
	const targets = spec.targets;
	if (!Array.isArray(targets) || targets.length !== steps) {
		throw new EngineError(
			'shape-mismatch',
			`There are ${Array.isArray(targets) ? targets.length : 'no'} targets for ${steps} steps; give one per step (null where a step has none).`,
			{ expected: steps }
		);
	}
	const mask = new Uint8Array(steps);
	let count = 0;
	let classes: Int32Array | null = null;
	let values: Float64Array | null = null;
	if (spec.kind === 'softmax-ce') {
		classes = new Int32Array(steps).fill(-1);
		targets.forEach((target, t) => {
			if (target === null || target === undefined) return;
			if (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target >= outputSize) {
				throw new EngineError(
					'invalid-target',
					`The target at step ${t + 1} is ${JSON.stringify(target)}, but a class must be a whole number from 0 to ${outputSize - 1}.`,
					{ step: t, target }
				);
			}
			(classes as Int32Array)[t] = target;
			mask[t] = 1;
			count++;
		});
	} else {
		values = new Float64Array(steps * outputSize);
		targets.forEach((target, t) => {
			if (target === null || target === undefined) return;
			const row = typeof target === 'number' && outputSize === 1 ? [target] : target;
			if (typeof row !== 'object' || typeof row.length !== 'number' || row.length !== outputSize) {
				throw new EngineError(
					'invalid-target',
					`The target at step ${t + 1} must be a vector of ${outputSize} numbers for mean squared error.`,
					{ step: t }
				);
			}
			for (let j = 0; j < outputSize; j++) {
				const v = row[j];
				if (typeof v !== 'number' || v - v !== 0) {
					throw new EngineError('not-finite', `The target at step ${t + 1}, position ${j} is ${String(v)}; targets must be finite.`, { step: t });
				}
				(values as Float64Array)[t * outputSize + j] = v;
			}
			mask[t] = 1;
			count++;
		});
	}
	if (count === 0) {
		throw new EngineError('no-targets', 'No step has a target, so there is no loss to compute; give at least one.');
	}
	if (steps > LIMITS.maxSteps) throw new EngineError('too-large', `Sequences are limited to ${LIMITS.maxSteps} steps.`);
	return { kind: spec.kind, reduction, steps, outputSize, classes, values, mask, count };
}

/** The part of `loss` covering steps [start, start + steps): for truncated BPTT chunks. */
export function sliceLoss(loss: PreparedLoss, start: number, steps: number): PreparedLoss {
	const mask = loss.mask.subarray(start, start + steps);
	let count = 0;
	for (let t = 0; t < steps; t++) count += mask[t];
	const O = loss.outputSize;
	return {
		kind: loss.kind,
		reduction: loss.reduction,
		steps,
		outputSize: O,
		classes: loss.classes ? loss.classes.subarray(start, start + steps) : null,
		values: loss.values ? loss.values.subarray(start * O, (start + steps) * O) : null,
		mask,
		count
	};
}

/**
 * Computes the loss of outputs Y (steps × O), the per-step losses, softmax probabilities (for
 * softmax-ce) and dY = dL/dy_t for every step. Returns the reduced loss.
 */
export function evaluateLoss(
	loss: PreparedLoss,
	Y: Float64Array,
	probs: Float64Array,
	stepLoss: Float64Array,
	dY: Float64Array
): number {
	const { steps, outputSize: O, mask } = loss;
	const scale = loss.reduction === 'mean' ? 1 / loss.count : 1;
	let total = 0;
	if (loss.kind === 'softmax-ce') {
		const classes = loss.classes as Int32Array;
		for (let t = 0; t < steps; t++) {
			const o = t * O;
			// log softmax(y)[k] = y_k − (max + log Σ exp(y_j − max)); subtracting the max keeps exp finite.
			let max = -Infinity;
			for (let j = 0; j < O; j++) if (Y[o + j] > max) max = Y[o + j];
			let sum = 0;
			for (let j = 0; j < O; j++) {
				const e = Math.exp(Y[o + j] - max);
				probs[o + j] = e;
				sum += e;
			}
			const inv = 1 / sum;
			for (let j = 0; j < O; j++) probs[o + j] *= inv;
			if (mask[t] === 0) {
				stepLoss[t] = 0;
				dY.fill(0, o, o + O);
				continue;
			}
			const k = classes[t];
			// −log p_k; dL/dy = p − onehot(k)
			const l = max + Math.log(sum) - Y[o + k];
			stepLoss[t] = l;
			total += l;
			for (let j = 0; j < O; j++) dY[o + j] = probs[o + j] * scale;
			dY[o + k] -= scale;
		}
	} else {
		const values = loss.values as Float64Array;
		const perOutput = 1 / O;
		for (let t = 0; t < steps; t++) {
			const o = t * O;
			if (mask[t] === 0) {
				stepLoss[t] = 0;
				dY.fill(0, o, o + O);
				continue;
			}
			// mean over outputs of (y − target)²; dL/dy = 2 (y − target) / O
			let l = 0;
			for (let j = 0; j < O; j++) {
				const diff = Y[o + j] - values[o + j];
				l += diff * diff;
				dY[o + j] = 2 * diff * perOutput * scale;
			}
			l *= perOutput;
			stepLoss[t] = l;
			total += l;
		}
	}
	const reduced = total * scale;
	if (reduced - reduced !== 0) {
		throw new EngineError(
			'not-finite',
			`The loss became ${reduced}: the weights have grown too large (training diverged). Lower the learning rate or clip gradients, then reset.`,
			{ loss: reduced }
		);
	}
	return reduced;
}

/** Softmax with a temperature: low temperatures sharpen the distribution, high ones flatten it. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
	if (!(temperature > 0) || !Number.isFinite(temperature)) {
		throw new EngineError('invalid-argument', `The temperature must be a positive number, but it is ${temperature}.`);
	}
	const out = new Float64Array(logits.length);
	let max = -Infinity;
	for (let j = 0; j < logits.length; j++) max = Math.max(max, logits[j] / temperature);
	let sum = 0;
	for (let j = 0; j < logits.length; j++) sum += out[j] = Math.exp(logits[j] / temperature - max);
	for (let j = 0; j < logits.length; j++) out[j] /= sum;
	return out;
}

/**
 * The loss of given outputs, step by step: what `evaluateLoss` computes inside training, laid
 * open for the lessons (J_t per step, which steps have a target, sum and mean). No network is
 * involved; the outputs y_t are given directly.
 */

import { EngineError } from './errors';
import { evaluateLoss, prepareLoss, type LossSpec } from './loss';

export interface LossBreakdown {
	/** The reduced loss, exactly as training computes it (sum or mean, by the spec's reduction). */
	loss: number;
	/** J_t per step; null where the step has no target. */
	stepLosses: (number | null)[];
	/** Σ_t J_t over the steps with a target. */
	sum: number;
	/** Σ_t J_t divided by the number of steps with a target. */
	mean: number;
	/** Steps with a target. */
	count: number;
	/** softmax(y_t) per step (softmax-ce only; empty for mse). */
	probabilities: Float64Array[];
	/** dJ/dy_t per step, under the spec's reduction. */
	outputGradients: Float64Array[];
}

/** Runs the engine's loss on outputs y_1 … y_T (one row per step, all of one length). */
export function lossBreakdown(spec: LossSpec, outputs: readonly ArrayLike<number>[]): LossBreakdown {
	if (!Array.isArray(outputs) || outputs.length === 0) {
		throw new EngineError('shape-mismatch', 'Give at least one step of outputs.');
	}
	const T = outputs.length;
	const O = outputs[0].length;
	if (!(O > 0)) throw new EngineError('shape-mismatch', 'Each step needs at least one output.');
	const Y = new Float64Array(T * O);
	outputs.forEach((row, t) => {
		if (row.length !== O) {
			throw new EngineError('shape-mismatch', `Step ${t + 1} has ${row.length} outputs, but step 1 has ${O}; give every step the same number.`, { step: t });
		}
		for (let j = 0; j < O; j++) {
			const v = row[j];
			if (typeof v !== 'number' || v - v !== 0) {
				throw new EngineError('not-finite', `The output at step ${t + 1}, position ${j + 1} is ${String(v)}; outputs must be finite.`, { step: t });
			}
			Y[t * O + j] = v;
		}
	});
	const prepared = prepareLoss(spec, T, O);
	const probs = new Float64Array(T * O);
	const stepLoss = new Float64Array(T);
	const dY = new Float64Array(T * O);
	const loss = evaluateLoss(prepared, Y, probs, stepLoss, dY);
	let sum = 0;
	const stepLosses = Array.from(stepLoss, (l, t) => {
		if (prepared.mask[t] === 0) return null;
		sum += l;
		return l;
	});
	const rows = (flat: Float64Array) => Array.from({ length: T }, (_, t) => flat.slice(t * O, (t + 1) * O));
	return {
		loss,
		stepLosses,
		sum,
		mean: sum / prepared.count,
		count: prepared.count,
		probabilities: prepared.kind === 'softmax-ce' ? rows(probs) : [],
		outputGradients: rows(dY)
	};
}

/** Scores of finished predictions (not training losses, which live in loss.ts with their gradients). */

import { EngineError, requireFiniteArray } from './errors';

/** (1/n) Σ (prediction_i − target_i)²: the forecasting lesson's test score. */
export function meanSquaredError(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
	if (predictions.length !== targets.length) {
		throw new EngineError('shape-mismatch', `There are ${predictions.length} predictions but ${targets.length} targets; they must pair up.`);
	}
	if (predictions.length === 0) throw new EngineError('invalid-argument', 'The mean squared error needs at least one prediction.');
	requireFiniteArray('A prediction', predictions);
	requireFiniteArray('A target', targets);
	let sum = 0;
	for (let i = 0; i < predictions.length; i++) sum += (predictions[i] - targets[i]) ** 2;
	return sum / predictions.length;
}

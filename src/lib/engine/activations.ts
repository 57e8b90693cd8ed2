/**
 * Scalar activations and their derivatives, for widgets that show one unit at a time. The cells
 * (rnn.ts, lstm.ts, gru.ts) call `sigmoid` and `Math.tanh` themselves and write the derivatives
 * inline with the same formulas, so a number on screen is the number the engine uses.
 */

/** tanh(x), squashing any real number into (−1, 1). */
export function tanh(x: number): number {
	return Math.tanh(x);
}

/** d tanh(x)/dx written with the output y = tanh(x): 1 − y². */
export function tanhDerivativeFromOutput(y: number): number {
	return 1 - y * y;
}

/**
 * The logistic sigmoid σ(x) = 1 / (1 + e^(−x)), squashing into (0, 1). The cells call this very
 * function. It needs no second branch for negative x in float64: e^(−x) overflows to Infinity
 * for x < −709, and 1 / Infinity is exactly 0, never NaN.
 */
export function sigmoid(x: number): number {
	return 1 / (1 + Math.exp(-x));
}

/** dσ(x)/dx written with the output y = σ(x): y (1 − y). */
export function sigmoidDerivativeFromOutput(y: number): number {
	return y * (1 - y);
}

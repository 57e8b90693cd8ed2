/**
 * Optimizers and gradient clipping, with PyTorch's exact semantics so a run here can be compared
 * number for number with `torch.optim`:
 *
 * - SGD: `buf = g` on the first step, then `buf = momentum · buf + g` (no dampening);
 *   `p −= lr · buf` (plain `p −= lr · g` without momentum).
 * - Adam: `m = β1 m + (1 − β1) g`, `v = β2 v + (1 − β2) g²`,
 *   `p −= (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + eps)` — eps added after the square root.
 * - weightDecay (both): `g ← g + weightDecay · p` before the update (L2, as torch does; not AdamW).
 * - Clipping by global norm: `g ← g · c / (‖g‖ + 1e-6)` when that factor is below 1.
 * - Clipping by value: every entry clamped to [−c, c] (`torch.nn.utils.clip_grad_value_`).
 *
 * Everything works on the flat parameter vector, so one loop updates the whole network.
 */

import { EngineError, requirePositiveNumber } from './errors';

export type OptimizerSpec =
	| { kind: 'sgd'; lr: number; momentum?: number; weightDecay?: number }
	| { kind: 'adam'; lr: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number };

export interface Optimizer {
	readonly spec: Readonly<OptimizerSpec>;
	/** Updates applied so far (Adam's t). */
	readonly steps: number;
	/** One update of `params` from `grads` (both laid out like `network.params`). */
	step(params: Float64Array, grads: Float64Array): void;
	/** Forgets momentum and moment estimates, as a fresh torch optimizer would. */
	reset(): void;
	/** Changes the learning rate between updates (e.g. a lesson's slider), keeping the state. */
	setLearningRate(lr: number): void;
}

function requireFraction(name: string, value: number): number {
	if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
		throw new EngineError('invalid-argument', `${name} must be a number from 0 up to (not including) 1, but it is ${String(value)}.`);
	}
	return value;
}

export function createOptimizer(spec: OptimizerSpec, size: number): Optimizer {
	if (typeof spec !== 'object' || spec === null) throw new EngineError('invalid-argument', 'An optimizer needs { kind, lr }.');
	if (spec.kind !== 'sgd' && spec.kind !== 'adam') {
		throw new EngineError(
			'unknown-optimizer',
			`The optimizer "${String((spec as { kind: unknown }).kind)}" is unknown; use "sgd" or "adam".`
		);
	}
	let lr = requirePositiveNumber('The learning rate', spec.lr);
	const weightDecay = requirePositiveNumber('weightDecay', spec.weightDecay ?? 0, true);
	if (spec.kind === 'sgd') {
		const momentum = requireFraction('momentum', spec.momentum ?? 0);
		const buffer = new Float64Array(momentum > 0 ? size : 0);
		let steps = 0;
		return {
			spec: { ...spec },
			get steps() {
				return steps;
			},
			step(params, grads) {
				if (momentum === 0 && weightDecay === 0) {
					// The common case gets a loop without branches.
					for (let i = 0; i < size; i++) params[i] -= lr * grads[i];
					steps++;
					return;
				}
				for (let i = 0; i < size; i++) {
					let g = grads[i];
					if (weightDecay !== 0) g += weightDecay * params[i];
					if (momentum > 0) {
						// torch: the buffer starts as a copy of the first gradient
						g = buffer[i] = steps === 0 ? g : momentum * buffer[i] + g;
					}
					params[i] -= lr * g;
				}
				steps++;
			},
			reset() {
				buffer.fill(0);
				steps = 0;
			},
			setLearningRate(value) {
				lr = requirePositiveNumber('The learning rate', value);
			}
		};
	}
	return createAdam(spec, size, lr, weightDecay);
}

/** Adam with torch's bias correction; `lr` and `weightDecay` already checked. */
function createAdam(spec: Extract<OptimizerSpec, { kind: 'adam' }>, size: number, lr: number, weightDecay: number): Optimizer {
	const beta1 = requireFraction('beta1', spec.beta1 ?? 0.9);
	const beta2 = requireFraction('beta2', spec.beta2 ?? 0.999);
	const eps = requirePositiveNumber('eps', spec.eps ?? 1e-8);
	const m = new Float64Array(size);
	const v = new Float64Array(size);
	let steps = 0;
	return {
		spec: { ...spec },
		get steps() {
			return steps;
		},
		step(params, grads) {
			steps++;
			const stepSize = lr / (1 - beta1 ** steps);
			const correction2 = Math.sqrt(1 - beta2 ** steps);
			for (let i = 0; i < size; i++) {
				let g = grads[i];
				if (weightDecay !== 0) g += weightDecay * params[i];
				m[i] = m[i] * beta1 + (1 - beta1) * g;
				v[i] = v[i] * beta2 + (1 - beta2) * g * g;
				params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / correction2 + eps);
			}
		},
		reset() {
			m.fill(0);
			v.fill(0);
			steps = 0;
		},
		setLearningRate(value) {
			lr = requirePositiveNumber('The learning rate', value);
		}
	};
}

/** ‖g‖₂ over every gradient. */
export function globalNorm(grads: Float64Array): number {
	let s = 0;
	for (let i = 0; i < grads.length; i++) s += grads[i] * grads[i];
	return Math.sqrt(s);
}

/**
 * Scales `grads` in place to global norm at most `maxNorm`, as `torch.nn.utils.clip_grad_norm_`
 * does. Returns the norm before clipping and the factor applied (1 when nothing was clipped).
 */
export function clipGradients(grads: Float64Array, maxNorm: number): { norm: number; scale: number } {
	requirePositiveNumber('The clipping threshold', maxNorm);
	const norm = globalNorm(grads);
	const factor = maxNorm / (norm + 1e-6);
	if (!(factor < 1)) return { norm, scale: 1 };
	for (let i = 0; i < grads.length; i++) grads[i] *= factor;
	return { norm, scale: factor };
}

/**
 * Clamps every entry of `grads` in place to [−c, c], as `torch.nn.utils.clip_grad_value_` does.
 * Unlike clipping by norm this changes the gradient's direction whenever some entries are clamped
 * and others are not. Returns the norm before and after and how many entries were clamped.
 */
export function clipByValue(grads: Float64Array, clipValue: number): { norm: number; clippedNorm: number; clamped: number } {
	requirePositiveNumber('The clipping threshold', clipValue);
	const norm = globalNorm(grads);
	let clamped = 0;
	for (let i = 0; i < grads.length; i++) {
		if (grads[i] > clipValue) grads[i] = clipValue;
		else if (grads[i] < -clipValue) grads[i] = -clipValue;
		else continue;
		clamped++;
	}
	return { norm, clippedNorm: globalNorm(grads), clamped };
}

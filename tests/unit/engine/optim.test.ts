import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, clipByValue, clipGradients, createOptimizer, globalNorm } from '$lib/engine';
import { codeOf } from './helpers';

describe('createOptimizer: SGD (torch.optim.SGD semantics)', () => {
	it('plain SGD: p ← p − lr · g', () => {
		const sgd = createOptimizer({ kind: 'sgd', lr: 0.1 }, 2);
		const p = Float64Array.of(1, -2);
		sgd.step(p, Float64Array.of(0.5, -1));
		expect(Array.from(p)).toEqual([1 - 0.1 * 0.5, -2 + 0.1]);
	});

	it('momentum: the buffer starts as the first gradient, then buf ← μ·buf + g (no dampening)', () => {
		const sgd = createOptimizer({ kind: 'sgd', lr: 0.5, momentum: 0.9 }, 1);
		const p = Float64Array.of(0);
		const gs = [1, 2, -3];
		let buf = 0;
		let expected = 0;
		gs.forEach((g, i) => {
			sgd.step(p, Float64Array.of(g));
			buf = i === 0 ? g : 0.9 * buf + g;
			expected -= 0.5 * buf;
			expect(p[0]).toBeCloseTo(expected, 15);
		});
		expect(sgd.steps).toBe(3);
		sgd.reset();
		sgd.step(p, Float64Array.of(1));
		expect(p[0]).toBeCloseTo(expected - 0.5, 15);
	});
});

describe('createOptimizer: Adam (torch.optim.Adam semantics)', () => {
	it('the first step moves each parameter by lr · g / (|g| + eps)', () => {
		const adam = createOptimizer({ kind: 'adam', lr: 0.01 }, 2);
		const p = Float64Array.of(0, 0);
		adam.step(p, Float64Array.of(3, -0.5));
		expect(p[0]).toBeCloseTo(-0.01 * 3 / (3 + 1e-8), 15);
		expect(p[1]).toBeCloseTo(0.01 * 0.5 / (0.5 + 1e-8), 15);
	});

	it('matches a transcription of torch.optim.Adam over many steps (bias correction, eps after the square root)', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 30 }), (grads) => {
				const [lr, b1, b2, eps] = [0.003, 0.8, 0.99, 1e-6];
				const adam = createOptimizer({ kind: 'adam', lr, beta1: b1, beta2: b2, eps }, 1);
				const p = Float64Array.of(0.3);
				let [param, m, v] = [0.3, 0, 0];
				grads.forEach((g, i) => {
					const step = i + 1;
					m = m * b1 + g * (1 - b1);
					v = v * b2 + g * g * (1 - b2);
					const denom = Math.sqrt(v) / Math.sqrt(1 - b2 ** step) + eps;
					param = param - (lr / (1 - b1 ** step)) * (m / denom);
					adam.step(p, Float64Array.of(g));
				});
				expect(p[0]).toBeCloseTo(param, 13);
			})
		);
	});

	it('weight decay adds weightDecay · p to the gradient, as torch does', () => {
		const sgd = createOptimizer({ kind: 'sgd', lr: 0.1, weightDecay: 0.5 }, 1);
		const p = Float64Array.of(2);
		sgd.step(p, Float64Array.of(0));
		expect(p[0]).toBeCloseTo(2 - 0.1 * 0.5 * 2, 15);
	});

	it('setLearningRate changes the step size and keeps the state', () => {
		const sgd = createOptimizer({ kind: 'sgd', lr: 0.1 }, 1);
		const p = Float64Array.of(0);
		sgd.setLearningRate(1);
		sgd.step(p, Float64Array.of(1));
		expect(p[0]).toBe(-1);
	});

	it('rejects unknown optimizers and bad hyper-parameters', () => {
		expect(codeOf(() => createOptimizer({ kind: 'rmsprop' } as never, 1))).toBe('unknown-optimizer');
		expect(codeOf(() => createOptimizer({ kind: 'sgd', lr: -1 }, 1))).toBe('invalid-argument');
		expect(codeOf(() => createOptimizer({ kind: 'sgd', lr: NaN }, 1))).toBe('invalid-argument');
		expect(codeOf(() => createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 1 }, 1))).toBe('invalid-argument');
		expect(codeOf(() => createOptimizer({ kind: 'adam', lr: 0.1, beta2: 1.5 }, 1))).toBe('invalid-argument');
	});
});

describe('clipGradients (torch.nn.utils.clip_grad_norm_)', () => {
	it('scales by c / (norm + 1e-6) when the global norm exceeds c', () => {
		const g = Float64Array.of(3, 4);
		const { norm, scale } = clipGradients(g, 1);
		expect(norm).toBe(5);
		expect(scale).toBe(1 / (5 + 1e-6));
		expect(globalNorm(g)).toBeCloseTo(5 / (5 + 1e-6), 15);
	});

	it('leaves gradients below the threshold untouched', () => {
		const g = Float64Array.of(0.3, 0.4);
		expect(clipGradients(g, 1)).toEqual({ norm: 0.5, scale: 1 });
		expect(Array.from(g)).toEqual([0.3, 0.4]);
	});

	it('never increases the norm and never changes the direction', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0.01, max: 10, noNaN: true }), (values, c) => {
				const g = Float64Array.from(values);
				const before = globalNorm(g);
				const { scale } = clipGradients(g, c);
				expect(globalNorm(g)).toBeLessThanOrEqual(Math.max(before, 0) + 1e-12);
				expect(globalNorm(g)).toBeLessThanOrEqual(Math.max(c, before * scale) + 1e-9);
				values.forEach((v, i) => expect(g[i]).toBeCloseTo(v * scale, 12));
			})
		);
	});
});

describe('clipByValue (torch.nn.utils.clip_grad_value_)', () => {
	it('clamps each entry to [−c, c] and says how many it clamped', () => {
		const g = Float64Array.of(30, -40, 0.5, -2);
		const info = clipByValue(g, 2);
		expect(Array.from(g)).toEqual([2, -2, 0.5, -2]);
		expect(info.clamped).toBe(2);
		expect(info.norm).toBe(Math.sqrt(900 + 1600 + 0.25 + 4));
		expect(info.clippedNorm).toBe(Math.sqrt(4 + 4 + 0.25 + 4));
	});

	it('turns (30, 40) at c = 5 into (5, 5): the direction changes, while clipping by norm keeps it', () => {
		const byValue = Float64Array.of(30, 40);
		const byNorm = Float64Array.of(30, 40);
		clipByValue(byValue, 5);
		clipGradients(byNorm, 5);
		expect(Array.from(byValue)).toEqual([5, 5]);
		expect(Math.atan2(byValue[1], byValue[0])).toBeCloseTo(Math.PI / 4, 15);
		expect(Math.atan2(byNorm[1], byNorm[0])).toBeCloseTo(Math.atan2(40, 30), 15);
		expect(globalNorm(byNorm)).toBeCloseTo(5, 5);
	});

	it('leaves a gradient inside the box untouched, and refuses a threshold that is not positive', () => {
		const g = Float64Array.of(0.3, -0.4);
		expect(clipByValue(g, 1)).toEqual({ norm: 0.5, clippedNorm: 0.5, clamped: 0 });
		expect(Array.from(g)).toEqual([0.3, -0.4]);
		expect(() => clipByValue(g, 0)).toThrow(/clipping threshold must be a positive/);
		expect(() => clipByValue(g, Number.NaN)).toThrow(EngineError);
	});

	it('keeps every entry within c and the sign of every entry, never growing one', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0.01, max: 10, noNaN: true }), (values, c) => {
				const g = Float64Array.from(values);
				clipByValue(g, c);
				values.forEach((v, i) => {
					expect(Math.abs(g[i])).toBeLessThanOrEqual(c);
					expect(Math.abs(g[i])).toBeLessThanOrEqual(Math.abs(v));
					expect(Math.sign(g[i])).toBe(Math.sign(v));
				});
			})
		);
	});
});

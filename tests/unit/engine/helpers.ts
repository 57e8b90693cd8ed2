/** Shared builders for the engine tests: small random networks, inputs and losses. */

import fc from 'fast-check';
import { expect } from 'vitest';
import {
	EngineError,
	buildNetwork,
	createRandom,
	type CellKind,
	type GruVariant,
	type LayerSpec,
	type LossSpec,
	type Network
} from '$lib/engine';

export const CELL_KINDS: { cell: CellKind; variant?: GruVariant }[] = [
	{ cell: 'rnn' },
	{ cell: 'lstm' },
	{ cell: 'gru', variant: 'reset-before' },
	{ cell: 'gru', variant: 'reset-after' }
];

export interface Problem {
	network: Network;
	inputs: number[][];
	loss: LossSpec;
	seed: number;
}

/** A random network with non-zero initial states, random inputs and a random loss with some null targets. */
export function makeProblem(seed: number, layers: LayerSpec[], options: { kind: 'softmax-ce' | 'mse'; reduction: 'sum' | 'mean'; steps: number; inputSize: number; outputSize: number }): Problem {
	const network = buildNetwork(
		{ inputSize: options.inputSize, outputSize: options.outputSize, layers },
		{ seed, input: { kind: 'uniform', limit: 0.8 }, recurrent: { kind: 'uniform', limit: 0.8 }, bias: { kind: 'uniform', limit: 0.5 }, head: { kind: 'uniform', limit: 0.8 } }
	);
	const random = createRandom(seed + 1);
	for (const layer of network.layers) {
		for (let i = 0; i < layer.hiddenSize; i++) layer.h0[i] = random.range(-0.5, 0.5);
		if (layer.c0) for (let i = 0; i < layer.hiddenSize; i++) layer.c0[i] = random.range(-0.5, 0.5);
	}
	const inputs = Array.from({ length: options.steps }, () => Array.from({ length: options.inputSize }, () => random.range(-1, 1)));
	const targets = Array.from({ length: options.steps }, (_, t) => {
		if (t < options.steps - 1 && random.uniform() < 0.3) return null;
		return options.kind === 'softmax-ce'
			? random.int(options.outputSize)
			: Array.from({ length: options.outputSize }, () => random.range(-1, 1));
	});
	return { network, inputs, loss: { kind: options.kind, targets, reduction: options.reduction }, seed };
}

/** fast-check arbitrary over small problems: any cell kind/variant, 1–3 stacked layers, both losses and reductions. */
export const problemArbitrary = fc
	.record({
		seed: fc.integer({ min: 0, max: 1_000_000 }),
		layers: fc.array(
			fc.record({ kind: fc.constantFrom(...CELL_KINDS), hiddenSize: fc.integer({ min: 1, max: 4 }) }),
			{ minLength: 1, maxLength: 3 }
		),
		kind: fc.constantFrom('softmax-ce' as const, 'mse' as const),
		reduction: fc.constantFrom('sum' as const, 'mean' as const),
		steps: fc.integer({ min: 1, max: 5 }),
		inputSize: fc.integer({ min: 1, max: 3 }),
		outputSize: fc.integer({ min: 1, max: 3 })
	})
	.map((r) =>
		makeProblem(
			r.seed,
			r.layers.map((l) => ({ ...l.kind, hiddenSize: l.hiddenSize })),
			{ kind: r.kind, reduction: r.reduction, steps: r.steps, inputSize: r.inputSize, outputSize: r.outputSize }
		)
	);

/** The EngineError code `fn` throws (fails the test if it throws anything else or nothing). */
export function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(EngineError);
		return (e as EngineError).code;
	}
	throw new Error('expected an EngineError');
}

/**
 * max |a − b| / max |b| (absolute when b is all zeros). `floor` bounds the scale from below, for
 * finite differences: their own error is about 1e-10 absolute, so a gradient of 1e-6 cannot be
 * checked to 1e-6 relative.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
	expect(a.length).toBe(b.length);
	let scale = floor;
	let diff = 0;
	for (let i = 0; i < b.length; i++) {
		scale = Math.max(scale, Math.abs(b[i]));
		diff = Math.max(diff, Math.abs(a[i] - b[i]));
	}
	return diff / (scale || 1);
}

/** Central finite difference of `f` with respect to every entry of `x` (restored afterwards). */
export function numericGradient(x: Float64Array, f: () => number, eps = 1e-6): Float64Array {
	const g = new Float64Array(x.length);
	for (let i = 0; i < x.length; i++) {
		const keep = x[i];
		x[i] = keep + eps;
		const up = f();
		x[i] = keep - eps;
		const down = f();
		x[i] = keep;
		g[i] = (up - down) / (2 * eps);
	}
	return g;
}

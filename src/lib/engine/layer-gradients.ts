/**
 * How much gradient each layer of a stack receives: the norm of ∂L/∂θ over the parameters of
 * one layer, for the loss averaged over a batch of sequences (the gradient an optimiser step
 * would use). In a stack the error reaches layer 1 only through every layer above it, at every
 * step, so this is where a deep stack's first layer shows whether it is still learning.
 *
 * Layers own different numbers of parameters, so beside the norm there is its root mean square
 * per parameter (norm / √count), which compares layers of different sizes fairly.
 */

import { EngineError } from './errors';
import type { LossSpec, PreparedLoss } from './loss';
import type { Network } from './network';
import type { InputsLike } from './sequence';
import { gradient } from './trace';

export interface GradientItem {
	inputs: InputsLike;
	loss: LossSpec | PreparedLoss;
}

export interface LayerGradientNorm {
	/** 'Layer 1' (bottom) … 'Layer K', then 'Head'. */
	name: string;
	/** Parameters of this part. */
	count: number;
	/** ‖∂L/∂θ‖₂ over this part's parameters. */
	gradientNorm: number;
	/** gradientNorm / √count. */
	rms: number;
	/** ‖θ‖₂ of the same parameters, for scale. */
	parameterNorm: number;
}

export interface LayerGradientReport {
	/** Bottom-up: the recurrent layers, then the head. */
	parts: LayerGradientNorm[];
	/** The mean loss over the batch. */
	loss: number;
}

/** Offsets [start, end) in `network.params` of each layer, then of the head. */
export function layerRanges(network: Network): { name: string; start: number; end: number }[] {
	const ranges = network.layers.map((layer) => {
		const start = Math.min(...layer.slots.map((s) => s.offset));
		const end = Math.max(...layer.slots.map((s) => s.offset + s.rows * s.cols));
		return { name: `Layer ${layer.index + 1}`, start, end };
	});
	ranges.push({ name: 'Head', start: network.head.offW, end: network.head.offB + network.outputSize });
	return ranges;
}

function norm(values: Float64Array, start: number, end: number): number {
	let sum = 0;
	for (let i = start; i < end; i++) sum += values[i] * values[i];
	return Math.sqrt(sum);
}

/** Per-layer gradient norms of the mean loss over `batch` (at least one sequence). */
export function layerGradientNorms(network: Network, batch: readonly GradientItem[]): LayerGradientReport {
	if (!Array.isArray(batch) || batch.length === 0) {
		throw new EngineError('invalid-argument', 'Gradient norms need at least one sequence with its loss.');
	}
	const total = new Float64Array(network.params.length);
	let loss = 0;
	for (const item of batch) {
		const g = gradient(network, item.inputs, item.loss);
		loss += g.loss;
		for (let i = 0; i < total.length; i++) total[i] += g.flat[i];
	}
	const n = batch.length;
	for (let i = 0; i < total.length; i++) total[i] /= n;
	const parts = layerRanges(network).map(({ name, start, end }) => {
		const gradientNorm = norm(total, start, end);
		const count = end - start;
		return { name, count, gradientNorm, rms: gradientNorm / Math.sqrt(count), parameterNorm: norm(network.params, start, end) };
	});
	return { parts, loss: loss / n };
}

/**
 * The plain recurrent cell, forward and backward side by side:
 *
 *   a_t = Wxh x_t + Whh h_{t-1} + bh,   h_t = tanh(a_t)
 *
 * `work.z` arrives holding `Wxh x_t + bh` for every step (see `pass.ts`), so only the recurrent
 * product is left for the step loop.
 */

import { accumulateOuter, matTVec, matVecAdd } from './linalg';
import type { Layer } from './network';
import type { CellOps, LayerWork } from './workspace';

function forward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const Whh = layer.offWh;
	const { z, gates, h } = work;
	for (let t = 0; t < steps; t++) {
		const at = t * H;
		const prev = t * H;
		const next = prev + H;
		// a_t += Whh h_{t-1}
		matVecAdd(z, at, P, Whh, H, H, h, prev);
		// h_t = tanh(a_t)
		for (let j = 0; j < H; j++) {
			const h_t = Math.tanh(z[at + j]);
			gates[at + j] = h_t;
			h[next + j] = h_t;
		}
	}
}

function backward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const Whh = layer.offWh;
	const { above, dh, delta, h, carryH } = work;
	carryH.fill(0);
	for (let t = steps - 1; t >= 0; t--) {
		const o = t * H;
		const next = o + H;
		for (let j = 0; j < H; j++) {
			// dL/dh_t = (from the output and the layer above) + (from step t+1)
			const dh_t = above[o + j] + carryH[j];
			dh[o + j] = dh_t;
			// δ_t = dL/da_t = dL/dh_t ⊙ (1 − h_t²), because tanh' = 1 − tanh²
			const h_t = h[next + j];
			delta[o + j] = dh_t * (1 - h_t * h_t);
		}
		// dL/dh_{t-1} (through step t) = Whhᵀ δ_t
		matTVec(carryH, 0, P, Whh, H, H, delta, o);
	}
}

function accumulateRecurrent(layer: Layer, G: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	// dL/dWhh = Σ_t δ_t h_{t-1}ᵀ
	accumulateOuter(G, layer.offWh, H, H, work.delta, 0, H, work.h, 0, H, steps);
}

function stepJacobian(layer: Layer, P: Float64Array, work: LayerWork, t: number, J: Float64Array): void {
	const H = layer.hiddenSize;
	const Whh = layer.offWh;
	const h = work.h;
	// ∂h_t/∂h_{t-1} = diag(1 − h_t²) Whh
	for (let i = 0; i < H; i++) {
		const h_t = h[t * H + i];
		const slope = 1 - h_t * h_t;
		for (let k = 0; k < H; k++) J[i * H + k] = slope * P[Whh + i * H + k];
	}
}

export const rnnCell: CellOps = { forward, backward, accumulateRecurrent, stepJacobian };

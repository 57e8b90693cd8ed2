/**
 * Hidden-state Jacobians ∂h_t/∂h_k, the products whose norms shrink or blow up with t − k.
 *
 * A layer's state s is h, or [h; c] for an LSTM. The step Jacobian D_t = ∂s_t/∂s_{t−1} holds the
 * layer's inputs fixed (each layer is analysed on its own, as the lessons draw it), and
 * ∂s_t/∂s_k = D_t D_{t−1} ⋯ D_{k+1}. For an LSTM, ‖∂h_t/∂h_k‖ is the h-block of that product
 * (c_k held fixed) and ‖∂c_t/∂c_k‖ its c-block (h_k held fixed).
 *
 * Cost: each product is O(S³) with S the state size, so these run only when asked.
 */

import { EngineError, LIMITS } from './errors';
import { matMul } from './linalg';
import type { Network } from './network';
import { CELLS, type Pass } from './pass';
import type { InputsLike } from './sequence';
import { spectralNorm } from './spectral';
import { runSequence } from './trace';

export interface JacobianNorms {
	/** ‖∂h_T/∂h_k‖₂ for k = 0..T−1 (k = 0 is h0). */
	h: Float64Array;
	/** LSTM: ‖∂c_T/∂c_k‖₂ for k = 0..T−1; null for other cells. */
	c: Float64Array | null;
}

export interface JacobianNormMatrix {
	steps: number;
	/**
	 * T × T, row t−1 (t = 1..T), column k (k = 0..T−1): ‖∂h_t/∂h_k‖₂. Entries with k = t are 1
	 * (∂h_t/∂h_t = I) and entries with k > t are 0 (h_t does not depend on later states).
	 */
	h: Float64Array;
	/** The same for ‖∂c_t/∂c_k‖₂ (LSTM); null for other cells. */
	c: Float64Array | null;
}

export interface JacobianOptions {
	/** Layer to analyse, 0-based; defaults to 0. */
	layer?: number;
	/** 'auto' is exact up to 64 units, then power iteration (see `spectralNorm`). */
	method?: 'auto' | 'exact' | 'power';
}

function layerIndex(network: Network, options: JacobianOptions): number {
	const k = options.layer ?? 0;
	if (!Number.isInteger(k) || k < 0 || k >= network.layers.length) {
		throw new EngineError('invalid-argument', `There is no layer ${k + 1}; this network has ${network.layers.length}.`);
	}
	return k;
}

function stateSize(network: Network, k: number): number {
	const layer = network.layers[k];
	return layer.cell === 'lstm' ? 2 * layer.hiddenSize : layer.hiddenSize;
}

function checkWork(S: number, products: number): void {
	if (products * S * S * S > LIMITS.maxJacobianWork) {
		throw new EngineError(
			'too-large',
			`These Jacobians would take about ${(products * S ** 3).toExponential(1)} multiply-adds; use fewer steps or units.`,
			{ work: products * S ** 3, max: LIMITS.maxJacobianWork }
		);
	}
}

/** Step Jacobians D_t = ∂s_t/∂s_{t−1} for t = 1..T of layer `k` after a forward pass. */
export function stepJacobiansOf(pass: Pass, k: number): Float64Array[] {
	const layer = pass.network.layers[k];
	const S = stateSize(pass.network, k);
	const out: Float64Array[] = [];
	for (let t = 1; t <= pass.steps; t++) {
		const J = new Float64Array(S * S);
		CELLS[layer.cell].stepJacobian(layer, pass.network.params, pass.layers[k], t, J);
		out.push(J);
	}
	return out;
}

/** The H × H block (0 = h rows/cols, 1 = c) of an S × S matrix. */
function block(M: Float64Array, S: number, H: number, which: 0 | 1): Float64Array {
	if (S === H) return M;
	const out = new Float64Array(H * H);
	const o = which * H;
	for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) out[i * H + j] = M[(o + i) * S + o + j];
	return out;
}

/** Norms for t = T only: ‖∂h_T/∂h_k‖ for every k, by multiplying step Jacobians from the end. */
export function jacobianNormsOf(pass: Pass, k: number, method: JacobianOptions['method'] = 'auto'): JacobianNorms {
	const layer = pass.network.layers[k];
	const H = layer.hiddenSize;
	const S = stateSize(pass.network, k);
	const T = pass.steps;
	checkWork(S, 2 * T);
	const D = stepJacobiansOf(pass, k);
	const h = new Float64Array(T);
	const c = layer.cell === 'lstm' ? new Float64Array(T) : null;
	// P = ∂s_T/∂s_k, grown one factor at a time: P ← P · D_{k+1}
	let P = D[T - 1].slice();
	let next = new Float64Array(S * S);
	for (let j = T - 1; j >= 0; j--) {
		if (j < T - 1) {
			matMul(next, P, D[j], S);
			[P, next] = [next, P];
		}
		h[j] = spectralNorm(block(P, S, H, 0), H, H, method);
		if (c) c[j] = spectralNorm(block(P, S, H, 1), H, H, method);
	}
	return { h, c };
}

/** Every ‖∂h_t/∂h_k‖ (and ‖∂c_t/∂c_k‖), for the heatmap lesson. */
export function jacobianNormMatrixOf(pass: Pass, k: number, method: JacobianOptions['method'] = 'auto'): JacobianNormMatrix {
	const layer = pass.network.layers[k];
	const H = layer.hiddenSize;
	const S = stateSize(pass.network, k);
	const T = pass.steps;
	checkWork(S, T * (T + 1));
	const D = stepJacobiansOf(pass, k);
	const h = new Float64Array(T * T);
	const c = layer.cell === 'lstm' ? new Float64Array(T * T) : null;
	let P = new Float64Array(S * S);
	let next = new Float64Array(S * S);
	for (let from = 0; from < T; from++) {
		if (from > 0) {
			h[(from - 1) * T + from] = 1;
			if (c) c[(from - 1) * T + from] = 1;
		}
		// P = ∂s_t/∂s_from for t = from+1, from+2, …: P ← D_t · P
		P.set(D[from]);
		for (let t = from + 1; t <= T; t++) {
			if (t > from + 1) {
				matMul(next, D[t - 1], P, S);
				[P, next] = [next, P];
			}
			h[(t - 1) * T + from] = spectralNorm(block(P, S, H, 0), H, H, method);
			if (c) c[(t - 1) * T + from] = spectralNorm(block(P, S, H, 1), H, H, method);
		}
	}
	return { steps: T, h, c };
}

/** ‖∂h_T/∂h_k‖₂ for k = 0..T−1 of one layer (and ‖∂c_T/∂c_k‖₂ for LSTM). */
export function jacobianNorms(network: Network, inputs: InputsLike, options: JacobianOptions = {}): JacobianNorms {
	const k = layerIndex(network, options);
	return jacobianNormsOf(runSequence(network, inputs).pass, k, options.method);
}

/** ‖∂h_t/∂h_k‖₂ for every pair of steps of one layer. */
export function jacobianNormMatrix(network: Network, inputs: InputsLike, options: JacobianOptions = {}): JacobianNormMatrix {
	const k = layerIndex(network, options);
	return jacobianNormMatrixOf(runSequence(network, inputs).pass, k, options.method);
}

/** The step Jacobians D_t = ∂s_t/∂s_{t−1} (S × S, row-major; s = [h; c] for LSTM), t = 1..T. */
export function stepJacobians(network: Network, inputs: InputsLike, options: JacobianOptions = {}): Float64Array[] {
	const k = layerIndex(network, options);
	return stepJacobiansOf(runSequence(network, inputs).pass, k);
}

/** ∂h_t/∂h_k as an H × H matrix (c_k held fixed for LSTM); t and k count steps, 0 ≤ k ≤ t ≤ T. */
export function jacobianBetween(network: Network, inputs: InputsLike, t: number, from: number, options: JacobianOptions = {}): Float64Array {
	const k = layerIndex(network, options);
	const run = runSequence(network, inputs);
	const T = run.pass.steps;
	if (!Number.isInteger(t) || !Number.isInteger(from) || from < 0 || from > t || t > T) {
		throw new EngineError('invalid-argument', `Need whole steps 0 ≤ k ≤ t ≤ ${T}, got t = ${t}, k = ${from}.`);
	}
	const S = stateSize(network, k);
	const H = network.layers[k].hiddenSize;
	const D = stepJacobiansOf(run.pass, k);
	let P = new Float64Array(S * S);
	for (let i = 0; i < S; i++) P[i * S + i] = 1;
	let next = new Float64Array(S * S);
	for (let step = from + 1; step <= t; step++) {
		matMul(next, D[step - 1], P, S);
		[P, next] = [next, P];
	}
	return block(P, S, H, 0).slice();
}

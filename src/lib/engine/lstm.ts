/**
 * The LSTM cell, forward and backward side by side. Gates are fused in the order i, f, g, o:
 *
 *   i, f, o = σ(Wx? x_t + Wh? h_{t-1} + b?),   g = tanh(Wxg x_t + Whg h_{t-1} + bg)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g,                 h_t = o ⊙ tanh(c_t)
 *
 * `work.z` arrives holding `Wx x_t + b` for all four gates (4H per step).
 *
 * A clamped gate (`layer.clamp`, see clamp.ts) takes its fixed value instead of σ(z) or tanh(z),
 * and its slope — the factor ∂gate/∂z every backward formula below carries — is 0. The slopes are
 * multiplied by a 0/1 "free" flag rather than branched on, so an unclamped layer runs the same code.
 */

import { sigmoid } from './activations';
import { accumulateOuter, matTVec, matVecAdd } from './linalg';
import type { Layer } from './network';

/** Per gate: 1 when computed, 0 when clamped (its slope vanishes), and the clamped values. */
function freeGates(layer: Layer) {
	const c = layer.clamp;
	return {
		freeI: c?.i === undefined ? 1 : 0,
		freeF: c?.f === undefined ? 1 : 0,
		freeG: c?.g === undefined ? 1 : 0,
		freeO: c?.o === undefined ? 1 : 0,
		i: c?.i ?? 0,
		f: c?.f ?? 0,
		g: c?.g ?? 0,
		o: c?.o ?? 0
	};
}
import type { CellOps, LayerWork } from './workspace';

function forward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const H4 = 4 * H;
	const { z, gates, h } = work;
	const c = work.c as Float64Array;
	const tanhC = work.aux as Float64Array;
	const k = freeGates(layer);
	for (let t = 0; t < steps; t++) {
		const zt = t * H4;
		const prev = t * H;
		const next = prev + H;
		// z_t += Wh h_{t-1}, all four gates in one product
		matVecAdd(z, zt, P, layer.offWh, H4, H, h, prev);
		for (let j = 0; j < H; j++) {
			const inputGate = k.freeI ? sigmoid(z[zt + j]) : k.i;
			const forgetGate = k.freeF ? sigmoid(z[zt + H + j]) : k.f;
			const cellCandidate = k.freeG ? Math.tanh(z[zt + 2 * H + j]) : k.g;
			const outputGate = k.freeO ? sigmoid(z[zt + 3 * H + j]) : k.o;
			// c_t = f ⊙ c_{t-1} + i ⊙ g
			const c_t = forgetGate * c[prev + j] + inputGate * cellCandidate;
			// h_t = o ⊙ tanh(c_t)
			const tanh_c = Math.tanh(c_t);
			gates[zt + j] = inputGate;
			gates[zt + H + j] = forgetGate;
			gates[zt + 2 * H + j] = cellCandidate;
			gates[zt + 3 * H + j] = outputGate;
			c[next + j] = c_t;
			tanhC[prev + j] = tanh_c;
			h[next + j] = outputGate * tanh_c;
		}
	}
}

function backward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const H4 = 4 * H;
	const { above, dh, delta, gates, carryH } = work;
	const c = work.c as Float64Array;
	const dc = work.dc as Float64Array;
	const tanhC = work.aux as Float64Array;
	const carryC = work.carryC as Float64Array;
	const { freeI, freeF, freeG, freeO } = freeGates(layer);
	carryH.fill(0);
	carryC.fill(0);
	for (let t = steps - 1; t >= 0; t--) {
		const zt = t * H4;
		const o = t * H;
		for (let j = 0; j < H; j++) {
			const inputGate = gates[zt + j];
			const forgetGate = gates[zt + H + j];
			const cellCandidate = gates[zt + 2 * H + j];
			const outputGate = gates[zt + 3 * H + j];
			const tanh_c = tanhC[o + j];
			// dL/dh_t = (from the output and the layer above) + (from step t+1)
			const dh_t = above[o + j] + carryH[j];
			// dL/dc_t = (from step t+1 through f_{t+1}) + dL/dh_t ⊙ o ⊙ (1 − tanh² c_t)
			const dc_t = carryC[j] + dh_t * outputGate * (1 - tanh_c * tanh_c);
			dh[o + j] = dh_t;
			dc[o + j] = dc_t;
			// δi = dc ⊙ g ⊙ σ'   δf = dc ⊙ c_{t-1} ⊙ σ'   δg = dc ⊙ i ⊙ (1 − g²)   δo = dh ⊙ tanh(c_t) ⊙ σ'
			// (a clamped gate's slope σ' or 1 − g² is 0)
			delta[zt + j] = dc_t * cellCandidate * freeI * inputGate * (1 - inputGate);
			delta[zt + H + j] = dc_t * c[o + j] * freeF * forgetGate * (1 - forgetGate);
			delta[zt + 2 * H + j] = dc_t * inputGate * freeG * (1 - cellCandidate * cellCandidate);
			delta[zt + 3 * H + j] = dh_t * tanh_c * freeO * outputGate * (1 - outputGate);
			// dL/dc_{t-1} through this step = dc_t ⊙ f_t: the cell state's carry line
			carryC[j] = dc_t * forgetGate;
		}
		// dL/dh_{t-1} through this step = Whᵀ δ_t (all four gates)
		matTVec(carryH, 0, P, layer.offWh, H4, H, delta, zt);
	}
}

function accumulateRecurrent(layer: Layer, G: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	// dL/dWh? = Σ_t δ?_t h_{t-1}ᵀ for the four gates at once
	accumulateOuter(G, layer.offWh, 4 * H, H, work.delta, 0, 4 * H, work.h, 0, H, steps);
}

/** J = ∂[h_t; c_t]/∂[h_{t-1}; c_{t-1}], 2H × 2H with the h block first. */
function stepJacobian(layer: Layer, P: Float64Array, work: LayerWork, t: number, J: Float64Array): void {
	const H = layer.hiddenSize;
	const S = 2 * H;
	const zt = (t - 1) * 4 * H;
	const { gates } = work;
	const c = work.c as Float64Array;
	const tanhC = work.aux as Float64Array;
	const W = (gate: number, i: number, k: number) => P[layer.offWh + (gate * H + i) * H + k];
	const { freeI, freeF, freeG, freeO } = freeGates(layer);
	J.fill(0, 0, S * S);
	for (let i = 0; i < H; i++) {
		const inputGate = gates[zt + i];
		const forgetGate = gates[zt + H + i];
		const cellCandidate = gates[zt + 2 * H + i];
		const outputGate = gates[zt + 3 * H + i];
		const tanh_c = tanhC[(t - 1) * H + i];
		const cPrev = c[(t - 1) * H + i];
		const throughC = outputGate * (1 - tanh_c * tanh_c);
		// the gates' slopes f', i', g', o' (0 for a clamped gate)
		const slopeF = freeF * forgetGate * (1 - forgetGate);
		const slopeI = freeI * inputGate * (1 - inputGate);
		const slopeG = freeG * (1 - cellCandidate * cellCandidate);
		const slopeO = freeO * outputGate * (1 - outputGate);
		for (let k = 0; k < H; k++) {
			// ∂c_t/∂h_{t-1} = diag(c_{t-1} f') Whf + diag(g i') Whi + diag(i g') Whg
			const dc = cPrev * slopeF * W(1, i, k) + cellCandidate * slopeI * W(0, i, k) + inputGate * slopeG * W(2, i, k);
			// ∂h_t/∂h_{t-1} = diag(tanh(c_t) o') Who + diag(o (1 − tanh² c_t)) ∂c_t/∂h_{t-1}
			J[i * S + k] = tanh_c * slopeO * W(3, i, k) + throughC * dc;
			J[(H + i) * S + k] = dc;
		}
		// ∂c_t/∂c_{t-1} = diag(f),  ∂h_t/∂c_{t-1} = diag(o (1 − tanh² c_t) f)
		J[(H + i) * S + H + i] = forgetGate;
		J[i * S + H + i] = throughC * forgetGate;
	}
}

export const lstmCell: CellOps = { forward, backward, accumulateRecurrent, stepJacobian };

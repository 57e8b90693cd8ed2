/**
 * The GRU cell in both variants, forward and backward side by side. Gates are fused in the order
 * r (reset), z (update), n (candidate):
 *
 *   r, z = σ(Wx? x_t + Wh? h_{t-1} + b?),   h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
 *   reset-before:  n = tanh(Wxn x_t + Whn (r ⊙ h_{t-1}) + bn)            (Cho et al. 2014, D2L)
 *   reset-after:   n = tanh(Wxn x_t + bxn + r ⊙ (Whn h_{t-1} + bhn))     (PyTorch, Keras default)
 *
 * `work.z` arrives holding `Wx x_t + b` for the three gates (b is [br, bz, bn] or [br, bz, bxn]).
 * `work.aux` keeps what n's backward needs: r ⊙ h_{t-1} (before) or Whn h_{t-1} + bhn (after).
 */

import { sigmoid } from './activations';
import { accumulateOuter, accumulateSum, matMul, matTVec, matTVecAdd, matVecAdd } from './linalg';
import type { Layer } from './network';
import type { CellOps, LayerWork } from './workspace';

function forward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const H3 = 3 * H;
	const after = layer.variant === 'reset-after';
	const { z, gates, h, scratch } = work;
	const aux = work.aux as Float64Array;
	const Whn = layer.offWh + 2 * H * H;
	for (let t = 0; t < steps; t++) {
		const zt = t * H3;
		const prev = t * H;
		const next = prev + H;
		if (after) {
			// Wh h_{t-1} for r, z and n in one product; n's part is kept apart because r scales it
			scratch.fill(0, 0, H3);
			matVecAdd(scratch, 0, P, layer.offWh, H3, H, h, prev);
			for (let j = 0; j < H; j++) {
				z[zt + j] += scratch[j];
				z[zt + H + j] += scratch[H + j];
			}
		} else {
			matVecAdd(z, zt, P, layer.offWh, 2 * H, H, h, prev);
		}
		for (let j = 0; j < H; j++) {
			const resetGate = sigmoid(z[zt + j]);
			gates[zt + j] = resetGate;
			gates[zt + H + j] = sigmoid(z[zt + H + j]);
			if (after) {
				// n's pre-activation = Wxn x_t + bxn + r ⊙ (Whn h_{t-1} + bhn)
				const hn = scratch[2 * H + j] + P[layer.offBhn + j];
				aux[prev + j] = hn;
				z[zt + 2 * H + j] += resetGate * hn;
			} else {
				aux[prev + j] = resetGate * h[prev + j];
			}
		}
		// reset-before: n's pre-activation += Whn (r ⊙ h_{t-1})
		if (!after) matVecAdd(z, zt + 2 * H, P, Whn, H, H, aux, prev);
		for (let j = 0; j < H; j++) {
			const updateGate = gates[zt + H + j];
			const candidate = Math.tanh(z[zt + 2 * H + j]);
			gates[zt + 2 * H + j] = candidate;
			// h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
			h[next + j] = (1 - updateGate) * candidate + updateGate * h[prev + j];
		}
	}
}

function backward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const H3 = 3 * H;
	const after = layer.variant === 'reset-after';
	const { above, dh, delta, deltaH, gates, h, carryH, scratch } = work;
	const aux = work.aux as Float64Array;
	const Whn = layer.offWh + 2 * H * H;
	carryH.fill(0);
	for (let t = steps - 1; t >= 0; t--) {
		const zt = t * H3;
		const prev = t * H;
		for (let j = 0; j < H; j++) {
			const resetGate = gates[zt + j];
			const updateGate = gates[zt + H + j];
			const candidate = gates[zt + 2 * H + j];
			const hPrev = h[prev + j];
			// dL/dh_t = (from the output and the layer above) + (from step t+1)
			const dh_t = above[prev + j] + carryH[j];
			dh[prev + j] = dh_t;
			// δn = dh ⊙ (1 − z) ⊙ (1 − n²)     δz = dh ⊙ (h_{t-1} − n) ⊙ σ'(z)
			const deltaN = dh_t * (1 - updateGate) * (1 - candidate * candidate);
			const deltaZ = dh_t * (hPrev - candidate) * updateGate * (1 - updateGate);
			delta[zt + H + j] = deltaZ;
			delta[zt + 2 * H + j] = deltaN;
			if (after) {
				// δr = δn ⊙ (Whn h_{t-1} + bhn) ⊙ σ'(r); the recurrent product sees δn ⊙ r
				const deltaR = deltaN * aux[prev + j] * resetGate * (1 - resetGate);
				delta[zt + j] = deltaR;
				deltaH[zt + j] = deltaR;
				deltaH[zt + H + j] = deltaZ;
				deltaH[zt + 2 * H + j] = deltaN * resetGate;
			}
			// dL/dh_{t-1} directly through h_t = … + z ⊙ h_{t-1}
			carryH[j] = dh_t * updateGate;
		}
		if (after) {
			// dL/dh_{t-1} += Whᵀ [δr; δz; δn ⊙ r]
			matTVecAdd(carryH, 0, P, layer.offWh, H3, H, deltaH, zt);
			continue;
		}
		// dL/d(r ⊙ h_{t-1}) = Whnᵀ δn
		matTVec(scratch, 0, P, Whn, H, H, delta, zt + 2 * H);
		for (let j = 0; j < H; j++) {
			const resetGate = gates[zt + j];
			// δr = dL/d(r ⊙ h) ⊙ h_{t-1} ⊙ σ'(r);  dL/dh_{t-1} += dL/d(r ⊙ h) ⊙ r
			delta[zt + j] = scratch[j] * h[prev + j] * resetGate * (1 - resetGate);
			carryH[j] += scratch[j] * resetGate;
		}
		// dL/dh_{t-1} += Wh[r,z]ᵀ [δr; δz]
		matTVecAdd(carryH, 0, P, layer.offWh, 2 * H, H, delta, zt);
	}
}

function accumulateRecurrent(layer: Layer, G: Float64Array, work: LayerWork, steps: number): void {
	const H = layer.hiddenSize;
	const H3 = 3 * H;
	if (layer.variant === 'reset-after') {
		// dL/dWh = Σ_t [δr; δz; δn ⊙ r]_t h_{t-1}ᵀ,   dL/dbhn = Σ_t δn ⊙ r
		accumulateOuter(G, layer.offWh, H3, H, work.deltaH, 0, H3, work.h, 0, H, steps);
		accumulateSum(G, layer.offBhn, H, work.deltaH, 2 * H, H3, steps);
		return;
	}
	// dL/dWh[r,z] = Σ_t [δr; δz]_t h_{t-1}ᵀ,   dL/dWhn = Σ_t δn_t (r_t ⊙ h_{t-1})ᵀ
	accumulateOuter(G, layer.offWh, 2 * H, H, work.delta, 0, H3, work.h, 0, H, steps);
	accumulateOuter(G, layer.offWh + 2 * H * H, H, H, work.delta, 2 * H, H3, work.aux as Float64Array, 0, H, steps);
}

function stepJacobian(layer: Layer, P: Float64Array, work: LayerWork, t: number, J: Float64Array): void {
	const H = layer.hiddenSize;
	const zt = (t - 1) * 3 * H;
	const prev = (t - 1) * H;
	const { gates, h } = work;
	const aux = work.aux as Float64Array;
	const W = (gate: number, i: number, k: number) => P[layer.offWh + (gate * H + i) * H + k];
	const after = layer.variant === 'reset-after';
	// reset-before: ∂(Whn (r ⊙ h_{t-1}))/∂h_{t-1} = Whn diag(r) + Whn diag(h_{t-1} ⊙ σ'(r)) Whr
	let chain: Float64Array | null = null;
	if (!after) {
		const A = new Float64Array(H * H);
		const B = new Float64Array(H * H);
		for (let i = 0; i < H; i++) {
			const r = gates[zt + i];
			const scale = h[prev + i] * r * (1 - r);
			for (let k = 0; k < H; k++) {
				A[i * H + k] = W(2, i, k);
				B[i * H + k] = scale * W(0, i, k);
			}
		}
		chain = new Float64Array(H * H);
		matMul(chain, A, B, H);
	}
	for (let i = 0; i < H; i++) {
		const r = gates[zt + i];
		const u = gates[zt + H + i];
		const n = gates[zt + 2 * H + i];
		const dz = (h[prev + i] - n) * u * (1 - u);
		const dn = (1 - u) * (1 - n * n);
		for (let k = 0; k < H; k++) {
			// ∂n-pre/∂h_{t-1}: reset-after diag(r) Whn + diag((Whn h + bhn) ⊙ σ'(r)) Whr
			const nPre = after
				? r * W(2, i, k) + aux[prev + i] * r * (1 - r) * W(0, i, k)
				: W(2, i, k) * gates[zt + k] + (chain as Float64Array)[i * H + k];
			// ∂h_t/∂h_{t-1} = diag(z) + diag((h_{t-1} − n) σ'(z)) Whz + diag((1 − z)(1 − n²)) ∂n-pre/∂h_{t-1}
			J[i * H + k] = (i === k ? u : 0) + dz * W(1, i, k) + dn * nPre;
		}
	}
}

export const gruCell: CellOps = { forward, backward, accumulateRecurrent, stepJacobian };

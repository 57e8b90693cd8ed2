/**
 * How far back the gradient reaches: the norm of the total gradient ∂L/∂h_k at every hidden state
 * of one layer, k = 0..T (k = 0 is h0). A plain RNN's norms fall off quickly with distance from
 * the steps that carry a loss; a gated cell's can stay level across many steps.
 *
 * "Total" means everything BPTT sends back to h_k: through the output at step k, the layer above,
 * and every later step. For an LSTM, c_k is held fixed (h_k and c_k are separate parts of the
 * state, as in `jacobian.ts`), so the norm is what reaches h_k itself.
 */

import { EngineError } from './errors';
import type { LossSpec, PreparedLoss } from './loss';
import type { Network } from './network';
import type { InputsLike } from './sequence';
import { backward } from './trace';

/** ‖v‖₂ of a vector. */
function norm(v: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
	return Math.sqrt(sum);
}

/** ‖∂L/∂h_k‖₂ for k = 0..T of layer `layer` (0-based, default 0), by exact BPTT. */
export function gradientReach(network: Network, inputs: InputsLike, loss: LossSpec | PreparedLoss, layer = 0): Float64Array {
	if (!Number.isInteger(layer) || layer < 0 || layer >= network.layers.length) {
		throw new EngineError('invalid-argument', `There is no layer ${layer + 1}; this network has ${network.layers.length}.`);
	}
	const result = backward(network, inputs, loss);
	const dLdh = result.layers[layer].dLdh;
	const out = new Float64Array(dLdh.length + 1);
	out[0] = norm(result.gradients.layers[layer].h0);
	dLdh.forEach((d, t) => (out[t + 1] = norm(d)));
	return out;
}

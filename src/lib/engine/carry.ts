/**
 * The LSTM's cell state as a carry line, set against a plain RNN's Jacobian chain on the same inputs.
 *
 * From c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t, the cell state's own path gives ∂c_t/∂c_{t−1} = diag(f_t),
 * so along that path
 *
 *   ∂c_T/∂c_k = diag(f_T) diag(f_{T−1}) ⋯ diag(f_{k+1}) = diag(∏_{t=k+1}^{T} f_t)
 *
 * a product of numbers per unit: no weight matrix, no tanh slope. That is the path this file
 * measures. The whole Jacobian (`jacobianNorms(…).c`) also counts the detours through h (the gates
 * read h_{t−1}, and h_{t−1} read c_{t−1}); they vanish when the gates do not depend on h — with f
 * clamped to 1 and i to 0, for example, where both are exactly the identity.
 *
 * The plain RNN to compare with is the LSTM without its gates: its candidate block
 * g = tanh(W_xg x_t + W_hg h_{t−1} + b_g) used as the whole cell, h_t = tanh(W_xh x_t + W_hh h_{t−1} + b).
 * Its chain ∂h_T/∂h_k = ∏ diag(1 − h_t²) W_hh multiplies a matrix at every step.
 */

import { EngineError } from './errors';
import { jacobianNorms, jacobianNormsOf } from './jacobian';
import { createNetwork, type Network } from './network';
import type { InputsLike } from './sequence';
import { runSequence } from './trace';

export interface CarryChain {
	steps: number;
	hidden: number;
	/** f_t for t = 1..T (index t−1), the clamped value where f is clamped. */
	forget: Float64Array[];
	/** Index k = 0..T−1: ∏_{t=k+1}^{T} f_t per unit, i.e. the diagonal of ∂c_T/∂c_k along the cell state. */
	perUnit: Float64Array[];
	/** ‖∏ diag(f)‖₂ = max over units of |∏ f_t|, for k = 0..T−1. */
	norm: Float64Array;
}

export interface CarryComparison {
	carry: CarryChain;
	/** ‖∂c_T/∂c_k‖₂ of the whole step Jacobians (h_k held fixed), detours through h included. */
	cell: Float64Array;
	/** ‖∂h_T/∂h_k‖₂ of the plain RNN made of the candidate block, on the same inputs. */
	rnn: Float64Array;
}

function singleLstm(network: Network, what: string): void {
	if (network.layers.length !== 1 || network.layers[0].cell !== 'lstm') {
		throw new EngineError('invalid-argument', `${what} needs a network of one LSTM layer; this one has ${network.layers.map((l) => l.cell).join(', ')}.`);
	}
}

/** ∂c_T/∂c_k = ∏ diag(f_t) along the cell state of a one-layer LSTM, for k = 0..T−1. */
export function carryChain(network: Network, inputs: InputsLike): CarryChain {
	singleLstm(network, 'The carry line');
	const { pass } = runSequence(network, inputs);
	const H = network.layers[0].hiddenSize;
	const T = pass.steps;
	const gates = pass.layers[0].gates;
	const forget: Float64Array[] = [];
	for (let t = 0; t < T; t++) forget.push(gates.slice(t * 4 * H + H, t * 4 * H + 2 * H));
	const perUnit: Float64Array[] = new Array(T);
	const norm = new Float64Array(T);
	// Grown from the end: ∏_{t=k+1}^{T} f_t = f_{k+1} ⊙ ∏_{t=k+2}^{T} f_t
	const running = new Float64Array(H).fill(1);
	for (let k = T - 1; k >= 0; k--) {
		let largest = 0;
		for (let j = 0; j < H; j++) {
			running[j] *= forget[k][j];
			largest = Math.max(largest, Math.abs(running[j]));
		}
		perUnit[k] = running.slice();
		norm[k] = largest;
	}
	return { steps: T, hidden: H, forget, perUnit, norm };
}

/**
 * The plain RNN an LSTM would be without its gates: one `rnn` layer with W_xh = W_xg,
 * W_hh = W_hg, b = b_g and the same h_0 (the head is copied so outputs line up).
 */
export function candidateRnn(network: Network): Network {
	singleLstm(network, 'The candidate RNN');
	const lstm = network.layers[0];
	const rnn = createNetwork({
		inputSize: network.inputSize,
		layers: [{ cell: 'rnn', hiddenSize: lstm.hiddenSize }],
		outputSize: network.outputSize
	});
	const layer = rnn.layers[0];
	layer.params.Wxh.set(lstm.params.Wxg);
	layer.params.Whh.set(lstm.params.Whg);
	layer.params.bh.set(lstm.params.bg);
	layer.h0.set(lstm.h0);
	rnn.head.W.set(network.head.W);
	rnn.head.b.set(network.head.b);
	return rnn;
}

/** The carry line, the whole cell-state Jacobian and the gate-less RNN's chain, k = 0..T−1. */
export function compareCarry(network: Network, inputs: InputsLike): CarryComparison {
	const carry = carryChain(network, inputs);
	const cell = jacobianNormsOf(runSequence(network, inputs).pass, 0).c as Float64Array;
	const rnn = jacobianNorms(candidateRnn(network), inputs).h;
	return { carry, cell, rnn };
}

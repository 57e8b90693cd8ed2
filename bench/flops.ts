/**
 * Floating-point work of one training step (forward + BPTT + SGD update on one sequence) in the
 * DENSE formulation: every matrix product is counted in full, including one-hot inputs (an
 * engine that gathers a column instead of multiplying by a one-hot vector does less work, and
 * its GFLOP/s then reads higher than the arithmetic it really did). One multiply-add = 2 flops.
 * Elementwise work (activations, gate products, softmax, bias adds) is not counted: it is O(H)
 * per step against O(H²) for the products.
 */
import type { Workload } from './workloads.mjs';

/**
 * Multiply-adds of one cell step, per cell type. For every product y = W·v:
 *   forward   y = W v            rows·cols
 *   backward  dW += dy vᵀ        rows·cols
 *             dv  = Wᵀ dy        rows·cols, only when v needs a gradient (the hidden state
 *                                does; the input data does not)
 * RNN  (h = tanh(Wxh x + Whh h + b)), W rows = H:
 *   forward H·I + H·H, backward H·I + 2·H·H           → 2·H·I + 3·H·H
 * LSTM (four gates, stacked weights of 4H rows):
 *   forward 4H·I + 4H·H, backward 4H·I + 2·4H·H       → 8·H·I + 12·H·H
 */
export function cellStepMacs(cell: Workload['cell'], I: number, H: number): number {
	if (cell === 'rnn') return 2 * H * I + 3 * H * H;
	return 8 * H * I + 12 * H * H;
}

/** Parameter count (weights and biases, one bias per gate) of the cell plus the softmax head. */
export function parameterCount(w: Workload): number {
	const { inputSize: I, hiddenSize: H, classes: V } = w;
	const gates = w.cell === 'rnn' ? 1 : 4;
	return gates * H * (I + H + 1) + V * H + V;
}

/**
 * Multiply-adds of one training step:
 *   T cell steps
 * + head (logits = Why h): forward V·H, dWhy V·H, dh = Whyᵀ dlogits V·H → 3·V·H per loss
 *   (T losses when the loss is at every step, else 1)
 * + plain SGD update w -= lr·g: one multiply-add per parameter.
 */
export function trainingStepMacs(w: Workload): number {
	const { inputSize: I, hiddenSize: H, classes: V, steps: T } = w;
	const losses = w.lossEveryStep ? T : 1;
	return T * cellStepMacs(w.cell, I, H) + losses * 3 * V * H + parameterCount(w);
}

export function trainingStepFlops(w: Workload): number {
	return 2 * trainingStepMacs(w);
}

/**
 * Buffers a forward/backward pass keeps for one layer, preallocated and reused across calls.
 *
 * Why: BPTT needs every step's gates and states on the way back, and allocating them per
 * training step would make the garbage collector the bottleneck on small networks. Buffers grow
 * when a longer sequence arrives and are never shrunk.
 *
 * Row t of a per-step buffer belongs to step t+1 of the chunk being run (steps count from 1 in
 * the lessons, rows from 0 here). `h` and `c` have one extra row in front: row 0 is the state the
 * chunk starts from (h0/c0, or the state carried from the previous truncated-BPTT chunk), so row t
 * is h_t.
 */

import type { Layer } from './network';

export interface LayerWork {
	capacity: number;
	/** Pre-activations z_t, G·H per step; first the input part `Wx x_t + b`, then the full value. */
	z: Float64Array;
	/** Gate values after their nonlinearity, G·H per step, in gate order. */
	gates: Float64Array;
	/** (capacity + 1) × H hidden states; row 0 is the initial state. */
	h: Float64Array;
	/** (capacity + 1) × H LSTM cell states; null for other cells. */
	c: Float64Array | null;
	/**
	 * One H vector per step the backward pass needs besides the gates:
	 * lstm tanh(c_t); gru reset-after `Whn h_{t-1} + bhn`; gru reset-before `r_t ⊙ h_{t-1}`.
	 */
	aux: Float64Array | null;
	/** dL/dz_t, the gradient at every gate's pre-activation, G·H per step. */
	delta: Float64Array;
	/** The delta that multiplies h_{t-1} in dWh: the same array as `delta` except for reset-after GRU. */
	deltaH: Float64Array;
	/** Total dL/dh_t: through the output at t and through every later step. */
	dh: Float64Array;
	/** Total dL/dc_t for LSTM; null otherwise. */
	dc: Float64Array | null;
	/** dL/dh_t arriving from above only (the head, or the next layer's inputs). */
	above: Float64Array;
	/** The gradient carried back one step; after the backward pass, dL/dh0 (and dL/dc0). */
	carryH: Float64Array;
	carryC: Float64Array | null;
	/** G·H numbers of scratch space for one step. */
	scratch: Float64Array;
}

export function createLayerWork(layer: Layer, capacity: number): LayerWork {
	const H = layer.hiddenSize;
	const GH = layer.gateCount * H;
	const lstm = layer.cell === 'lstm';
	const delta = new Float64Array(capacity * GH);
	return {
		capacity,
		z: new Float64Array(capacity * GH),
		gates: new Float64Array(capacity * GH),
		h: new Float64Array((capacity + 1) * H),
		c: lstm ? new Float64Array((capacity + 1) * H) : null,
		aux: layer.cell === 'rnn' ? null : new Float64Array(capacity * H),
		delta,
		deltaH: layer.variant === 'reset-after' ? new Float64Array(capacity * GH) : delta,
		dh: new Float64Array(capacity * H),
		dc: lstm ? new Float64Array(capacity * H) : null,
		above: new Float64Array(capacity * H),
		carryH: new Float64Array(H),
		carryC: lstm ? new Float64Array(H) : null,
		scratch: new Float64Array(GH)
	};
}

/** Numbers one step of a layer keeps, for the workspace size limit. */
export function numbersPerStep(layer: Layer): number {
	const H = layer.hiddenSize;
	const GH = layer.gateCount * H;
	const lstm = layer.cell === 'lstm' ? 1 : 0;
	return 3 * GH + (layer.variant === 'reset-after' ? GH : 0) + 3 * H + lstm * 2 * H + (layer.cell === 'rnn' ? 0 : H);
}

/**
 * What each cell kind implements. The input half of every pre-activation (`Wx x_t + b`) and its
 * gradients are shared by all cells (see `pass.ts`); a cell owns only the recurrence.
 * `P` is the flat parameter vector, `G` a gradient buffer of the same layout.
 */
export interface CellOps {
	/** Runs steps 1..steps: `work.z` holds `Wx x_t + b` on entry, the full pre-activations on exit. */
	forward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void;
	/** BPTT through the recurrence: from `work.above` fills delta, dh (and dc); leaves dL/dh0 in carryH. */
	backward(layer: Layer, P: Float64Array, work: LayerWork, steps: number): void;
	/** Adds the recurrent weights' gradients, Σ_t (explicit term of step t), to `G`. */
	accumulateRecurrent(layer: Layer, G: Float64Array, work: LayerWork, steps: number): void;
	/** J = ∂s_t/∂s_{t-1} for step t (1-based), s = h, or [h; c] for LSTM (2H × 2H). */
	stepJacobian(layer: Layer, P: Float64Array, work: LayerWork, t: number, J: Float64Array): void;
}

/**
 * Seeded weight initialisation. The same seed gives the same network in every browser
 * (see `random.ts`); numbers are drawn bottom-up, per layer in the order Wx, Wh, biases, then the
 * head's W and b, each row-major.
 *
 * Presets:
 * - 'pytorch' (default): every cell parameter ~ U(−1/√H, 1/√H) (`nn.RNN/LSTM/GRU`); head
 *   W and b ~ U(−1/√fanIn, 1/√fanIn) (`nn.Linear`).
 * - 'keras': input weights Glorot/Xavier uniform over the fused kernel (fanIn = I,
 *   fanOut = gates·H, as Keras's `[I × gates·H]` kernel), recurrent weights orthogonal (the fused
 *   `[gates·H × H]` matrix has orthonormal columns; for a plain RNN `Whh` is orthogonal), biases
 *   0 with LSTM's forget bias 1 (`unit_forget_bias`); head Glorot uniform, bias 0.
 * Each part can be overridden (`input`, `recurrent`, `bias`, `head`), e.g. `recurrent: 'identity'`
 * for Le et al.'s IRNN, and `recurrentScale` multiplies Wh afterwards (the radius slider).
 */

import { EngineError, requirePositiveNumber } from './errors';
import { createNetwork, type Layer, type Network, type NetworkSpec } from './network';
import { createRandom, type Random } from './random';

export type Initializer =
	| 'pytorch-uniform'
	| 'glorot-uniform'
	| 'orthogonal'
	| 'identity'
	| 'zeros'
	| { kind: 'uniform'; limit: number }
	| { kind: 'normal'; std: number };

export interface InitOptions {
	seed: number | string;
	preset?: 'pytorch' | 'keras';
	input?: Initializer;
	recurrent?: Initializer;
	bias?: Initializer;
	head?: Initializer;
	/** Multiplies every recurrent matrix after initialisation. */
	recurrentScale?: number;
	/** Added to LSTM's forget-gate bias (keras preset: 1). */
	forgetBias?: number;
	/**
	 * Added to LSTM's input-gate bias. With a large forget bias and the opposite input bias the
	 * cell starts by keeping what it holds and writing little (the idea of Tallec & Ollivier's
	 * chrono initialisation, 2018), which suits long lags.
	 */
	inputBias?: number;
	/**
	 * Added to GRU's update-gate bias. With h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, a large value starts
	 * z near 1: the cell keeps its state, as a large forget bias does for an LSTM.
	 */
	updateBias?: number;
}

/** Fills `rows × cols` numbers at `offset` of `P`; `fanIn`/`fanOut`/`bound` describe the block. */
function fill(
	P: Float64Array, offset: number, rows: number, cols: number,
	init: Initializer, random: Random, fan: { fanIn: number; fanOut: number; pytorchBound: number },
	gates = 1
): void {
	const n = rows * cols;
	const uniform = (limit: number) => {
		for (let i = 0; i < n; i++) P[offset + i] = random.range(-limit, limit);
	};
	if (init === 'zeros') P.fill(0, offset, offset + n);
	else if (init === 'pytorch-uniform') uniform(fan.pytorchBound);
	else if (init === 'glorot-uniform') uniform(Math.sqrt(6 / (fan.fanIn + fan.fanOut)));
	else if (init === 'orthogonal') orthonormalColumns(P, offset, rows, cols, random);
	else if (init === 'identity') {
		if (rows !== cols * gates) throw new EngineError('invalid-argument', 'The identity initialiser is for square recurrent matrices.');
		P.fill(0, offset, offset + n);
		for (let g = 0; g < gates; g++) for (let i = 0; i < cols; i++) P[offset + (g * cols + i) * cols + i] = 1;
	} else if (typeof init === 'object' && init.kind === 'uniform') uniform(requirePositiveNumber('The uniform limit', init.limit, true));
	else if (typeof init === 'object' && init.kind === 'normal') {
		const std = requirePositiveNumber('The standard deviation', init.std, true);
		for (let i = 0; i < n; i++) P[offset + i] = std * random.normal();
	} else throw new EngineError('invalid-argument', `Unknown initialiser ${JSON.stringify(init)}.`);
}

/**
 * A rows × cols block (rows ≥ cols) with orthonormal columns: Gram–Schmidt (applied twice, so
 * the columns stay orthogonal to rounding) on a matrix of normal deviates.
 */
function orthonormalColumns(P: Float64Array, offset: number, rows: number, cols: number, random: Random): void {
	if (rows < cols) throw new EngineError('invalid-argument', 'The orthogonal initialiser needs at least as many rows as columns.');
	const A = new Float64Array(rows * cols);
	for (let i = 0; i < A.length; i++) A[i] = random.normal();
	for (let j = 0; j < cols; j++) {
		for (let pass = 0; pass < 2; pass++) {
			for (let k = 0; k < j; k++) {
				let dot = 0;
				for (let r = 0; r < rows; r++) dot += A[r * cols + k] * A[r * cols + j];
				for (let r = 0; r < rows; r++) A[r * cols + j] -= dot * A[r * cols + k];
			}
		}
		let norm = 0;
		for (let r = 0; r < rows; r++) norm += A[r * cols + j] ** 2;
		norm = Math.sqrt(norm);
		for (let r = 0; r < rows; r++) A[r * cols + j] /= norm;
	}
	P.set(A, offset);
}

function layerDefaults(options: InitOptions): Required<Pick<InitOptions, 'input' | 'recurrent' | 'bias' | 'head'>> {
	const keras = options.preset === 'keras';
	if (options.preset !== undefined && options.preset !== 'pytorch' && !keras) {
		throw new EngineError('invalid-argument', `Unknown preset "${String(options.preset)}"; use "pytorch" or "keras".`);
	}
	return {
		input: options.input ?? (keras ? 'glorot-uniform' : 'pytorch-uniform'),
		recurrent: options.recurrent ?? (keras ? 'orthogonal' : 'pytorch-uniform'),
		bias: options.bias ?? (keras ? 'zeros' : 'pytorch-uniform'),
		head: options.head ?? (keras ? 'glorot-uniform' : 'pytorch-uniform')
	};
}

function initLayer(layer: Layer, P: Float64Array, parts: ReturnType<typeof layerDefaults>, options: InitOptions, random: Random): void {
	const { hiddenSize: H, inputSize: I, gateCount: G } = layer;
	const pytorchBound = 1 / Math.sqrt(H);
	fill(P, layer.offWx, G * H, I, parts.input, random, { fanIn: I, fanOut: G * H, pytorchBound }, G);
	fill(P, layer.offWh, G * H, H, parts.recurrent, random, { fanIn: H, fanOut: G * H, pytorchBound }, G);
	const biases = G * H + (layer.offBhn >= 0 ? H : 0);
	fill(P, layer.offB, biases, 1, parts.bias, random, { fanIn: H, fanOut: G * H, pytorchBound });
	const scale = options.recurrentScale ?? 1;
	if (scale !== 1) for (let i = 0; i < G * H * H; i++) P[layer.offWh + i] *= scale;
	const forgetBias = options.forgetBias ?? (options.preset === 'keras' ? 1 : 0);
	if (layer.cell === 'lstm' && forgetBias !== 0) for (let i = 0; i < H; i++) P[layer.offB + H + i] += forgetBias;
	const inputBias = options.inputBias ?? 0;
	if (layer.cell === 'lstm' && inputBias !== 0) for (let i = 0; i < H; i++) P[layer.offB + i] += inputBias;
	const updateBias = options.updateBias ?? 0;
	if (layer.cell === 'gru' && updateBias !== 0) for (let i = 0; i < H; i++) P[layer.offB + H + i] += updateBias;
	layer.h0.fill(0);
	layer.c0?.fill(0);
}

/** Gives `network` fresh seeded weights (in place) and zero initial states; returns it. */
export function initialize(network: Network, options: InitOptions): Network {
	if (typeof options !== 'object' || options === null || options.seed === undefined) {
		throw new EngineError('invalid-argument', 'Initialisation needs a seed, so the run can be reproduced.');
	}
	if (options.recurrentScale !== undefined) requirePositiveNumber('recurrentScale', options.recurrentScale, true);
	const parts = layerDefaults(options);
	const random = createRandom(options.seed);
	const P = network.params;
	for (const layer of network.layers) initLayer(layer, P, parts, options, random);
	const { head } = network;
	const fan = { fanIn: head.inputSize, fanOut: head.outputSize, pytorchBound: 1 / Math.sqrt(head.inputSize) };
	fill(P, head.offW, head.outputSize, head.inputSize, parts.head, random, fan);
	const headBias = parts.head === 'pytorch-uniform' ? 'pytorch-uniform' : 'zeros';
	fill(P, head.offB, head.outputSize, 1, headBias, random, fan);
	return network;
}

/** `createNetwork` + `initialize`: a ready-to-train network from a spec and a seed. */
export function buildNetwork(spec: NetworkSpec, options: InitOptions): Network {
	return initialize(createNetwork(spec), options);
}

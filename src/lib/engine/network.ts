/**
 * A network: stacked recurrent layers and a dense head `y_t = W h_t + b`, with every trainable
 * number in one flat `Float64Array`.
 *
 * Why one flat vector: optimizers, gradient clipping and finite-difference checks are then single
 * loops over all parameters, and a gradient buffer of the same layout gives every parameter its
 * gradient at the same offset. Why fused gates: an LSTM's four input matrices `Wxi, Wxf, Wxg, Wxo`
 * sit one after the other, so they form one `[4H × I]` matrix and a step needs one product
 * instead of four. Each layer still exposes every parameter under its reference name
 * (`layer.params.Wxf`) as a view into the flat vector, so editing a view edits the network.
 *
 * Which parameters a cell owns comes from `cellParameterShapes` (convention 'engine'), the same
 * table the parameter counter uses, so a count can never disagree with a real network.
 */

import { cellParameterShapes, GATES, type CellKind, type GruVariant, type ParameterShape } from './count';
import { checkClamp, type GateClamp } from './clamp';
import { EngineError, LIMITS, describeValue, requireFiniteArray, requireInteger } from './errors';

export interface LayerSpec {
	cell: CellKind;
	hiddenSize: number;
	/** GRU only; defaults to 'reset-after' (PyTorch, Keras). */
	variant?: GruVariant;
	/** LSTM only: gates fixed to a value in the forward and backward pass (see clamp.ts). */
	clamp?: GateClamp;
}

export interface NetworkSpec {
	inputSize: number;
	/** Stacked bottom-up: layer k+1 reads layer k's h_t. */
	layers: LayerSpec[];
	/** Units of the dense head on top (classes for softmax, values for MSE). */
	outputSize: number;
}

/** Where one parameter lives in the flat vector. */
export interface ParameterSlot extends ParameterShape {
	offset: number;
}

export interface Layer {
	readonly index: number;
	readonly cell: CellKind;
	/** GRU variant; null for other cells. */
	readonly variant: GruVariant | null;
	readonly inputSize: number;
	readonly hiddenSize: number;
	/** Gate blocks in the fused matrices: rnn 1, gru 3 (r, z, n), lstm 4 (i, f, g, o). */
	readonly gateCount: number;
	readonly gateNames: readonly string[];
	/** Every parameter by its reference name, in `cellParameterShapes` order. */
	readonly slots: readonly ParameterSlot[];
	/** Offsets of the fused blocks: Wx `[G·H × I]`, Wh `[G·H × H]`, b `[G·H]`, and GRU reset-after's `bhn` `[H]` (else -1). */
	readonly offWx: number;
	readonly offWh: number;
	readonly offB: number;
	readonly offBhn: number;
	/** Named views into `network.params`, e.g. `params.Whh` (row-major H × H). */
	readonly params: Readonly<Record<string, Float64Array>>;
	/** Initial hidden state (not trained). */
	readonly h0: Float64Array;
	/** Initial cell state for LSTM (not trained); null otherwise. */
	readonly c0: Float64Array | null;
	/** LSTM gates fixed to a value (zero gradient at their pre-activation); null when none are. */
	readonly clamp: Readonly<GateClamp> | null;
}

export interface Head {
	readonly inputSize: number;
	readonly outputSize: number;
	readonly offW: number;
	readonly offB: number;
	/** outputSize × inputSize, row-major. */
	readonly W: Float64Array;
	readonly b: Float64Array;
}

export interface Network {
	readonly inputSize: number;
	readonly outputSize: number;
	readonly layers: readonly Layer[];
	readonly head: Head;
	/** Every trainable number; `layers[k].params.*` and `head.W/b` are views into it. */
	readonly params: Float64Array;
}

/** Views of any buffer laid out like `network.params` (gradients, optimizer moments). */
export interface ParameterViews {
	layers: Record<string, Float64Array>[];
	head: { W: Float64Array; b: Float64Array };
}

const CELLS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];
const VARIANTS: readonly GruVariant[] = ['reset-before', 'reset-after'];

export function checkCell(cell: unknown, where: string): CellKind {
	if (!CELLS.includes(cell as CellKind)) {
		throw new EngineError(
			'unknown-cell',
			`${where}: the cell ${cell === undefined ? 'is missing' : `${describeValue(cell)} is not one the engine knows`}; use "rnn", "lstm" or "gru".`,
			{ cell }
		);
	}
	return cell as CellKind;
}

export function checkVariant(cell: CellKind, variant: unknown, where: string): GruVariant | null {
	if (cell !== 'gru') return null;
	if (variant === undefined || variant === null) return 'reset-after';
	if (!VARIANTS.includes(variant as GruVariant)) {
		throw new EngineError(
			'unknown-variant',
			`${where}: the GRU variant ${describeValue(variant)} is unknown; use "reset-before" or "reset-after".`,
			{ variant }
		);
	}
	return variant as GruVariant;
}

/**
 * Lays a cell's parameters out as fused blocks: all `Wx?` (gate order), then all `Wh?`, then the
 * biases. Reset-after GRU's biases come out as `br, bz, bxn, bhn`, so the first 3H form the fused
 * input-side bias and `bhn` follows.
 */
function layoutLayer(shapes: ParameterShape[], start: number): ParameterSlot[] {
	const group = (s: ParameterShape) => (s.name.startsWith('Wx') ? 0 : s.name.startsWith('Wh') ? 1 : 2);
	const ordered = [0, 1, 2].flatMap((g) => shapes.filter((s) => group(s) === g));
	const slots = new Map<string, ParameterSlot>();
	let offset = start;
	for (const shape of ordered) {
		slots.set(shape.name, { ...shape, offset });
		offset += shape.rows * shape.cols;
	}
	return shapes.map((s) => slots.get(s.name) as ParameterSlot);
}

/** Allocates a network of zeros (use `initialize` or `fromJSON` to give it weights). */
export function createNetwork(spec: NetworkSpec): Network {
	if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.layers)) {
		throw new EngineError('invalid-argument', 'A network needs { inputSize, layers: [...], outputSize }.');
	}
	const inputSize = requireInteger('inputSize', spec.inputSize, 1, LIMITS.maxInputSize);
	const outputSize = requireInteger('outputSize', spec.outputSize, 1, LIMITS.maxOutputSize);
	requireInteger('number of layers', spec.layers.length, 1, LIMITS.maxLayers);

	type Plan = {
		cell: CellKind;
		variant: GruVariant | null;
		clamp: Readonly<GateClamp> | null;
		inputSize: number;
		hiddenSize: number;
		slots: ParameterSlot[];
	};
	const plans: Plan[] = [];
	let offset = 0;
	let below = inputSize;
	spec.layers.forEach((layerSpec, index) => {
		const where = `Layer ${index + 1}`;
		const cell = checkCell(layerSpec?.cell, where);
		const variant = checkVariant(cell, layerSpec.variant, where);
		const hiddenSize = requireInteger(`${where} hiddenSize`, layerSpec.hiddenSize, 1, LIMITS.maxHiddenSize);
		const clamp = checkClamp(cell, layerSpec.clamp, where);
		const slots = layoutLayer(cellParameterShapes(cell, below, hiddenSize, variant ?? undefined, 'engine'), offset);
		for (const s of slots) offset += s.rows * s.cols;
		plans.push({ cell, variant, clamp, inputSize: below, hiddenSize, slots });
		below = hiddenSize;
	});
	const offW = offset;
	const offB = offW + outputSize * below;
	const total = offB + outputSize;
	if (total > LIMITS.maxParameters) {
		throw new EngineError(
			'too-large',
			`This network has ${total.toLocaleString('en')} parameters; the engine allows at most ${LIMITS.maxParameters.toLocaleString('en')}. Use fewer units or layers.`,
			{ parameters: total, max: LIMITS.maxParameters }
		);
	}

	const params = new Float64Array(total);
	const layers: Layer[] = plans.map((plan, index) => {
		const G = GATES[plan.cell].length;
		const H = plan.hiddenSize;
		const find = (prefix: string) => plan.slots.filter((s) => s.name.startsWith(prefix))[0].offset;
		const bhn = plan.slots.find((s) => s.name === 'bhn');
		const views: Record<string, Float64Array> = {};
		for (const s of plan.slots) views[s.name] = params.subarray(s.offset, s.offset + s.rows * s.cols);
		const layer: Layer = {
			index,
			cell: plan.cell,
			variant: plan.variant,
			inputSize: plan.inputSize,
			hiddenSize: H,
			gateCount: G,
			gateNames: GATES[plan.cell],
			slots: plan.slots,
			offWx: find('Wx'),
			offWh: find('Wh'),
			offB: find('b'),
			offBhn: bhn ? bhn.offset : -1,
			params: views,
			h0: new Float64Array(H),
			c0: plan.cell === 'lstm' ? new Float64Array(H) : null,
			clamp: plan.clamp
		};
		checkFusedLayout(layer);
		return layer;
	});
	const head: Head = {
		inputSize: below,
		outputSize,
		offW,
		offB,
		W: params.subarray(offW, offB),
		b: params.subarray(offB, total)
	};
	return { inputSize, outputSize, layers, head, params };
}

/** The fused kernels assume gate blocks are contiguous; fail loudly if `count.ts` ever changes that. */
function checkFusedLayout(layer: Layer): void {
	const { hiddenSize: H, inputSize: I, gateCount: G } = layer;
	const ok =
		layer.offWh === layer.offWx + G * H * I &&
		layer.offB === layer.offWh + G * H * H &&
		(layer.offBhn < 0 || layer.offBhn === layer.offB + G * H);
	if (!ok) throw new Error(`internal: parameters of ${layer.cell} are not laid out as fused gate blocks`);
}

/** The spec a network was built from. */
export function specOf(network: Network): NetworkSpec {
	return {
		inputSize: network.inputSize,
		outputSize: network.outputSize,
		layers: network.layers.map((l) => ({
			cell: l.cell,
			hiddenSize: l.hiddenSize,
			...(l.variant ? { variant: l.variant } : {}),
			...(l.clamp ? { clamp: { ...l.clamp } } : {})
		}))
	};
}

/** A deep copy: same spec, weights and initial states. */
export function cloneNetwork(network: Network): Network {
	const copy = createNetwork(specOf(network));
	copy.params.set(network.params);
	network.layers.forEach((layer, k) => {
		copy.layers[k].h0.set(layer.h0);
		if (layer.c0) copy.layers[k].c0?.set(layer.c0);
	});
	return copy;
}

/**
 * A network as plain data a worker can post without JSON: the spec, the parameters and the
 * initial states as Float64Arrays (a structured clone copies them as they are, every bit kept).
 */
export interface NetworkWeights {
	spec: NetworkSpec;
	params: Float64Array;
	h0: Float64Array[];
	c0: (Float64Array | null)[];
}

/** A copy of the network's weights as plain data (see `NetworkWeights`). */
export function weightsOf(network: Network): NetworkWeights {
	return {
		spec: specOf(network),
		params: network.params.slice(),
		h0: network.layers.map((layer) => layer.h0.slice()),
		c0: network.layers.map((layer) => layer.c0?.slice() ?? null)
	};
}

/** The network `weights` describe (the inverse of `weightsOf`); sizes are checked. */
export function networkFromWeights(weights: NetworkWeights): Network {
	const network = createNetwork(weights.spec);
	if (weights.params.length !== network.params.length) throw new Error(`expected ${network.params.length} parameters, got ${weights.params.length}`);
	network.params.set(weights.params);
	network.layers.forEach((layer, k) => {
		layer.h0.set(weights.h0[k]);
		const c0 = weights.c0[k];
		if (layer.c0 && c0) layer.c0.set(c0);
	});
	return network;
}

/** Named views of `buffer` laid out like `network.params` (e.g. a gradient). */
export function parameterViews(network: Network, buffer: Float64Array): ParameterViews {
	if (buffer.length !== network.params.length) {
		throw new EngineError('shape-mismatch', `Expected a buffer of ${network.params.length} numbers, got ${buffer.length}.`);
	}
	const { head } = network;
	return {
		layers: network.layers.map((layer) => {
			const views: Record<string, Float64Array> = {};
			for (const s of layer.slots) views[s.name] = buffer.subarray(s.offset, s.offset + s.rows * s.cols);
			return views;
		}),
		head: {
			W: buffer.subarray(head.offW, head.offB),
			b: buffer.subarray(head.offB, head.offB + head.outputSize)
		}
	};
}

/** Throws `not-finite` naming the parameter that holds a NaN or ±Infinity. */
export function checkNetworkFinite(network: Network): void {
	const p = network.params;
	for (let i = 0; i < p.length; i++) {
		if (p[i] - p[i] !== 0) {
			throw new EngineError('not-finite', `${describeOffset(network, i)} is ${p[i]}; every weight must be a finite number.`, {
				offset: i
			});
		}
	}
	network.layers.forEach((layer, k) => {
		requireFiniteArray(`Layer ${k + 1} h0`, layer.h0);
		if (layer.c0) requireFiniteArray(`Layer ${k + 1} c0`, layer.c0);
	});
}

/** "Layer 2 Whh[3][1]" for an offset into the flat parameter vector. */
export function describeOffset(network: Network, offset: number): string {
	for (const layer of network.layers) {
		for (const s of layer.slots) {
			const i = offset - s.offset;
			if (i >= 0 && i < s.rows * s.cols) {
				const at = s.cols === 1 ? `[${i}]` : `[${Math.floor(i / s.cols)}][${i % s.cols}]`;
				return `Layer ${layer.index + 1} ${s.name}${at}`;
			}
		}
	}
	const { head } = network;
	const i = offset - head.offW;
	if (offset >= head.offB) return `Head b[${offset - head.offB}]`;
	return `Head W[${Math.floor(i / head.inputSize)}][${i % head.inputSize}]`;
}

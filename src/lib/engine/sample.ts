/**
 * Running a trained network without training it: outputs for long sequences (`predict`), one
 * step at a time (`createStepper`, for feeding samples back in), and sampling text from a
 * character model with a temperature (`sample`).
 */

import { EngineError, requireInteger, requireFiniteArray } from './errors';
import { softmax } from './loss';
import { checkNetworkFinite, type Network } from './network';
import { carryState, createPass, forwardPass, resetState } from './pass';
import { createRandom, type Random } from './random';
import { toSequence, type InputsLike, type Sequence } from './sequence';
import { rows } from './trace';

/** Steps per chunk when streaming: long sequences never need BPTT buffers for every step. */
const CHUNK = 256;

/** y_t for every step, from h0/c0. Runs in chunks, so 100,000 steps need little memory. */
export function predict(network: Network, inputs: InputsLike): Float64Array[] {
	checkNetworkFinite(network);
	const sequence = toSequence(inputs, network.inputSize);
	const pass = createPass(network, Math.min(CHUNK, sequence.steps));
	resetState(pass);
	const out: Float64Array[] = [];
	for (let start = 0; start < sequence.steps; start += CHUNK) {
		const steps = Math.min(CHUNK, sequence.steps - start);
		forwardPass(pass, sequence, start, steps);
		out.push(...rows(pass.Y, 0, steps, network.outputSize));
		carryState(pass);
	}
	for (const y of out) requireFiniteArray('An output', y);
	return out;
}

export interface ChunkPredictor {
	/** Back to h0/c0. */
	reset(): void;
	/**
	 * y_t for steps [start, start + steps) of `sequence`, continuing from the state the previous
	 * call ended in: steps × outputSize values, valid until the next call (they are not copied).
	 */
	run(sequence: Sequence, start: number, steps: number): Float64Array;
}

/** `predict` cut open: the caller runs a long sequence chunk by chunk and may yield in between. */
export function createChunkPredictor(network: Network, capacity = CHUNK): ChunkPredictor {
	checkNetworkFinite(network);
	const pass = createPass(network, capacity);
	resetState(pass);
	return {
		reset: () => resetState(pass),
		run(sequence, start, steps) {
			requireInteger('The first step', start, 0, Math.max(0, sequence.steps - 1));
			requireInteger('The number of steps', steps, 1, sequence.steps - start);
			forwardPass(pass, sequence, start, steps);
			carryState(pass);
			return pass.Y.subarray(0, steps * network.outputSize);
		}
	};
}

export interface Stepper {
	/** Back to h0/c0. */
	reset(): void;
	/** Feeds one input (a one-hot index or a vector) and returns y_t (a fresh array). */
	step(input: number | ArrayLike<number>): Float64Array;
	/** Current hidden (and cell) state of every layer, copied. */
	state(): { h: Float64Array; c: Float64Array | null }[];
}

export function createStepper(network: Network): Stepper {
	checkNetworkFinite(network);
	const I = network.inputSize;
	const pass = createPass(network, 1);
	const index = new Int32Array(1);
	const vector = new Float64Array(I);
	const oneHot: Sequence = { steps: 1, size: I, dense: null, indices: index };
	const dense: Sequence = { steps: 1, size: I, dense: vector, indices: null };
	resetState(pass);
	return {
		reset: () => resetState(pass),
		step(input) {
			let sequence: Sequence;
			if (typeof input === 'number') {
				if (!Number.isInteger(input) || input < 0 || input >= I) {
					throw new EngineError('invalid-argument', `The input index must be a whole number from 0 to ${I - 1}, but it is ${input}.`);
				}
				index[0] = input;
				sequence = oneHot;
			} else {
				if (input.length !== I) throw new EngineError('shape-mismatch', `The input needs ${I} numbers, but it has ${input.length}.`);
				requireFiniteArray('The input', input);
				vector.set(Array.from(input));
				sequence = dense;
			}
			forwardPass(pass, sequence, 0, 1);
			carryState(pass);
			return pass.Y.slice(0, network.outputSize);
		},
		state: () =>
			network.layers.map((layer, k) => ({
				h: pass.layers[k].h.slice(0, layer.hiddenSize),
				c: pass.layers[k].c ? (pass.layers[k].c as Float64Array).slice(0, layer.hiddenSize) : null
			}))
	};
}

/** An index drawn with the given probabilities (which must sum to about 1). */
export function sampleIndex(probabilities: ArrayLike<number>, random: Random): number {
	const u = random.uniform();
	let cumulative = 0;
	for (let i = 0; i < probabilities.length; i++) {
		cumulative += probabilities[i];
		if (u < cumulative) return i;
	}
	return probabilities.length - 1;
}

export interface SampleOptions {
	/** Indices fed first (the prompt); sampling continues from the last one. At least one. */
	prime: readonly number[];
	/** How many indices to generate after the prompt. */
	length: number;
	/** Softmax temperature; default 1. */
	temperature?: number;
	seed: number | string;
}

/** Generates indices from a one-hot-in, softmax-out model, feeding each sample back as the next input. */
export function sample(network: Network, options: SampleOptions): number[] {
	if (!Array.isArray(options.prime) || options.prime.length === 0) {
		throw new EngineError('invalid-argument', 'Sampling needs at least one starting character (the prime).');
	}
	const length = requireInteger('The sample length', options.length, 0, 100_000);
	const random = createRandom(options.seed);
	const stepper = createStepper(network);
	let y: Float64Array = new Float64Array(0);
	for (const index of options.prime) y = stepper.step(index);
	const out: number[] = [];
	for (let i = 0; i < length; i++) {
		const next = sampleIndex(softmax(y, options.temperature ?? 1), random);
		out.push(next);
		y = stepper.step(next);
	}
	return out;
}

/** One step of generation, as the sampling lesson shows it. */
export interface SampleStep {
	/** The index fed in at this step (a one-hot input). */
	input: number;
	/** y_t, the head's output after that input. */
	logits: Float64Array;
	/** softmax(y_t / T); at T = 0 all the probability sits on the largest y_t (greedy). */
	probabilities: Float64Array;
	/** The uniform number in [0, 1) that picked the next index (0 when greedy: nothing is drawn). */
	draw: number;
	/** The index drawn; it becomes the next step's input. */
	next: number;
}

/**
 * `sample`, step by step: every step's input, logits, tempered probabilities and draw. With the
 * same options it draws exactly what `sample` draws (one uniform number per generated index), so
 * changing only the temperature keeps the draws and changes the distributions they fall in.
 * Temperature 0 is the greedy limit: the most likely index every time (ties: the first).
 */
export function sampleTrace(network: Network, options: SampleOptions): SampleStep[] {
	if (!Array.isArray(options.prime) || options.prime.length === 0) {
		throw new EngineError('invalid-argument', 'Sampling needs at least one starting character (the prime).');
	}
	const length = requireInteger('The sample length', options.length, 0, 100_000);
	const temperature = options.temperature ?? 1;
	if (!(temperature >= 0) || !Number.isFinite(temperature)) {
		throw new EngineError('invalid-argument', `The temperature must be 0 (greedy) or a positive number, but it is ${temperature}.`);
	}
	const random = createRandom(options.seed);
	const stepper = createStepper(network);
	let y: Float64Array = new Float64Array(0);
	for (const index of options.prime) y = stepper.step(index);
	let input = options.prime[options.prime.length - 1];
	const steps: SampleStep[] = [];
	for (let i = 0; i < length; i++) {
		let probabilities: Float64Array;
		let draw = 0;
		let next: number;
		if (temperature === 0) {
			next = 0;
			for (let j = 1; j < y.length; j++) if (y[j] > y[next]) next = j;
			probabilities = new Float64Array(y.length);
			probabilities[next] = 1;
		} else {
			probabilities = softmax(y, temperature);
			draw = random.uniform();
			next = pickIndex(probabilities, draw);
		}
		steps.push({ input, logits: y, probabilities, draw, next });
		input = next;
		y = stepper.step(next);
	}
	return steps;
}

/** The index whose slice of [0, 1) holds u: the cumulative probabilities split the interval. */
function pickIndex(probabilities: ArrayLike<number>, u: number): number {
	let cumulative = 0;
	for (let i = 0; i < probabilities.length; i++) {
		cumulative += probabilities[i];
		if (u < cumulative) return i;
	}
	return probabilities.length - 1;
}

/**
 * A recursive multi-step forecast from a one-input, one-output many-to-one model: the last
 * `window` values of `context` predict the next one, which joins the window (the oldest value
 * leaves), `horizon` times. Each prediction runs from h0, as the model was trained on windows.
 * From the second step on, the model reads its own predictions, so errors feed on themselves.
 */
export function recursiveForecast(network: Network, context: ArrayLike<number>, window: number, horizon: number): Float64Array {
	if (network.inputSize !== 1 || network.outputSize !== 1) {
		throw new EngineError('shape-mismatch', `A recursive forecast needs a network with 1 input and 1 output, but it has ${network.inputSize} and ${network.outputSize}.`);
	}
	requireInteger('The window', window, 1, 100_000);
	requireInteger('The horizon', horizon, 0, 100_000);
	if (context.length < window) {
		throw new EngineError('invalid-argument', `The forecast starts from the last ${window} values, but only ${context.length} were given.`);
	}
	requireFiniteArray('The context', context);
	const values = Array.from(context).slice(context.length - window);
	const out = new Float64Array(horizon);
	for (let k = 0; k < horizon; k++) {
		const outputs = predict(network, values.map((v) => [v]));
		out[k] = outputs[outputs.length - 1][0];
		values.shift();
		values.push(out[k]);
	}
	return out;
}

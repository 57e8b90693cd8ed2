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

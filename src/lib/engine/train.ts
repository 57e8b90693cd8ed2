/**
 * Training: forward, BPTT, optional clipping and one optimizer update, on preallocated buffers.
 *
 * Semantics (those of the reference cases, i.e. of a plain PyTorch loop):
 * - Each call to `step` is one epoch over one sequence, starting from h0/c0 (not trained).
 * - Without `tbptt`, one update over the whole sequence.
 * - With `tbptt: k`, the sequence is cut into chunks of k steps (the last may be shorter). Each
 *   chunk starts from the state the previous one ended in, no gradient flows back past its
 *   start, its loss covers its own steps (with the loss's reduction), and it makes one update.
 *   A chunk without any target carries the state on and makes no update.
 * - The loss and gradient norm of each update are recorded before the update.
 */

import { EngineError, requireInteger, LIMITS } from './errors';
import { prepareLoss, sliceLoss, type LossSpec, type PreparedLoss } from './loss';
import { checkNetworkFinite, describeOffset, type Network } from './network';
import { createOptimizer, type Optimizer, type OptimizerSpec } from './optim';
import { backwardPass, carryState, createPass, forwardPass, lossPass, resetState, type Pass } from './pass';
import { toSequence, type InputsLike, type Sequence } from './sequence';

export interface TrainOptions {
	optimizer: OptimizerSpec;
	/** Clip gradients to this global norm before each update. */
	clipNorm?: number;
	/** Truncated BPTT: chunk length in steps. */
	tbptt?: number;
}

export interface UpdateRecord {
	/** Loss of the chunk (or sequence) this update used, before the update. */
	loss: number;
	/** Global L2 norm of all parameter gradients, before clipping. */
	gradNorm: number;
	/** Factor clipping applied (1 when it did not clip). */
	clipScale: number;
}

export interface StepResult {
	/** The sequence's loss with its reduction, accumulated over chunks as the weights changed. */
	loss: number;
	updates: UpdateRecord[];
}

export interface Trainer {
	readonly network: Network;
	readonly optimizer: Optimizer;
	/** One epoch over one sequence (one update, or one per truncated-BPTT chunk). */
	step(inputs: InputsLike, loss: LossSpec | PreparedLoss): StepResult;
	/**
	 * Truncated BPTT one chunk at a time, for callers that report or yield between chunks (a
	 * 60,000-step recording is too long for one call): `step` with `tbptt`, cut open. The cursor
	 * shares the trainer's buffers, so finish or drop it before calling `step` again.
	 */
	chunks(inputs: InputsLike, loss: LossSpec | PreparedLoss): ChunkCursor;
	/**
	 * Truncated BPTT over several sequences side by side (streams, as language models batch a long
	 * text): each update takes the next chunk of every unfinished stream, each from its own carried
	 * state, and steps along the mean of their gradients. Long recordings cut into streams then
	 * give updates that mix activities instead of one activity for hundreds of updates in a row.
	 */
	streams(items: readonly { inputs: InputsLike; loss: LossSpec | PreparedLoss }[]): ChunkCursor;
	/** One update from the mean gradient of several sequences (full BPTT on each). */
	stepBatch(batch: readonly { inputs: InputsLike; loss: LossSpec | PreparedLoss }[]): UpdateRecord;
}

export interface ChunkCursor {
	/** Steps of the sequence. */
	readonly steps: number;
	/** First step of the next chunk (= steps when done). */
	readonly position: number;
	readonly done: boolean;
	/**
	 * Trains the next chunk of `tbptt` steps from the state the previous chunk ended in (no
	 * gradient past its start) and carries its end state on. Returns the update, or null when the
	 * chunk had no target (the state still moves on) or the sequence is done.
	 */
	next(): UpdateRecord | null;
	/** The state the next chunk starts from, per layer (copies; for `streams`, the first layer's per stream). */
	state(): { h: Float64Array; c: Float64Array | null }[];
}

export function createTrainer(network: Network, options: TrainOptions): Trainer {
	checkNetworkFinite(network);
	const optimizer = createOptimizer(options.optimizer, network.params.length);
	const clipNorm = options.clipNorm;
	if (clipNorm !== undefined && !(typeof clipNorm === 'number' && clipNorm > 0 && Number.isFinite(clipNorm))) {
		throw new EngineError('invalid-argument', `clipNorm must be a positive number, but it is ${String(clipNorm)}.`);
	}
	const tbptt = options.tbptt === undefined ? 0 : requireInteger('The truncated BPTT length', options.tbptt, 1, LIMITS.maxSteps);
	const grads = new Float64Array(network.params.length);
	const params = network.params;
	const pass: Pass = createPass(network, tbptt || 1);

	function update(loss: number): UpdateRecord {
		let sum = 0;
		for (let i = 0; i < grads.length; i++) sum += grads[i] * grads[i];
		const gradNorm = Math.sqrt(sum);
		if (gradNorm - gradNorm !== 0) {
			let i = 0;
			while (grads[i] - grads[i] === 0) i++;
			throw new EngineError(
				'not-finite',
				`The gradient of ${describeOffset(network, i)} is ${grads[i]}: training diverged. Lower the learning rate or clip gradients, then reset.`,
				{ gradNorm }
			);
		}
		let clipScale = 1;
		if (clipNorm !== undefined) {
			// torch.nn.utils.clip_grad_norm_: scale by c / (norm + 1e-6) when that is below 1
			const factor = clipNorm / (gradNorm + 1e-6);
			if (factor < 1) {
				clipScale = factor;
				for (let i = 0; i < grads.length; i++) grads[i] *= factor;
			}
		}
		optimizer.step(params, grads);
		return { loss, gradNorm, clipScale };
	}

	function runChunk(sequence: Sequence, loss: PreparedLoss, start: number, steps: number, updates: UpdateRecord[]): number {
		forwardPass(pass, sequence, start, steps);
		if (loss.count === 0) return 0;
		const value = lossPass(pass, loss);
		grads.fill(0);
		backwardPass(pass, sequence, start, grads);
		updates.push(update(value));
		return value;
	}

	return {
		network,
		optimizer,
		step(inputs, lossSpec) {
			const sequence = toSequence(inputs, network.inputSize);
			const loss = prepareLoss(lossSpec, sequence.steps, network.outputSize);
			const T = sequence.steps;
			const updates: UpdateRecord[] = [];
			resetState(pass);
			if (!tbptt || tbptt >= T) return { loss: runChunk(sequence, loss, 0, T, updates), updates };
			let total = 0;
			for (let start = 0; start < T; start += tbptt) {
				const steps = Math.min(tbptt, T - start);
				const part = sliceLoss(loss, start, steps);
				const value = runChunk(sequence, part, start, steps, updates);
				total += loss.reduction === 'mean' ? value * part.count : value;
				carryState(pass);
			}
			return { loss: loss.reduction === 'mean' ? total / loss.count : total, updates };
		},
		chunks(inputs, lossSpec) {
			if (!tbptt) throw new EngineError('invalid-argument', 'Chunked training needs a truncated-BPTT length (tbptt).');
			const sequence = toSequence(inputs, network.inputSize);
			const loss = prepareLoss(lossSpec, sequence.steps, network.outputSize);
			const T = sequence.steps;
			let position = 0;
			resetState(pass);
			return {
				steps: T,
				get position() {
					return position;
				},
				get done() {
					return position >= T;
				},
				next() {
					if (position >= T) return null;
					const steps = Math.min(tbptt, T - position);
					const updates: UpdateRecord[] = [];
					runChunk(sequence, sliceLoss(loss, position, steps), position, steps, updates);
					carryState(pass);
					position += steps;
					return updates[0] ?? null;
				},
				state: () =>
					network.layers.map((layer, k) => ({
						h: pass.layers[k].h.slice(0, layer.hiddenSize),
						c: pass.layers[k].c ? (pass.layers[k].c as Float64Array).slice(0, layer.hiddenSize) : null
					}))
			};
		},
		streams(items) {
			if (!tbptt) throw new EngineError('invalid-argument', 'Training in streams needs a truncated-BPTT length (tbptt).');
			if (!Array.isArray(items) || items.length === 0) throw new EngineError('invalid-argument', 'Training in streams needs at least one sequence.');
			const streams = items.map((item) => {
				const sequence = toSequence(item.inputs, network.inputSize);
				const stream = { sequence, loss: prepareLoss(item.loss, sequence.steps, network.outputSize), pass: createPass(network, tbptt), position: 0 };
				resetState(stream.pass);
				return stream;
			});
			const total = streams.reduce((sum, s) => sum + s.sequence.steps, 0);
			let position = 0;
			return {
				steps: total,
				get position() {
					return position;
				},
				get done() {
					return position >= total;
				},
				next() {
					grads.fill(0);
					let losses = 0;
					let counted = 0;
					for (const stream of streams) {
						const T = stream.sequence.steps;
						if (stream.position >= T) continue;
						const steps = Math.min(tbptt, T - stream.position);
						forwardPass(stream.pass, stream.sequence, stream.position, steps);
						const part = sliceLoss(stream.loss, stream.position, steps);
						if (part.count > 0) {
							losses += lossPass(stream.pass, part);
							backwardPass(stream.pass, stream.sequence, stream.position, grads);
							counted++;
						}
						carryState(stream.pass);
						stream.position += steps;
						position += steps;
					}
					if (counted === 0) return null;
					for (let i = 0; i < grads.length; i++) grads[i] /= counted;
					return update(losses / counted);
				},
				state: () =>
					streams.map((stream) => ({
						h: stream.pass.layers[0].h.slice(0, network.layers[0].hiddenSize),
						c: stream.pass.layers[0].c ? (stream.pass.layers[0].c as Float64Array).slice(0, network.layers[0].hiddenSize) : null
					}))
			};
		},
		stepBatch(batch) {
			if (!Array.isArray(batch) || batch.length === 0) {
				throw new EngineError('invalid-argument', 'A batch needs at least one sequence.');
			}
			grads.fill(0);
			let total = 0;
			for (const item of batch) {
				const sequence = toSequence(item.inputs, network.inputSize);
				const loss = prepareLoss(item.loss, sequence.steps, network.outputSize);
				resetState(pass);
				forwardPass(pass, sequence, 0, sequence.steps);
				total += lossPass(pass, loss);
				backwardPass(pass, sequence, 0, grads);
			}
			// The batch loss is the mean over sequences, so its gradient is the mean gradient.
			const inv = 1 / batch.length;
			for (let i = 0; i < grads.length; i++) grads[i] *= inv;
			return update(total * inv);
		}
	};
}

/** Runs `epochs` training steps on one sequence and returns every update, as the reference cases record them. */
export function trainEpochs(trainer: Trainer, inputs: InputsLike, loss: LossSpec | PreparedLoss, epochs: number): UpdateRecord[] {
	requireInteger('epochs', epochs, 1, 1_000_000);
	const sequence = toSequence(inputs, trainer.network.inputSize);
	const prepared = prepareLoss(loss, sequence.steps, trainer.network.outputSize);
	const updates: UpdateRecord[] = [];
	for (let e = 0; e < epochs; e++) updates.push(...trainer.step(sequence, prepared).updates);
	return updates;
}

/**
 * Lesson 13's run: the lecture's per-step activity recognition on whole recordings. A training
 * step is one update of truncated BPTT over the training recordings cut into streams trained side
 * by side (`trainer.streams`), each stream carrying its own state from chunk to chunk; an epoch
 * is one pass over every stream. The evaluation runs the held-out person's whole recording
 * through the network in chunks (state carried, as in training) and judges every step. The
 * held-out person is the seventh unless `perStep.heldOut` names another (leave-one-person-out).
 */
import { EngineError, createChunkPredictor, createRandom, createTrainer, denseSequence, type ChunkCursor, type LossSpec, type Network, type Sequence } from '$lib/engine';
import { ACTIVITIES, type ActivityData, type ActivityRecording } from '$lib/engine/data/activity';
import { lectureData, networkInputs, toRecording } from '$lib/activity/lecture';
import { createJudge } from '$lib/activity/judge';
import type { Evaluation, PerStepConfig, TrainConfig } from '$lib/worker/protocol';
import { TrainingError, show } from './config';
export { PER_STEP_LIMITS, perStepProblems } from './per-step-config';
import type { EvaluationJob } from './evaluation';
import { networkForConfig, seededNetwork } from './network';
import { divergedMessage, optimizerSpec, type History, type ResumeFrom, type Session } from './session';
import { bestKeeper, personSplit, scheduledRate, validationSplit, type Labelled } from './activity-plan';

/** Steps the evaluation runs per engine call (its slices yield between them). */
const EVAL_CHUNK = 500;

interface Stream {
	inputs: Sequence;
	loss: LossSpec;
}

const DEG = Math.PI / 180;

/**
 * `xyz` turned by a rotation of the phone's frame: about its long axis y by up to ±`yaw`°, then
 * about x and z by up to ±`tilt`°, drawn from `random`. The held-out person's phone sits in the
 * pocket turned in a way no training person's did; training on turned copies teaches the network
 * that the turn does not decide the activity.
 */
export function rotated(xyz: Float64Array, random: { range(lo: number, hi: number): number }, yaw: number, tilt: number): Float64Array {
	const [a, b, c] = [random.range(-yaw, yaw) * DEG, random.range(-tilt, tilt) * DEG, random.range(-tilt, tilt) * DEG];
	const [ca, sa, cb, sb, cc, sc] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
	// Rz(c) · Rx(b) · Ry(a), row-major
	const m = [cc * ca - sc * sb * sa, -sc * cb, cc * sa + sc * sb * ca, sc * ca + cc * sb * sa, cc * cb, sc * sa - cc * sb * ca, -cb * sa, sb, cb * ca];
	const out = new Float64Array(xyz.length);
	for (let i = 0; i < xyz.length; i += 3) {
		const [x, y, z] = [xyz[i], xyz[i + 1], xyz[i + 2]];
		out[i] = m[0] * x + m[1] * y + m[2] * z;
		out[i + 1] = m[3] * x + m[4] * y + m[5] * z;
		out[i + 2] = m[6] * x + m[7] * y + m[8] * z;
	}
	return out;
}

/** How training streams are turned each epoch (degrees), or none. */
export interface Augment {
	yaw: number;
	tilt: number;
}

/** Where one of `recordings` recordings of `n` steps is cut when `count` streams are shared among them. */
export function streamBounds(n: number, count: number, recordings: number): [start: number, end: number][] {
	const length = Math.ceil(n / Math.max(1, Math.round(count / recordings)));
	const bounds: [number, number][] = [];
	for (let start = 0; start < n; start += length) bounds.push([start, Math.min(n, start + length)]);
	return bounds;
}

/**
 * Cuts each recording into about `count / recordings.length` contiguous streams; with `augment`, each stream's
 * sensor frame is turned by its own random rotation, drawn from (seed, epoch, stream).
 */
function streamsOf(recordings: Labelled[], count: number, augment?: Augment & { seed: string }): Stream[] {
	const out: Stream[] = [];
	for (const r of recordings) {
		const inputs = augment ? r.xyz : networkInputs(r.xyz);
		for (const [start, end] of streamBounds(r.labels.length, count, recordings.length)) {
			const targets = Array.from(r.labels as ArrayLike<number>).slice(start, end).map((l) => (l >= 0 ? l : null));
			if (targets.every((t) => t === null)) continue;
			const xyz = augment ? networkInputs(rotated(inputs.subarray(3 * start, 3 * end), createRandom(`${augment.seed}/${out.length}`), augment.yaw, augment.tilt)) : inputs.subarray(3 * start, 3 * end);
			out.push({ inputs: denseSequence(xyz, 3), loss: { kind: 'softmax-ce', reduction: 'mean', targets } });
		}
	}
	return out;
}

/**
 * All recordings laid end to end and cut into `count` streams of equal length (a stream may run
 * from one person into the next, its state carried across like any change of activity). With
 * streams of unequal length the last updates of an epoch train on the longest person alone and
 * drag the network toward them just before each epoch's validation; equal streams all end together.
 * With `augment`, each piece of a stream from one recording is turned by its own random rotation.
 */
export function evenStreamsOf(recordings: Labelled[], count: number, augment?: Augment & { seed: string }): Stream[] {
	const total = recordings.reduce((sum, r) => sum + r.labels.length, 0);
	const length = Math.ceil(total / Math.max(1, Math.min(count, total)));
	const out: Stream[] = [];
	let recording = 0;
	let offset = 0;
	for (let start = 0; start < total; start += length) {
		const steps = Math.min(length, total - start);
		const xyz = new Float64Array(3 * steps);
		const targets: (number | null)[] = [];
		for (let filled = 0, piece = 0; filled < steps; piece++) {
			const r = recordings[recording];
			const take = Math.min(steps - filled, r.labels.length - offset);
			const raw = r.xyz.subarray(3 * offset, 3 * (offset + take));
			xyz.set(networkInputs(augment ? rotated(raw, createRandom(`${augment.seed}/${out.length}/${piece}`), augment.yaw, augment.tilt) : raw), 3 * filled);
			for (let t = offset; t < offset + take; t++) targets.push(r.labels[t] >= 0 ? r.labels[t] : null);
			filled += take;
			offset += take;
			if (offset >= r.labels.length) [recording, offset] = [recording + 1, 0];
		}
		if (targets.some((t) => t !== null)) out.push({ inputs: denseSequence(xyz, 3), loss: { kind: 'softmax-ce', reduction: 'mean', targets } });
	}
	return out;
}

function heldOutJob(network: Network, test: ActivityRecording, inputs: Sequence, step: number, selection?: Evaluation['selection']): EvaluationJob {
	const predictor = createChunkPredictor(network, EVAL_CHUNK);
	const judge = createJudge(test.labels, test.transition);
	const predicted = new Int8Array(EVAL_CHUNK);
	const O = ACTIVITIES.length;
	let position = 0;
	return {
		advance(shouldYield) {
			while (position < inputs.steps) {
				const steps = Math.min(EVAL_CHUNK, inputs.steps - position);
				const Y = predictor.run(inputs, position, steps);
				for (let i = 0; i < steps; i++) {
					let best = 0;
					for (let k = 1; k < O; k++) if (Y[i * O + k] > Y[i * O + best]) best = k;
					predicted[i] = best;
				}
				judge.add(position, predicted.subarray(0, steps));
				position += steps;
				if (shouldYield() && position < inputs.steps) return null;
			}
			const result = judge.result();
			const evaluation: Evaluation = {
				step,
				steps: { person: test.person.name, steps: test.labels.length, classNames: [...ACTIVITIES], ...result },
				...(selection ? { selection } : {})
			};
			return evaluation;
		}
	};
}

/** Per-step accuracy of the network on validation slices, one engine call of up to EVAL_CHUNK steps per `advance`. */
function validationJob(network: Network, slices: { inputs: Sequence; labels: ArrayLike<number> }[]) {
	const predictor = createChunkPredictor(network, EVAL_CHUNK);
	const O = ACTIVITIES.length;
	let index = 0;
	let position = 0;
	let correct = 0;
	let judged = 0;
	return {
		/** Does one piece; the accuracy once every slice is done, else null. */
		advance(): number | null {
			const slice = slices[index];
			if (slice) {
				if (position === 0) predictor.reset();
				const steps = Math.min(EVAL_CHUNK, slice.inputs.steps - position);
				const Y = predictor.run(slice.inputs, position, steps);
				for (let i = 0; i < steps; i++) {
					const label = slice.labels[position + i];
					if (label < 0) continue;
					let best = 0;
					for (let k = 1; k < O; k++) if (Y[i * O + k] > Y[i * O + best]) best = k;
					judged++;
					if (best === label) correct++;
				}
				position += steps;
				if (position >= slice.inputs.steps) [index, position] = [index + 1, 0];
			}
			return index >= slices.length ? (judged ? correct / judged : 0) : null;
		}
	};
}

// The data take seconds to generate and never change: a worker running several sessions in a row
// (leave-one-person-out) makes them once.
let cached: ActivityData | null = null;
const siteData = () => (cached ??= lectureData());

export type PerStepSession = Session & { readonly updatesPerEpoch: number; readonly selection: Evaluation['selection'] };

export function createPerStepSession(config: TrainConfig & { perStep: PerStepConfig }, resume: ResumeFrom = {}): PerStepSession {
	if (config.cell !== 'lstm') throw new TrainingError(`The per-step activity trainer trains an LSTM, not ${show(config.cell)}.`);
	if (config.tbptt < 1) throw new TrainingError('The per-step activity trainer needs a chunk length (tbptt) of at least 1 step.');
	const { perStep } = config;
	const data = siteData();
	const heldOut = perStep.heldOut ?? data.recordings.length - 1;
	const others = data.recordings.filter((_, i) => i !== heldOut);
	const people = others.slice(0, perStep.people).map((r) => ({ xyz: toRecording(r).xyz, labels: r.labels as ArrayLike<number> }));
	// Validation comes from the training people only (their last minutes), never from the held-out person.
	const split = perStep.validationPerson !== undefined ? personSplit(people, perStep.validationPerson) : validationSplit(people, perStep.validation ?? 0);
	const training = split.train;
	for (const extra of perStep.extra ?? []) training.push({ xyz: Float64Array.from(extra.xyz), labels: extra.labels });
	const augment = perStep.augment;
	// Validation slices are turned once, each by its own fixed angle, so they ask what the held-out person asks: an unseen wearing angle.
	const validation = split.validation.map((r, i) => ({
		inputs: denseSequence(networkInputs(augment ? rotated(r.xyz, createRandom(`validation/${i}`), augment.yaw, augment.tilt) : r.xyz), 3),
		labels: r.labels
	}));
	const cut = perStep.even ? evenStreamsOf : streamsOf;
	const streamsFor = (epoch: number) => cut(training, perStep.streams, augment ? { ...augment, seed: `${config.seed}/augment/${epoch}` } : undefined);
	let streams = streamsFor(resume.epoch !== undefined ? Math.floor(resume.epoch) : 0);
	const test = data.recordings[heldOut];
	const testInputs = denseSequence(networkInputs(toRecording(test).xyz), 3);
	const network = resume.network !== undefined ? networkForConfig(resume.network, config) : seededNetwork(config);
	const trainer = createTrainer(network, {
		optimizer: optimizerSpec(config),
		clipNorm: config.clip > 0 ? config.clip : undefined,
		tbptt: config.tbptt
	});
	const trainSteps = streams.reduce((sum, s) => sum + s.inputs.steps, 0);
	const history: History = resume.history
		? { step: [...resume.history.step], loss: [...resume.history.loss], gradNorm: [...resume.history.gradNorm] }
		: { step: [], loss: [], gradNorm: [] };
	let step = history.step.length ? history.step[history.step.length - 1] : 0;
	let epochs = resume.epoch !== undefined ? Math.floor(resume.epoch) : 0;
	let cursor: ChunkCursor = trainer.streams(streams);
	let lr = config.lr;
	const updatesPerEpoch = Math.ceil(Math.max(...streams.map((s) => s.inputs.steps)) / config.tbptt);
	// A restored run starts its choice afresh (earlier epochs' weights were not saved).
	const keeper = bestKeeper();
	let validating: { job: ReturnType<typeof validationJob>; epoch: number; step: number } | null = null;
	let restored = false;
	const validateNow = () => {
		if (validation.length) validating = { job: validationJob(network, validation), epoch: epochs + cursor.position / cursor.steps, step };
	};
	const done = () => step >= config.steps && validating === null;
	const selection = (): Evaluation['selection'] =>
		validation.length ? { validationSteps: validation.reduce((sum, v) => sum + v.inputs.steps, 0), scores: keeper.scores.map((s) => ({ ...s })), kept: restored && keeper.best ? { ...keeper.best } : null } : undefined;

	return {
		config,
		network,
		info: {
			title: 'Activity recognition, one label per step',
			summary: `${perStep.people} ${perStep.people === 1 ? 'person' : 'people'}' recordings (${trainSteps.toLocaleString('en')} steps) in ${streams.length} streams, chunks of ${config.tbptt} steps; tested on ${test.person.name}, held out.`,
			inputSize: 3,
			outputSize: ACTIVITIES.length,
			trainCount: streams.length,
			testCount: 1,
			sequenceLength: trainSteps,
			parameters: network.params.length,
			...(validation.length ? { validationCount: validation.length, validationNote: perStep.validationPerson !== undefined ? `${others[perStep.validationPerson].person.name}'s whole recording, not trained on` : `the last ${Math.round(100 * (perStep.validation ?? 0))} % of each training person's recording` } : {})
		},
		get step() {
			return step;
		},
		get epoch() {
			return epochs + cursor.position / cursor.steps;
		},
		get finished() {
			return done();
		},
		history,
		// Selection is by validation accuracy (in the evaluation's `selection`), not by a loss curve.
		validation: { step: [], loss: [] },
		earlyStop: null,
		get weightsStep() {
			return restored && keeper.best ? keeper.best.step : step;
		},
		runSteps(n) {
			const points = [];
			for (let i = 0; i < n && !done(); i++) {
				if (validating) {
					const accuracy = validating.job.advance();
					if (accuracy === null) continue;
					keeper.observe({ epoch: validating.epoch, step: validating.step, accuracy }, network.params);
					validating = null;
					if (step >= config.steps) restored = keeper.restore(network.params);
					continue;
				}
				if (cursor.done) {
					epochs++;
					if (augment) streams = streamsFor(epochs);
					cursor = trainer.streams(streams);
				}
				if (perStep.schedule) trainer.optimizer.setLearningRate(scheduledRate(lr, step + 1, config.steps, perStep.schedule));
				let update;
				try {
					update = cursor.next();
				} catch (error) {
					if (error instanceof EngineError && error.code === 'not-finite') throw new TrainingError(divergedMessage(step + 1));
					throw error;
				}
				if (!update) continue;
				if (!Number.isFinite(update.loss)) throw new TrainingError(divergedMessage(step + 1));
				step++;
				history.step.push(step);
				history.loss.push(update.loss);
				history.gradNorm.push(update.gradNorm);
				points.push({ step, loss: update.loss, gradNorm: update.gradNorm });
				if (cursor.done || step >= config.steps) validateNow();
			}
			return points;
		},
		get lr() {
			return lr;
		},
		setLearningRate(value) {
			if (!(typeof value === 'number' && value > 0 && value <= 10)) throw new TrainingError(`The learning rate must be a number above 0 and at most 10, but it is ${show(value)}.`);
			trainer.optimizer.setLearningRate(value);
			lr = value;
		},
		evaluation: () => heldOutJob(network, test, testInputs, restored && keeper.best ? keeper.best.step : step, selection()),
		forecastAhead: () => null,
		samples: () => null,
		/** Updates in one epoch (the longest stream's chunks). */
		updatesPerEpoch,
		get selection() {
			return selection();
		}
	} as PerStepSession;
}

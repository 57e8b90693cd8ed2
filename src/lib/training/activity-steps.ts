/**
 * Lesson 13's run: the lecture's per-step activity recognition on whole recordings. A training
 * step is one update of truncated BPTT over the training recordings cut into streams trained side
 * by side (`trainer.streams`), each stream carrying its own state from chunk to chunk; an epoch
 * is one pass over every stream. The evaluation runs the held-out person's whole recording
 * through the network in chunks (state carried, as in training) and judges every step. The
 * held-out person is the seventh unless `perStep.heldOut` names another (leave-one-person-out).
 */
import { EngineError, createChunkPredictor, createTrainer, denseSequence, type ChunkCursor, type LossSpec, type Network, type Sequence } from '$lib/engine';
import { ACTIVITIES, type ActivityData, type ActivityRecording } from '$lib/engine/data/activity';
import { lectureData, networkInputs, toRecording } from '$lib/activity/lecture';
import { createJudge } from '$lib/activity/judge';
import type { Evaluation, PerStepConfig, TrainConfig } from '$lib/worker/protocol';
import { TrainingError, show } from './config';
export { PER_STEP_LIMITS, perStepProblems } from './per-step-config';
import type { EvaluationJob } from './evaluation';
import { networkForConfig, seededNetwork } from './network';
import { divergedMessage, optimizerSpec, type History, type ResumeFrom, type Session } from './session';

/** Steps the evaluation runs per engine call (its slices yield between them). */
const EVAL_CHUNK = 500;

interface Stream {
	inputs: Sequence;
	loss: LossSpec;
}

/** Cuts each recording into about `perRecording` contiguous streams. */
function streamsOf(recordings: { xyz: Float64Array; labels: ArrayLike<number> }[], count: number): Stream[] {
	const perRecording = Math.max(1, Math.round(count / recordings.length));
	const out: Stream[] = [];
	for (const r of recordings) {
		const n = r.labels.length;
		const inputs = networkInputs(r.xyz);
		const length = Math.ceil(n / perRecording);
		for (let start = 0; start < n; start += length) {
			const end = Math.min(n, start + length);
			const targets = Array.from(r.labels as ArrayLike<number>).slice(start, end).map((l) => (l >= 0 ? l : null));
			if (targets.every((t) => t === null)) continue;
			out.push({ inputs: denseSequence(inputs.subarray(3 * start, 3 * end), 3), loss: { kind: 'softmax-ce', reduction: 'mean', targets } });
		}
	}
	return out;
}

function heldOutJob(network: Network, test: ActivityRecording, inputs: Sequence, step: number): EvaluationJob {
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
				steps: { person: test.person.name, steps: test.labels.length, classNames: [...ACTIVITIES], ...result }
			};
			return evaluation;
		}
	};
}

// The data take seconds to generate and never change: a worker running several sessions in a row
// (leave-one-person-out) makes them once.
let cached: ActivityData | null = null;
const siteData = () => (cached ??= lectureData());

export function createPerStepSession(config: TrainConfig & { perStep: PerStepConfig }, resume: ResumeFrom = {}): Session {
	if (config.cell !== 'lstm') throw new TrainingError(`The per-step activity trainer trains an LSTM, not ${show(config.cell)}.`);
	if (config.tbptt < 1) throw new TrainingError('The per-step activity trainer needs a chunk length (tbptt) of at least 1 step.');
	const data = siteData();
	const heldOut = config.perStep.heldOut ?? data.recordings.length - 1;
	const others = data.recordings.filter((_, i) => i !== heldOut);
	const training = others.slice(0, config.perStep.people).map((r) => ({ xyz: toRecording(r).xyz, labels: r.labels as ArrayLike<number> }));
	for (const extra of config.perStep.extra ?? []) training.push({ xyz: Float64Array.from(extra.xyz), labels: extra.labels });
	const streams = streamsOf(training, config.perStep.streams);
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

	return {
		config,
		network,
		info: {
			title: 'Activity recognition, one label per step',
			summary: `${config.perStep.people} ${config.perStep.people === 1 ? 'person' : 'people'}' recordings (${trainSteps.toLocaleString('en')} steps) in ${streams.length} streams, chunks of ${config.tbptt} steps; tested on ${test.person.name}, held out.`,
			inputSize: 3,
			outputSize: ACTIVITIES.length,
			trainCount: streams.length,
			testCount: 1,
			sequenceLength: trainSteps,
			parameters: network.params.length
		},
		get step() {
			return step;
		},
		get epoch() {
			return epochs + cursor.position / cursor.steps;
		},
		get finished() {
			return step >= config.steps;
		},
		history,
		// No validation split or early stopping here: the held-out person is judged instead.
		validation: { step: [], loss: [] },
		earlyStop: null,
		get weightsStep() {
			return step;
		},
		runSteps(n) {
			const points = [];
			for (let i = 0; i < n && step < config.steps; i++) {
				if (cursor.done) {
					epochs++;
					cursor = trainer.streams(streams);
				}
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
		evaluation: () => heldOutJob(network, test, testInputs, step),
		forecastAhead: () => null,
		samples: () => null,
		/** Updates in one epoch (the longest stream's chunks). */
		updatesPerEpoch
	} as Session & { updatesPerEpoch: number };
}

/**
 * A training run, free of the DOM, so the very same code runs in Node tests and in the worker: a
 * configuration is checked (`config.ts`), turned into its task's data (`tasks.ts`), a seeded or
 * restored network (`network.ts`) and a trainer (from `$lib/engine`); `runSteps(n)` trains n steps
 * and `evaluation()` tests the weights (`evaluation.ts`).
 *
 * A training step is one `trainer.step` on one training sequence (one update, or one per
 * truncated-BPTT chunk). The sequences are visited in a seeded random order, reshuffled every
 * epoch, so the same configuration and seed give the same losses everywhere.
 */
import { EngineError, createRandom, createTrainer, toJSON, type Network, type OptimizerSpec, type Trainer } from '$lib/engine';
import { DataError, shuffle } from '$lib/engine/data';
import type { Point, RecursiveReport, SampleReport, TaskInfo, TrainConfig } from '$lib/worker/protocol';
import { LAB_LIMITS, TrainingError, checkConfig, show } from './config';
import { createEvaluation, forecastAheadOf, samplesOf, type EvaluationJob } from './evaluation';
import { networkForConfig, seededNetwork } from './network';
import { setupTask, type Item, type TaskSetup } from './tasks';
import { createPerStepSession } from './activity-steps';

function optimizerSpec(config: TrainConfig): OptimizerSpec {
	if (config.optimizer === 'adam') return { kind: 'adam', lr: config.lr };
	if (config.optimizer === 'momentum') return { kind: 'sgd', lr: config.lr, momentum: 0.9 };
	return { kind: 'sgd', lr: config.lr };
}

export interface History {
	step: number[];
	loss: number[];
	gradNorm: number[];
}

export interface ResumeFrom {
	/** Weights in the engine's `toJSON` layout. */
	network?: unknown;
	/** The run's history so far; training continues after its last step. */
	history?: History;
	epoch?: number;
}

export interface Session {
	readonly config: TrainConfig;
	readonly network: Network;
	readonly info: TaskInfo;
	/** Training steps done (including those of a restored history). */
	readonly step: number;
	/** Passes over the training set, as a fraction (2.5 = two and a half). */
	readonly epoch: number;
	/** True once the step budget is used up. */
	readonly finished: boolean;
	readonly history: History;
	/** Trains up to n steps (fewer when the budget runs out); returns each step's numbers. */
	runSteps(n: number): Point[];
	setLearningRate(lr: number): void;
	/** The configured learning rate, as last set. */
	readonly lr: number;
	/** Test-set evaluation (and samples for `char`, a recursive forecast of `horizon` steps for `sine`), runnable in slices. */
	evaluation(temperature?: number, horizon?: number): EvaluationJob;
	/** The recursive forecast alone, beside the given one-step forecasts; null for other tasks or horizon 0. */
	forecastAhead(horizon: number, oneStep: number[]): RecursiveReport | null;
	/** Greedy and temperature samples of the `char` model; null for other tasks. */
	samples(temperature: number): SampleReport | null;
}

export function divergedMessage(step: number): string {
	return `training diverged: loss became NaN at step ${step} — lower the learning rate or turn on clipping`;
}

/** Sets up a run: checks the config, builds the dataset, the seeded network and the trainer. */
export function createSession(rawConfig: unknown, resume: ResumeFrom = {}): Session {
	const config = checkConfig(rawConfig);
	if (config.perStep) return createPerStepSession({ ...config, perStep: config.perStep }, resume);
	let task: TaskSetup;
	try {
		task = setupTask(config);
	} catch (error) {
		if (error instanceof DataError || error instanceof EngineError) throw new TrainingError(error.message);
		throw error;
	}
	const network = resume.network !== undefined ? networkForConfig(resume.network, config) : seededNetwork(config);
	let trainer: Trainer;
	try {
		trainer = createTrainer(network, {
			optimizer: optimizerSpec(config),
			clipNorm: config.clip > 0 ? config.clip : undefined,
			tbptt: config.tbptt > 0 ? config.tbptt : undefined
		});
	} catch (error) {
		throw new TrainingError((error as Error).message);
	}
	const info: TaskInfo = { ...task.info, inputSize: task.inputSize, outputSize: task.outputSize, parameters: network.params.length };
	const history: History = resume.history
		? { step: [...resume.history.step], loss: [...resume.history.loss], gradNorm: [...resume.history.gradNorm] }
		: { step: [], loss: [], gradNorm: [] };
	let step = history.step.length ? history.step[history.step.length - 1] : 0;
	const trainCount = task.train.length;
	const startEpoch = resume.epoch ?? step / trainCount;
	let stepsThisSession = 0;

	const random = createRandom(`${config.seed}/order`);
	const order = Array.from({ length: trainCount }, (_, i) => i);
	let position = trainCount;
	let lr = config.lr;

	function next(): Item {
		if (position >= trainCount) {
			shuffle(order, random);
			position = 0;
		}
		return task.train[order[position++]];
	}

	function runSteps(n: number): Point[] {
		const points: Point[] = [];
		for (let i = 0; i < n && step < config.steps; i++) {
			const item = next();
			const at = step + 1;
			let loss: number;
			let gradNorm = 0;
			try {
				const result = trainer.step(item.inputs, item.loss);
				loss = result.loss;
				for (const update of result.updates) gradNorm += update.gradNorm;
				gradNorm /= Math.max(1, result.updates.length);
			} catch (error) {
				if (error instanceof EngineError && error.code === 'not-finite') throw new TrainingError(divergedMessage(at));
				throw error;
			}
			if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) throw new TrainingError(divergedMessage(at));
			step = at;
			stepsThisSession++;
			history.step.push(step);
			history.loss.push(loss);
			history.gradNorm.push(gradNorm);
			points.push({ step, loss, gradNorm });
		}
		return points;
	}

	const samples = (temperature: number) => samplesOf(network, task, config, step, temperature);
	const forecastAhead = (horizon: number, oneStep: number[]) => forecastAheadOf(network, task, horizon, oneStep);
	const evaluation = (temperature = 1, horizon = 0) => createEvaluation(network, task, config, step, temperature, horizon);

	return {
		config,
		network,
		info,
		get step() {
			return step;
		},
		get epoch() {
			return startEpoch + stepsThisSession / trainCount;
		},
		get finished() {
			return step >= config.steps;
		},
		history,
		runSteps,
		get lr() {
			return lr;
		},
		setLearningRate(value) {
			if (typeof value !== 'number' || !(value >= LAB_LIMITS.lr.min && value <= LAB_LIMITS.lr.max)) {
				throw new TrainingError(`The learning rate must be a number from ${LAB_LIMITS.lr.min} to ${LAB_LIMITS.lr.max}, but it is ${show(value)}.`);
			}
			trainer.optimizer.setLearningRate(value);
			lr = value;
		},
		evaluation,
		forecastAhead,
		samples
	};
}

/** The session's weights in the engine's JSON layout (for saving and exporting). */
export function weightsOf(session: Session): ReturnType<typeof toJSON> {
	return toJSON(session.network);
}

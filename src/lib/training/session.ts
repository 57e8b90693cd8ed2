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
import { EngineError, createRandom, createTrainer, lossOf, toJSON, type Network, type OptimizerSpec, type Trainer } from '$lib/engine';
import { DataError, shuffle } from '$lib/engine/data';
import type { EarlyStop, Point, RecursiveReport, SampleReport, TaskInfo, TrainConfig, ValidationHistory } from '$lib/worker/protocol';
import { LAB_LIMITS, TrainingError, checkConfig, show } from './config';
import { createEvaluation, forecastAheadOf, samplesOf, type EvaluationJob } from './evaluation';
import { networkForConfig, seededNetwork } from './network';
import { setupTask, type Item, type TaskSetup } from './tasks';
import { earlyStopping, splitValidation, validationEvery } from './validation';
import { createPerStepSession } from './activity-steps';

export function optimizerSpec(config: TrainConfig): OptimizerSpec {
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
	/** The validation losses of that history. */
	validation?: ValidationHistory;
	/** Set when the run had already stopped early (it stays finished). */
	earlyStop?: EarlyStop;
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
	/** True once the step budget is used up or early stopping ended the run. */
	readonly finished: boolean;
	readonly history: History;
	/** Validation losses so far (empty without a validation set). */
	readonly validation: ValidationHistory;
	/** Where early stopping ended the run (its best weights are then the network's), or null. */
	readonly earlyStop: EarlyStop | null;
	/** The step whose weights the network holds: the best step after early stopping, else `step`. */
	readonly weightsStep: number;
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
	let held: Item[];
	try {
		task = setupTask(config);
		const split = splitValidation(task.train, config.valFraction ?? 0, task.overlap);
		task = { ...task, train: split.train };
		held = split.validation;
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
	const every = validationEvery(held.length, config.steps);
	const info: TaskInfo = {
		...task.info,
		trainCount: task.train.length,
		inputSize: task.inputSize,
		outputSize: task.outputSize,
		parameters: network.params.length,
		...(held.length ? { validationCount: held.length, validationNote: task.validationSource, validationEvery: every } : {})
	};
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

	// Validation: the mean loss over the held-out sequences, with the weights of the lowest kept
	// so that early stopping can put them back.
	const validation: ValidationHistory = resume.validation
		? { step: [...resume.validation.step], loss: [...resume.validation.loss] }
		: { step: [], loss: [] };
	const stopper = earlyStopping(config.patience ?? 0);
	let bestParams: Float64Array | null = null;
	let earlyStop: EarlyStop | null = resume.earlyStop ? { ...resume.earlyStop } : null;

	function validationLoss(): number {
		let sum = 0;
		for (const item of held) sum += lossOf(network, item.inputs, item.loss);
		return sum / held.length;
	}

	function validate(at: number) {
		const loss = validationLoss();
		validation.step.push(at);
		validation.loss.push(loss);
		const verdict = stopper.observe(at, loss);
		if (verdict === 'best') bestParams = network.params.slice();
		else if (verdict === 'stop' && bestParams && stopper.best) {
			network.params.set(bestParams);
			earlyStop = { step: at, bestStep: stopper.best.step, bestLoss: stopper.best.loss };
		}
	}

	// A restored run's patience starts afresh from its current weights (the earlier best weights
	// were not saved); a new run measures its untrained weights, at step 0.
	if (held.length && !earlyStop) {
		const last = validation.step.length - 1;
		if (last >= 0 && validation.step[last] === step) {
			stopper.observe(step, validation.loss[last]);
			bestParams = network.params.slice();
		} else validate(step);
	}

	function next(): Item {
		if (position >= trainCount) {
			shuffle(order, random);
			position = 0;
		}
		return task.train[order[position++]];
	}

	function runSteps(n: number): Point[] {
		const points: Point[] = [];
		for (let i = 0; i < n && step < config.steps && !earlyStop; i++) {
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
			if (held.length && (step % every === 0 || step === config.steps)) validate(step);
		}
		return points;
	}

	const weightsStep = () => earlyStop?.bestStep ?? step;
	const samples = (temperature: number) => samplesOf(network, task, config, weightsStep(), temperature);
	const forecastAhead = (horizon: number, oneStep: number[]) => forecastAheadOf(network, task, horizon, oneStep);
	const evaluation = (temperature = 1, horizon = 0) => createEvaluation(network, task, config, weightsStep(), temperature, horizon);

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
			return step >= config.steps || earlyStop !== null;
		},
		history,
		validation,
		get earlyStop() {
			return earlyStop;
		},
		get weightsStep() {
			return weightsStep();
		},
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

/**
 * The messages between the training lab (main thread) and its training worker. Only plain data
 * crosses (numbers, arrays, strings): structured clone copies it, nothing is shared.
 *
 * Every message from the worker carries the `run` id of the `start` it belongs to, so the page
 * can ignore the tail of a run it has already replaced.
 */

import type { LayerGradientReport } from '$lib/engine/layer-gradients';
import type { SampleStep } from '$lib/engine';

export const TASKS = ['char', 'echo', 'sine', 'lag', 'activity'] as const;
export type TaskKind = (typeof TASKS)[number];
export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export type CellChoice = (typeof CELLS)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerChoice = (typeof OPTIMIZERS)[number];

/** Everything that defines a run; the same fields as the lab's URL. */
export interface TrainConfig {
	task: TaskKind;
	/** Training text of the `char` task. */
	text: string;
	cell: CellChoice;
	hidden: number;
	optimizer: OptimizerChoice;
	lr: number;
	/** Clip gradients to this global norm; 0 = no clipping. */
	clip: number;
	/** Truncated-BPTT length in steps; 0 = full BPTT over each sequence. */
	tbptt: number;
	seed: number;
	/** Distractor steps of the `lag` task. */
	lag: number;
	/** Step budget: the run ends after this many training steps. */
	steps: number;
	/**
	 * The `sine` task's series, when not the lab's own noisy sine (the forecaster widget's): the
	 * values themselves, the window length and the training fraction. Absent in lab URLs and in
	 * older saved runs, which keep training exactly as before.
	 */
	series?: SeriesConfig;
	/**
	 * Added to an LSTM's initial forget- and input-gate biases (the long-lag widget's +3 / −3, so
	 * the cell starts out keeping what it holds). Absent or 0 in the lab: PyTorch's initialisation.
	 */
	gateBias?: { forget: number; input: number };
	/** Added to a GRU's initial update-gate bias (the cell race's +3: start by keeping h). Absent: 0. */
	updateBias?: number;
	/** Evaluations also report how far back the gradient reaches (`Evaluation.reach`). */
	reach?: boolean;
	/**
	 * Stacked layers of `cell`, each with `hidden` units (the deep-RNN comparison of lesson 10);
	 * absent or 1 in the lab and in older saved runs: one layer.
	 */
	layers?: number;
	/**
	 * Fraction of the training sequences held out as a validation set (never from the test set;
	 * see `splitValidation`). Absent or 0: no validation, as in older links and saved runs.
	 */
	valFraction?: number;
	/** Early stopping: stop once the validation loss has not improved for this many steps (absent or 0: never). */
	patience?: number;
	/**
	 * Lesson 13's trainer: task `activity` as the lecture sets it, one label per step on whole
	 * recordings (not the lab's windows). Absent in the lab and in older saved runs.
	 */
	perStep?: PerStepConfig;
}

export interface PerStepConfig {
	/** Training people: the first n of the lecture's six (1 in the quick setting). */
	people: number;
	/** Streams the training recordings are cut into, trained side by side. */
	streams: number;
	/** The student's own labelled recordings, added to the training data. */
	extra?: ExtraRecording[];
	/**
	 * The person held out and judged (0–6, in the data's order); the training people are the first
	 * `people` of the other six. Absent: the seventh (6), the lecture's split.
	 */
	heldOut?: number;
	/** Turn each training stream's sensor frame by a random rotation (up to ±yaw° about z, ±tilt° about x and y), drawn anew each epoch. */
	augment?: { yaw: number; tilt: number };
	/** Lay the training recordings end to end and cut them into streams of equal length (else: each recording into its own share). */
	even?: boolean;
	/** Learning rate: linear warm-up over `warmup` of the updates, then a cosine down to `floor` × lr at the last. */
	schedule?: { warmup: number; floor: number };
	/**
	 * The last `validation` (a fraction) of each training person's recording is held back from
	 * training; after every epoch the network's per-step accuracy on it is measured, and the run
	 * ends with the weights of the best epoch.
	 */
	validation?: number;
	/** Instead of `validation` slices: training person `validationPerson` (0 = the first of `people`) is held back whole for validation. */
	validationPerson?: number;
}

/** A recording as the trainer receives it: x, y, z interleaved in g at 50 Hz, and a label per step (−1 = none). */
export interface ExtraRecording {
	name: string;
	xyz: number[];
	labels: number[];
}

/** The held-out person judged step by step (lesson 13's trainer). */
export interface StepReport {
	person: string;
	steps: number;
	classNames: string[];
	/** Steps judged (with a label). */
	count: number;
	accuracy: number;
	confusion: number[][];
	/** Steps blending from one activity into the next, and all the others. */
	near: { correct: number; count: number; accuracy: number | null };
	elsewhere: { correct: number; count: number; accuracy: number | null };
	/** Equal bins of the recording: the most common true and predicted activity in each. */
	timeline: { binSteps: number; truth: number[]; predicted: number[] };
}

export interface EpochSelection {
	/** Steps in the validation slices (from the training people). */
	validationSteps: number;
	scores: { epoch: number; step: number; accuracy: number }[];
	kept: { epoch: number; step: number; accuracy: number } | null;
}

export interface SeriesConfig {
	/** The series in order: a seeded sine made by the page, or numbers a student pasted. */
	values: number[];
	/** Values per input window. */
	window: number;
	/** The first ⌊n · trainFraction⌋ values train; the rest test. */
	trainFraction: number;
}

/** One training step's numbers: the sequence's loss and the gradient norm (mean over its updates). */
export interface Point {
	step: number;
	loss: number;
	gradNorm: number;
}

export interface Progress {
	step: number;
	epoch: number;
	/** Loss of the latest step. */
	loss: number;
	gradNorm: number;
	/** Training speed over the last second or so (wall time, including yields). */
	stepsPerSec: number;
	/** Every step since the previous progress message, oldest first, as columns (cheap to copy). */
	points: PointBatch;
	/** Validation losses measured since the previous progress message (runs with a validation set). */
	validation?: ValidationHistory;
}

/** Validation loss (mean loss over the validation sequences) at the steps it was measured. */
export interface ValidationHistory {
	step: number[];
	loss: number[];
}

/** Where early stopping ended a run: at `step`, with the weights of `bestStep` restored. */
export interface EarlyStop {
	step: number;
	bestStep: number;
	/** The validation loss at `bestStep`, the lowest measured. */
	bestLoss: number;
}

/** Training steps as columns: `step[i]`, `loss[i]`, `gradNorm[i]` belong together. */
export interface PointBatch {
	step: Float64Array;
	loss: Float64Array;
	gradNorm: Float64Array;
}

export function toBatch(points: readonly Point[]): PointBatch {
	const batch = {
		step: new Float64Array(points.length),
		loss: new Float64Array(points.length),
		gradNorm: new Float64Array(points.length)
	};
	points.forEach((p, i) => {
		batch.step[i] = p.step;
		batch.loss[i] = p.loss;
		batch.gradNorm[i] = p.gradNorm;
	});
	return batch;
}

export function fromBatch(batch: PointBatch): Point[] {
	return Array.from(batch.step, (step, i) => ({ step, loss: batch.loss[i], gradNorm: batch.gradNorm[i] }));
}

export interface ClassReport {
	/** Fraction of test sequences answered right. */
	accuracy: number;
	/** Guessing: 1 / classes. */
	chance: number;
	classNames: string[];
	/** Accuracy per true class (NaN-free: a class with no examples gets null). */
	perClass: (number | null)[];
	/** confusion[true][predicted] = count. */
	confusion: number[][];
	/** Test sequences evaluated. */
	count: number;
}

export interface ForecastReport {
	/** Index in the series of each forecast value. */
	index: number[];
	truth: number[];
	forecast: number[];
	/** The whole series (noisy) and where the test part starts. */
	series: number[];
	splitIndex: number;
	/** Mean squared error of the forecasts, and of predicting the last seen value (a baseline). */
	mse: number;
	naiveMse: number;
	/** Values per input window (absent in reports of older workers). */
	window?: number;
	/** The forecast fed its own predictions, from the start of the test part (when asked for). */
	recursive?: RecursiveReport;
}

/** A multi-step forecast that feeds each prediction back, next to the one-step forecasts. */
export interface RecursiveReport {
	/** Index in the series of each forecast value (the first is the test part's first value). */
	index: number[];
	forecast: number[];
	truth: number[];
	/** One-step forecasts of the same values (each from true past values), for comparison. */
	oneStep: number[];
	/** Squared error of each recursive and each one-step forecast. */
	squaredError: number[];
	oneStepSquaredError: number[];
	/** Mean squared error over the horizon, of each. */
	mse: number;
	oneStepMse: number;
}

export interface SampleReport {
	/** The first character, fed to the model to start each sample. */
	prime: string;
	/** Most likely next character at every step (temperature → 0). */
	greedy: string;
	/** Drawn with `temperature`. */
	sampled: string;
	temperature: number;
}

export interface Evaluation {
	/** The training step whose weights were evaluated. */
	step: number;
	/** Accuracy on held-out test sequences (echo, lag, activity). */
	classes?: ClassReport;
	/** Per-step judgement of the held-out person (lesson 13's trainer). */
	steps?: StepReport;
	/** Lesson 13: validation accuracy after each epoch and, once the run has ended, the epoch whose weights it kept. */
	selection?: EpochSelection;
	forecast?: ForecastReport;
	samples?: SampleReport;
	/**
	 * ‖∂L/∂h_k‖ for k = 0..T (k = 0 is h0), the mean over the first few training sequences, when
	 * the configuration asks for it (`reach`).
	 */
	reach?: number[];
}

/** A short description of the task, for the page (sizes, what is measured). */
export interface TaskInfo {
	title: string;
	summary: string;
	inputSize: number;
	outputSize: number;
	trainCount: number;
	/** Sequences held out from the training set for validation (0: none). */
	validationCount?: number;
	/** Where the validation sequences come from, in words (when there are some). */
	validationNote?: string;
	/** Steps between validation measurements. */
	validationEvery?: number;
	testCount: number;
	sequenceLength: number;
	parameters: number;
}

export type ToWorker =
	| {
			type: 'start';
			run: number;
			config: TrainConfig;
			/** Continue from these weights (engine `toJSON` layout) instead of seeded ones. */
			network?: unknown;
			/** History to carry on from (a restored run); its last step becomes the step counter. */
			history?: { step: number[]; loss: number[]; gradNorm: number[] };
			/** The validation losses of that history. */
			validation?: ValidationHistory;
			/** The restored run had stopped early (it stays finished). */
			earlyStop?: EarlyStop;
			epoch?: number;
			/** Set up and evaluate, but wait for `resume` or `step`. */
			paused?: boolean;
			temperature?: number;
			/** Steps of the recursive forecast the evaluations include (0 or absent: none). */
			horizon?: number;
			/**
			 * Evaluate only when the run ends (or pauses), not now and then while it trains: the
			 * leave-one-person-out folds, whose accuracy nobody watches until each ends.
			 */
			quiet?: boolean;
	  }
	| { type: 'pause' }
	| { type: 'resume' }
	/** One training step, then stay paused. */
	| { type: 'step' }
	| { type: 'stop' }
	| { type: 'set-lr'; lr: number }
	| { type: 'samples'; temperature: number }
	/** Recompute the recursive forecast for this horizon (and use it in later evaluations). */
	| { type: 'forecast'; horizon: number }
	/**
	 * Ask for the run as an `unrolled-run/1` file (weights and history); with `points`, its history
	 * thinned further to that many (a page keeping a compact copy then reads a small text).
	 */
	| { type: 'snapshot'; id: number; name: string; points?: number }
	/**
	 * Name every step of a recording (lesson 13's recorder) with `network` (engine `toJSON`
	 * layout): x, y, z interleaved in g at `rate` per second. Apart from any run; a new request
	 * replaces an unfinished one.
	 */
	| { type: 'classify'; id: number; network: unknown; rate: number; xyz: Float64Array }
	| { type: 'cancel-classify'; id: number }
	/**
	 * Measure the gradient each layer receives on held-out sequences (`$lib/training/layer-gradients`):
	 * of the untrained network `config` starts from, or without `config` of the run's weights now.
	 */
	| { type: 'gradients'; id: number; config?: TrainConfig }
	/**
	 * Generate with the run's weights now (the engine's `sampleTrace`, e.g. the sampler's text): the
	 * page only displays the steps, and no weights need copying to it.
	 */
	| ({ type: 'generate'; id: number } & GenerateOptions);

/** What `generate` asks for: the start (token ids), how many tokens, the temperature and the draws' seed. */
export interface GenerateOptions {
	prime: number[];
	length: number;
	temperature: number;
	seed: number;
}

/** A generation with a run's weights, and the step those weights were taken at. */
export interface Generated {
	steps: SampleStep[];
	step: number;
}

export type FromWorker =
	/** `validation`: the run's whole validation history so far (its first point may be step 0). */
	| { type: 'ready'; run: number; info: TaskInfo; step: number; validation?: ValidationHistory }
	| ({ type: 'progress'; run: number } & Progress)
	| { type: 'evaluation'; run: number; evaluation: Evaluation }
	| { type: 'paused'; run: number; step: number }
	| { type: 'done'; run: number; reason: 'budget' | 'stopped' | 'early'; step: number; earlyStop?: EarlyStop }
	| { type: 'snapshot'; run: number; id: number; text: string }
	/** A classification's answers, or how far it is; `run` is always 0 (it belongs to no run). */
	| { type: 'classified'; run: 0; id: number; predicted: Int8Array }
	| { type: 'classify-progress'; run: 0; id: number; fraction: number }
	| { type: 'classify-error'; run: 0; id: number; message: string }
	/** The answer to `gradients` with the same id: the report, or why there is none. */
	| { type: 'gradients'; run: number; id: number; report: LayerGradientReport }
	| { type: 'gradients'; run: number; id: number; message: string }
	/** The answer to `generate` with the same id: the steps and the weights' step, or why there are none. */
	| ({ type: 'generated'; run: number; id: number } & Generated)
	| { type: 'generated'; run: number; id: number; message: string }
	| { type: 'error'; run: number; message: string };

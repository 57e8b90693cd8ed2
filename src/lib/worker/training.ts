/**
 * The training lab's training loop, free of the DOM, so the very same code runs in Node tests and
 * in the worker: a configuration is checked, turned into a dataset (from `$lib/engine/data`), a
 * seeded network and a trainer (from `$lib/engine`), and `runSteps(n)` trains n steps.
 *
 * A training step is one `trainer.step` on one training sequence (one update, or one per
 * truncated-BPTT chunk). The sequences are visited in a seeded random order, reshuffled every
 * epoch, so the same configuration and seed give the same losses everywhere.
 *
 * Nothing here computes maths itself: losses, gradients, updates, predictions and samples come
 * from the engine; this file only counts the confusion matrix (read by the data module's
 * `classMetrics`) and keeps the history.
 */

import {
	EngineError,
	buildNetwork,
	createRandom,
	createStepper,
	createTrainer,
	denseSequence,
	fromJSON,
	oneHotSequence,
	predict,
	prepareLoss,
	sample,
	toJSON,
	type Network,
	type OptimizerSpec,
	type PreparedLoss,
	type Sequence,
	type Trainer
} from '$lib/engine';
import {
	ACTIVITIES,
	DataError,
	activityWindows,
	charLanguageModel,
	classMetrics,
	echoTask,
	generateActivityData,
	longLagTask,
	shuffle,
	toTrainingItems,
	type ClassDataset,
	type SequenceDataset
} from '$lib/engine/data';
import {
	CELLS,
	OPTIMIZERS,
	TASKS,
	type ClassReport,
	type Evaluation,
	type Point,
	type RecursiveReport,
	type SampleReport,
	type TaskInfo,
	type TrainConfig
} from './protocol';
import { cleanSeries, forecastReport, recursiveReport, seriesProblems, setupForecast, type ForecastTest } from './forecast-task';
import { ALPHABET, CHAR_WINDOW, DEFAULT_CONFIG, LAB_LIMITS, TrainingError, textProblem } from './config';

// The engine-free part lives in config.ts (the page imports it without the engine); re-exported here.
export { ALPHABET, CHAR_WINDOW, DEFAULT_CONFIG, LAB_LIMITS, TrainingError, textProblem };

function show(value: unknown): string {
	if (typeof value === 'string') return `“${value.length > 30 ? `${value.slice(0, 30)}…` : value}”`;
	if (typeof value === 'number') return String(value);
	if (value === undefined) return 'missing';
	try {
		return JSON.stringify(value)?.slice(0, 40) ?? String(value);
	} catch {
		return String(value);
	}
}

/**
 * Checks every field and returns a clean copy, or throws a TrainingError naming every problem.
 * Accepts anything (a message from the page, a file), so nothing unchecked reaches the engine.
 */
export function checkConfig(raw: unknown): TrainConfig {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		throw new TrainingError('The configuration must be an object with task, cell, hidden, optimizer, lr, … .');
	}
	const value = raw as Record<string, unknown>;
	const problems: string[] = [];
	const choice = <T extends string>(name: string, options: readonly T[]): T => {
		const v = value[name];
		if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
		problems.push(`${name} must be one of ${options.join(', ')}, but it is ${show(v)}.`);
		return options[0];
	};
	const number = (name: keyof typeof LAB_LIMITS, whole: boolean, extra = ''): number => {
		const v = value[name];
		const { min, max } = LAB_LIMITS[name] as { min: number; max: number };
		if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!whole || Number.isInteger(v))) return v;
		problems.push(`${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}${extra}, but it is ${show(v)}.`);
		return min;
	};
	const task = choice('task', TASKS);
	const text = typeof value.text === 'string' ? value.text : '';
	if (typeof value.text !== 'string') problems.push(`text must be text, but it is ${show(value.text)}.`);
	else if (task === 'char') {
		const problem = textProblem(text);
		if (problem) problems.push(problem);
	}
	const config: TrainConfig = {
		task,
		text,
		cell: choice('cell', CELLS),
		hidden: number('hidden', true),
		optimizer: choice('optimizer', OPTIMIZERS),
		lr: number('lr', false),
		clip: number('clip', false, ' (0 = off)'),
		tbptt: number('tbptt', true, ' (0 = full BPTT)'),
		seed: number('seed', true),
		lag: number('lag', true),
		steps: number('steps', true)
	};
	// The forecaster's own series (optional: lab URLs and older saved runs have none).
	if (value.series !== undefined) {
		const found = seriesProblems(value.series);
		if (found.length) problems.push(...found);
		else config.series = cleanSeries(value.series as NonNullable<TrainConfig['series']>);
	}
	// The long-lag widget's LSTM gate biases (optional: lab URLs and saved runs have none).
	if (value.gateBias !== undefined) {
		const g = value.gateBias as Record<string, unknown> | null;
		const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LAB_LIMITS.gateBias;
		if (typeof g === 'object' && g !== null && ok(g.forget) && ok(g.input)) config.gateBias = { forget: g.forget as number, input: g.input as number };
		else problems.push(`gateBias must be { forget, input } with numbers from −${LAB_LIMITS.gateBias} to ${LAB_LIMITS.gateBias}, but it is ${show(value.gateBias)}.`);
	}
	if (problems.length) throw new TrainingError(problems.join(' '));
	return config;
}

// ── Tasks ────────────────────────────────────────────────────────────────────────────────────

interface Item {
	inputs: Sequence;
	loss: PreparedLoss;
}

interface ClassTest {
	inputs: Sequence;
	label: number;
}

interface TaskSetup {
	info: Omit<TaskInfo, 'parameters'>;
	train: Item[];
	inputSize: number;
	outputSize: number;
	classTest?: { items: ClassTest[]; classNames: string[]; chance: number };
	forecastTest?: ForecastTest;
	chars?: { tokens: string[]; prime: number; greedyLength: number; sampleLength: number };
}

const ECHO = { train: 500, test: 200 };
const LAG = { train: 300, test: 100, classes: 2, distractors: 4 };
const ACTIVITY = { people: 7, steps: 3000, minSegment: 4, maxSegment: 12, window: 40, stride: 20 };

function items(dataset: SequenceDataset, toInputs: (index: number) => Sequence): Item[] {
	return toTrainingItems(dataset).map((item, i) => {
		const inputs = toInputs(i);
		return { inputs, loss: prepareLoss(item.loss, inputs.steps, dataset.outputSize) };
	});
}

function denseInputs(dataset: SequenceDataset): (index: number) => Sequence {
	return (i) => denseSequence(dataset.samples[i].inputs, dataset.inputSize);
}

/** Many-to-one class test items: the target sits at the last step. */
function classTests(dataset: ClassDataset, toInputs: (index: number) => Sequence): ClassTest[] {
	return dataset.samples.map((s, i) => ({ inputs: toInputs(i), label: s.targets[s.targets.length - 1] as number }));
}

function setupTask(config: TrainConfig): TaskSetup {
	const seed = config.seed;
	switch (config.task) {
		case 'char': {
			const ids = Array.from(config.text).length;
			const length = Math.min(CHAR_WINDOW, ids - 1);
			// Every window of `length` characters (stride 1), visited in random order, so every
			// part of the text is learnt and each step sees its characters at another offset.
			const data = charLanguageModel(config.text, { sequenceLength: length, stride: 1 });
			const size = data.inputSize;
			const train = items(data, (i) => oneHotSequence(data.ids.slice(i, i + length), size));
			return {
				info: {
					title: 'Character language model',
					summary: `Predict the next character of “${config.text.length > 40 ? `${config.text.slice(0, 40)}…` : config.text}” (${size} distinct characters), from windows of ${length}.`,
					inputSize: size,
					outputSize: size,
					trainCount: train.length,
					testCount: 0,
					sequenceLength: length
				},
				train,
				inputSize: size,
				outputSize: size,
				chars: {
					tokens: data.vocab.tokens,
					prime: data.ids[0],
					greedyLength: Math.min(200, ids - 1),
					sampleLength: Math.min(200, Math.max(ids - 1, 60))
				}
			};
		}
		case 'echo': {
			const trainData = echoTask({ count: ECHO.train, seed });
			const testData = echoTask({ count: ECHO.test, seed: `${seed}/test` });
			const size = trainData.inputSize;
			return {
				info: {
					title: 'Echo the second number',
					summary: 'Five digits (0–9) go in one at a time; after the fifth, answer the second.',
					inputSize: size,
					outputSize: trainData.outputSize,
					trainCount: ECHO.train,
					testCount: ECHO.test,
					sequenceLength: 5
				},
				train: items(trainData, (i) => oneHotSequence(trainData.sequences[i], size)),
				inputSize: size,
				outputSize: trainData.outputSize,
				classTest: {
					items: classTests(testData, (i) => oneHotSequence(testData.sequences[i], size)),
					classNames: testData.classNames ?? [],
					chance: testData.chance
				}
			};
		}
		case 'lag': {
			const options = { lag: config.lag, classes: LAG.classes, distractors: LAG.distractors };
			const trainData = longLagTask({ ...options, count: LAG.train, seed });
			const testData = longLagTask({ ...options, count: LAG.test, seed: `${seed}/test` });
			return {
				info: {
					title: 'Long-lag memory',
					summary: `Step 1 shows one of ${LAG.classes} classes, then ${config.lag} distractor step${config.lag === 1 ? '' : 's'}; at the cue, answer the class.`,
					inputSize: trainData.inputSize,
					outputSize: trainData.outputSize,
					trainCount: LAG.train,
					testCount: LAG.test,
					sequenceLength: config.lag + 2
				},
				train: items(trainData, denseInputs(trainData)),
				inputSize: trainData.inputSize,
				outputSize: trainData.outputSize,
				classTest: {
					items: classTests(testData, denseInputs(testData)),
					classNames: testData.classNames ?? [],
					chance: testData.chance
				}
			};
		}
		case 'sine': {
			const forecast = setupForecast(config);
			return {
				info: {
					title: forecast.title,
					summary: forecast.summary,
					inputSize: 1,
					outputSize: 1,
					trainCount: forecast.trainCount,
					testCount: forecast.test.items.length,
					sequenceLength: forecast.test.window
				},
				train: items(forecast.train, denseInputs(forecast.train)),
				inputSize: 1,
				outputSize: 1,
				forecastTest: forecast.test
			};
		}
		case 'activity': {
			const data = generateActivityData({
				seed,
				people: ACTIVITY.people,
				steps: ACTIVITY.steps,
				minSegmentSeconds: ACTIVITY.minSegment,
				maxSegmentSeconds: ACTIVITY.maxSegment
			});
			const windows = { length: ACTIVITY.window, skipTransitions: true } as const;
			const trainData = activityWindows(data.train, { ...windows, stride: ACTIVITY.stride });
			const testData = activityWindows(data.test, { ...windows, stride: ACTIVITY.stride });
			return {
				info: {
					title: 'Activity recognition',
					summary: `Accelerometer windows of ${ACTIVITY.window} steps (0.8 s at 50 Hz) from ${ACTIVITY.people - 1} people; name the activity. Tested on a person the model never saw.`,
					inputSize: 3,
					outputSize: ACTIVITIES.length,
					trainCount: trainData.samples.length,
					testCount: testData.samples.length,
					sequenceLength: ACTIVITY.window
				},
				train: items(trainData, denseInputs(trainData)),
				inputSize: 3,
				outputSize: ACTIVITIES.length,
				classTest: {
					items: classTests(testData, denseInputs(testData)),
					classNames: [...ACTIVITIES],
					chance: 1 / ACTIVITIES.length
				}
			};
		}
	}
}

/** Input and output sizes a configuration's network has, without building its training data. */
export function networkShape(config: TrainConfig): { inputSize: number; outputSize: number } {
	switch (config.task) {
		case 'char': {
			const size = charLanguageModel(config.text).inputSize;
			return { inputSize: size, outputSize: size };
		}
		case 'echo': {
			const data = echoTask({ count: 1, seed: config.seed });
			return { inputSize: data.inputSize, outputSize: data.outputSize };
		}
		case 'lag': {
			const data = longLagTask({ count: 1, seed: config.seed, lag: config.lag, classes: LAG.classes, distractors: LAG.distractors });
			return { inputSize: data.inputSize, outputSize: data.outputSize };
		}
		case 'sine':
			return { inputSize: 1, outputSize: 1 };
		case 'activity':
			return { inputSize: 3, outputSize: ACTIVITIES.length };
	}
}

/** The untrained network a run of this configuration starts from (the same on the page and in the worker). */
export function seededNetwork(config: TrainConfig): Network {
	const { inputSize, outputSize } = networkShape(config);
	const gates = config.gateBias ? { forgetBias: config.gateBias.forget, inputBias: config.gateBias.input } : {};
	return buildNetwork({ inputSize, layers: [{ cell: config.cell, hiddenSize: config.hidden }], outputSize }, { seed: config.seed, ...gates });
}

const CELL_NAMES: Record<string, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/**
 * Reads saved weights and checks they are the network this configuration trains: one layer of
 * the configured cell and size, and the task's input and output sizes.
 */
export function networkForConfig(json: unknown, config: TrainConfig): Network {
	let network: Network;
	try {
		network = fromJSON(json);
	} catch (error) {
		throw new TrainingError(`The saved weights cannot be read: ${(error as Error).message}`);
	}
	const shape = networkShape(config);
	const layer = network.layers[0];
	const describe = (cell: string, hidden: number, input: number, output: number, layers = 1) =>
		`${layers === 1 ? '' : `${layers} layers of `}${CELL_NAMES[cell] ?? cell} with ${hidden} hidden units, ${input} inputs and ${output} outputs`;
	if (
		network.layers.length !== 1 ||
		layer.cell !== config.cell ||
		layer.hiddenSize !== config.hidden ||
		network.inputSize !== shape.inputSize ||
		network.outputSize !== shape.outputSize
	) {
		throw new TrainingError(
			`The saved weights do not fit the configuration: they are ${describe(layer.cell, layer.hiddenSize, network.inputSize, network.outputSize, network.layers.length)}, ` +
				`but the configuration needs ${describe(config.cell, config.hidden, shape.inputSize, shape.outputSize)}.`
		);
	}
	return network;
}

function optimizerSpec(config: TrainConfig): OptimizerSpec {
	if (config.optimizer === 'adam') return { kind: 'adam', lr: config.lr };
	if (config.optimizer === 'momentum') return { kind: 'sgd', lr: config.lr, momentum: 0.9 };
	return { kind: 'sgd', lr: config.lr };
}

// ── Evaluation ───────────────────────────────────────────────────────────────────────────────

/**
 * An evaluation that can run in slices: `advance` works until `shouldYield()` says so and returns
 * the result once everything is done (null until then). Weights must not change in between.
 */
export interface EvaluationJob {
	advance(shouldYield: () => boolean): Evaluation | null;
}

function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

// ── The session ──────────────────────────────────────────────────────────────────────────────

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
	const info: TaskInfo = { ...task.info, parameters: network.params.length };
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

	function samples(temperature: number): SampleReport | null {
		const chars = task.chars;
		if (!chars) return null;
		const t = Number.isFinite(temperature) && temperature > 0 ? Math.min(temperature, 10) : 1;
		// Greedy: always the most likely next character, fed back in.
		const stepper = createStepper(network);
		let y = stepper.step(chars.prime);
		const greedy: number[] = [];
		for (let i = 0; i < chars.greedyLength; i++) {
			const next = argmax(y);
			greedy.push(next);
			y = stepper.step(next);
		}
		const drawn = sample(network, { prime: [chars.prime], length: chars.sampleLength, temperature: t, seed: `${config.seed}/sample/${step}` });
		const text = (ids: number[]) => ids.map((id) => chars.tokens[id]).join('');
		return { prime: chars.tokens[chars.prime], greedy: text(greedy), sampled: text(drawn), temperature: t };
	}

	function forecastAhead(horizon: number, oneStep: number[]): RecursiveReport | null {
		return task.forecastTest ? recursiveReport(network, task.forecastTest, oneStep, horizon) : null;
	}

	function evaluation(temperature = 1, horizon = 0): EvaluationJob {
		const at = step;
		const result: Evaluation = { step: at };
		const classTest = task.classTest;
		const forecastTest = task.forecastTest;
		let i = 0;
		const k = classTest?.classNames.length ?? 0;
		const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
		const forecasts: number[] = [];
		return {
			advance(shouldYield) {
				if (task.chars && !result.samples) result.samples = samples(temperature) ?? undefined;
				if (classTest) {
					while (i < classTest.items.length) {
						const item = classTest.items[i++];
						const outputs = predict(network, item.inputs);
						confusion[item.label][argmax(outputs[outputs.length - 1])]++;
						if (shouldYield() && i < classTest.items.length) return null;
					}
					result.classes = classReport(confusion, classTest.classNames, classTest.chance);
				}
				if (forecastTest) {
					while (i < forecastTest.items.length) {
						const outputs = predict(network, forecastTest.items[i++]);
						forecasts.push(outputs[outputs.length - 1][0]);
						if (shouldYield() && i < forecastTest.items.length) return null;
					}
					result.forecast = forecastReport(forecastTest, forecasts);
					const recursive = forecastAhead(horizon, result.forecast.forecast);
					if (recursive) result.forecast.recursive = recursive;
				}
				return result;
			}
		};
	}

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

function classReport(confusion: number[][], classNames: string[], chance: number): ClassReport {
	const { accuracy, perClass, count } = classMetrics(confusion);
	return { accuracy, chance, classNames, perClass, confusion, count };
}

/** Runs a whole evaluation at once (for tests and scripts). */
export function evaluateNow(session: Session, temperature = 1, horizon = 0): Evaluation {
	const job = session.evaluation(temperature, horizon);
	let result: Evaluation | null = null;
	while (!(result = job.advance(() => false)));
	return result;
}

/** The session's weights in the engine's JSON layout (for saving and exporting). */
export function weightsOf(session: Session): ReturnType<typeof toJSON> {
	return toJSON(session.network);
}

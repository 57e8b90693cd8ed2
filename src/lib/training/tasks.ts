/**
 * The lab's five tasks, each written once: the sizes of its network, and how a configuration
 * becomes its training items and test set. Datasets come from `$lib/engine/data`, sequences and
 * prepared losses from `$lib/engine`; nothing here computes maths.
 */
import { denseSequence, oneHotSequence, prepareLoss, type PreparedLoss, type Sequence } from '$lib/engine';
import {
	ACTIVITIES,
	activityWindows,
	charLanguageModel,
	echoTask,
	generateActivityData,
	longLagTask,
	toTrainingItems,
	type ClassDataset,
	type SequenceDataset
} from '$lib/engine/data';
import type { TaskInfo, TaskKind, TrainConfig } from '$lib/worker/protocol';
import { CHAR_WINDOW, LAG_TASK } from './config';
import { setupForecast, type ForecastTest } from './forecast';

export interface Item {
	inputs: Sequence;
	loss: PreparedLoss;
}

export interface ClassTest {
	inputs: Sequence;
	label: number;
}

export interface TaskSetup {
	info: Omit<TaskInfo, 'parameters' | 'inputSize' | 'outputSize'>;
	train: Item[];
	inputSize: number;
	outputSize: number;
	classTest?: { items: ClassTest[]; classNames: string[]; chance: number };
	forecastTest?: ForecastTest;
	chars?: { tokens: string[]; prime: number; greedyLength: number; sampleLength: number };
	/**
	 * Training items in a row that share data (overlapping windows): a validation split leaves
	 * this many out between training and validation items (see `splitValidation`).
	 */
	overlap: number;
	/** Which training items a validation split holds out, in words (the end of `train`). */
	validationSource: string;
}

export interface Shape {
	inputSize: number;
	outputSize: number;
}

interface TaskDefinition {
	/** The network's input and output sizes, without building the training data. */
	shape(config: TrainConfig): Shape;
	setup(config: TrainConfig): TaskSetup;
}

const ECHO = { train: 500, test: 200 };
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

/** A task whose test set is classified (echo, lag, activity): its training items and test set. */
function classTask(train: SequenceDataset, test: ClassDataset, toInputs: (data: SequenceDataset) => (index: number) => Sequence, classNames: string[], chance: number) {
	return {
		train: items(train, toInputs(train)),
		inputSize: train.inputSize,
		outputSize: train.outputSize,
		classTest: { items: classTests(test, toInputs(test)), classNames, chance }
	};
}

const lagOptions = (config: TrainConfig) => ({ lag: config.lag, classes: LAG_TASK.classes, distractors: LAG_TASK.distractors });
const activityShape: Shape = { inputSize: 3, outputSize: ACTIVITIES.length };

export const TASK_TABLE: Record<TaskKind, TaskDefinition> = {
	char: {
		shape(config) {
			const size = charLanguageModel(config.text).inputSize;
			return { inputSize: size, outputSize: size };
		},
		setup(config) {
			const ids = Array.from(config.text).length;
			const length = Math.min(CHAR_WINDOW, ids - 1);
			// Every window of `length` characters (stride 1), visited in random order, so every
			// part of the text is learnt and each step sees its characters at another offset.
			const data = charLanguageModel(config.text, { sequenceLength: length, stride: 1 });
			const size = data.inputSize;
			const train = items(data, (i) => oneHotSequence(data.ids.slice(i, i + length), size));
			const shown = config.text.length > 40 ? `${config.text.slice(0, 40)}…` : config.text;
			return {
				info: {
					title: 'Character language model',
					summary: `Predict the next character of “${shown}” (${size} distinct characters), from windows of ${length}.`,
					trainCount: train.length,
					testCount: 0,
					sequenceLength: length
				},
				train,
				inputSize: size,
				outputSize: size,
				overlap: length,
				validationSource: `the windows at the end of the text, with the ${length} windows before them left out so that no character is in both sets`,
				chars: {
					tokens: data.vocab.tokens,
					prime: data.ids[0],
					greedyLength: Math.min(200, ids - 1),
					sampleLength: Math.min(200, Math.max(ids - 1, 60))
				}
			};
		}
	},
	echo: {
		shape(config) {
			const data = echoTask({ count: 1, seed: config.seed });
			return { inputSize: data.inputSize, outputSize: data.outputSize };
		},
		setup(config) {
			const train = echoTask({ count: ECHO.train, seed: config.seed });
			const test = echoTask({ count: ECHO.test, seed: `${config.seed}/test` });
			const oneHot = (data: SequenceDataset) => (i: number) => oneHotSequence((data as typeof train).sequences[i], data.inputSize);
			return {
				info: {
					title: 'Echo the second number',
					summary: 'Five digits (0–9) go in one at a time; after the fifth, answer the second.',
					trainCount: ECHO.train,
					testCount: ECHO.test,
					sequenceLength: 5
				},
				overlap: 0,
				validationSource: `the last of the ${ECHO.train} generated training sequences; the ${ECHO.test} test sequences stay apart`,
				...classTask(train, test, oneHot, test.classNames ?? [], test.chance)
			};
		}
	},
	lag: {
		shape(config) {
			const data = longLagTask({ ...lagOptions(config), count: 1, seed: config.seed });
			return { inputSize: data.inputSize, outputSize: data.outputSize };
		},
		setup(config) {
			const train = longLagTask({ ...lagOptions(config), count: LAG_TASK.train, seed: config.seed });
			const test = longLagTask({ ...lagOptions(config), count: LAG_TASK.test, seed: `${config.seed}/test` });
			return {
				info: {
					title: 'Long-lag memory',
					summary: `Step 1 shows one of ${LAG_TASK.classes} classes, then ${config.lag} distractor step${config.lag === 1 ? '' : 's'}; at the cue, answer the class.`,
					trainCount: LAG_TASK.train,
					testCount: LAG_TASK.test,
					sequenceLength: config.lag + 2
				},
				overlap: 0,
				validationSource: `the last of the ${LAG_TASK.train} generated training sequences; the ${LAG_TASK.test} test sequences stay apart`,
				...classTask(train, test, denseInputs, test.classNames ?? [], test.chance)
			};
		}
	},
	sine: {
		shape: () => ({ inputSize: 1, outputSize: 1 }),
		setup(config) {
			const forecast = setupForecast(config);
			return {
				info: {
					title: forecast.title,
					summary: forecast.summary,
					trainCount: forecast.trainCount,
					testCount: forecast.test.items.length,
					sequenceLength: forecast.test.window
				},
				train: items(forecast.train, denseInputs(forecast.train)),
				overlap: forecast.test.window,
				validationSource: `the latest windows of the training part of the series, with the ${forecast.test.window} windows before them left out so that no value is in both sets; the test part stays apart`,
				inputSize: 1,
				outputSize: 1,
				forecastTest: forecast.test
			};
		}
	},
	activity: {
		shape: () => activityShape,
		setup(config) {
			const data = generateActivityData({
				seed: config.seed,
				people: ACTIVITY.people,
				steps: ACTIVITY.steps,
				minSegmentSeconds: ACTIVITY.minSegment,
				maxSegmentSeconds: ACTIVITY.maxSegment
			});
			const windows = { length: ACTIVITY.window, skipTransitions: true, stride: ACTIVITY.stride } as const;
			const train = activityWindows(data.train, windows);
			const test = activityWindows(data.test, windows);
			return {
				info: {
					title: 'Activity recognition',
					summary: `Accelerometer windows of ${ACTIVITY.window} steps (0.8 s at 50 Hz) from ${ACTIVITY.people - 1} people; name the activity. Tested on a person the model never saw.`,
					trainCount: train.samples.length,
					testCount: test.samples.length,
					sequenceLength: ACTIVITY.window
				},
				overlap: Math.ceil(ACTIVITY.window / ACTIVITY.stride),
				validationSource: `the last windows of the training people's recordings, with the ${Math.ceil(ACTIVITY.window / ACTIVITY.stride)} windows before them left out so that no time step is in both sets; the test person stays apart`,
				...classTask(train, test, denseInputs, [...ACTIVITIES], 1 / ACTIVITIES.length)
			};
		}
	}
};

/** Input and output sizes a configuration's network has, without building its training data. */
export function networkShape(config: TrainConfig): Shape {
	return TASK_TABLE[config.task].shape(config);
}

/** The task's training items, test set and description. */
export function setupTask(config: TrainConfig): TaskSetup {
	return TASK_TABLE[config.task].setup(config);
}

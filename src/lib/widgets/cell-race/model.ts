/**
 * The cell race: a plain RNN, an LSTM and a GRU trained side by side on the same task, data, seed,
 * optimizer and budget, by the lab's worker code (`$lib/worker/training.ts`). Nothing here trains
 * or computes maths: it builds the three configurations (hidden sizes from the engine's counts),
 * and reads each run's score from its evaluation.
 */
import { countParameters, unitsForBudget } from '$lib/engine/count';
import type { Schema, Values } from '$lib/widgets/params';
import { sharedSeed } from '$lib/widgets/three-runs';
import type { Evaluation, TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG, DEFAULT_LSTM_INIT, LAB_LIMITS, LSTM_INITS, LSTM_INIT_NAMES, gateBiasOf } from '$lib/training/config';
import { networkShape } from '$lib/training/tasks';
import { percent, sig } from '$lib/ui/format';

/**
 * Gate biases that start a gated cell keeping its state (`init=chrono`, as in the lab and
 * long-lag): the LSTM's come from LSTM_INITS; the GRU's update gate starts near σ(3), so
 * h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} starts close to h_{t−1}. Keras and PyTorch start the GRU at 0.
 */
export const KEEP_BIAS = { ...LSTM_INITS.chrono, update: 3 } as const;

export const TASK_TEXT = 'hello';

export const schema = {
	task: {
		kind: 'enum',
		values: ['lag', 'echo', 'hello', 'sine'] as const,
		default: 'lag',
		doc: '`lag`: remember a class across distractor steps; `echo`: name the 2nd of five digits; `hello`: predict the next character of “hello”; `sine`: forecast a noisy sine wave (scored by test MSE).'
	},
	lag: { kind: 'int', min: 1, max: LAB_LIMITS.lag.max, default: 30, doc: 'Distractor steps of the lag task.' },
	match: {
		kind: 'enum',
		values: ['units', 'params'] as const,
		default: 'units',
		doc: '`units`: every cell gets `hidden` units; `params`: the LSTM gets `hidden` units and the RNN and GRU as many as bring them closest to its parameter count.'
	},
	hidden: { kind: 'int', min: 1, max: 32, default: 8, doc: 'Hidden units (of every cell, or of the LSTM with `match=params`).' },
	init: {
		kind: 'enum',
		values: LSTM_INIT_NAMES,
		default: DEFAULT_LSTM_INIT,
		doc: 'How the gated cells’ biases start, with the lab’s names: `chrono` keeps the state (LSTM forget gate +3, input −3; GRU update gate +3); `keras` is Keras’s default (LSTM forget gate +1, GRU 0); `pytorch` is PyTorch’s (all near 0).'
	},
	steps: { kind: 'int', min: 50, max: 5000, default: 1000, doc: 'The step budget of each run (one step = one training sequence).' },
	seed: sharedSeed(1),
	lr: { kind: 'number', min: LAB_LIMITS.lr.min, max: 1, default: 0.003, doc: 'Adam learning rate of all three runs.' },
	autostart: { kind: 'bool', default: false, doc: 'Start the race as soon as the page has loaded (also with `locked=1`).' }
} satisfies Schema;

export type CellRaceValues = Values<typeof schema>;
export const controls = ['task', 'lag', 'match', 'settings'] as const;

export type CellId = 'rnn' | 'lstm' | 'gru';
export const CELL_IDS: readonly CellId[] = ['rnn', 'lstm', 'gru'];

export interface RaceRun {
	id: CellId;
	label: string;
	/** A colour variable of app.css. */
	colour: string;
	hidden: number;
	/** Trainable numbers of the whole network (cell and head), from the engine's count. */
	parameters: number;
	config: TrainConfig;
}

const LABELS: Record<CellId, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };
const COLOURS: Record<CellId, string> = { rnn: '--c-vermillion', lstm: '--c-blue', gru: '--c-green' };

function baseConfig(values: CellRaceValues): TrainConfig {
	return {
		...DEFAULT_CONFIG,
		task: values.task === 'hello' ? 'char' : values.task,
		text: values.task === 'hello' ? TASK_TEXT : '',
		hidden: values.hidden,
		optimizer: 'adam',
		lr: values.lr,
		clip: 0,
		tbptt: 0,
		seed: values.seed,
		lag: values.lag,
		steps: values.steps,
		reach: true
	};
}

/** The three runs: the same task, data, seed, optimizer and budget; they differ in cell and size only. */
export function runsOf(values: CellRaceValues): RaceRun[] {
	const base = baseConfig(values);
	const { inputSize, outputSize } = networkShape(base);
	const count = (cell: CellId, hidden: number) =>
		countParameters({ cell, inputSize, hiddenSizes: [hidden], headSize: outputSize, convention: 'engine' }).total;
	const budget = count('lstm', values.hidden);
	return CELL_IDS.map((id) => {
		const hidden =
			values.match === 'units' || id === 'lstm'
				? values.hidden
				: unitsForBudget({ cell: id, inputSize, headSize: outputSize, convention: 'engine' }, budget, LAB_LIMITS.hidden.max);
		const config: TrainConfig = { ...base, cell: id, hidden };
		const gateBias = id === 'lstm' ? gateBiasOf(values.init) : undefined;
		if (gateBias) config.gateBias = gateBias;
		if (values.init === 'chrono' && id === 'gru') config.updateBias = KEEP_BIAS.update;
		return { id, label: LABELS[id], colour: COLOURS[id], hidden, parameters: count(id, hidden), config };
	});
}

export type ScoreKind = 'accuracy' | 'mse' | 'text';

export interface Score {
	kind: ScoreKind;
	/** Accuracy (0–1), mean squared error, or the fraction of characters right. */
	value: number;
	/** For people: “93%”, “MSE 0.012”, “ello (4 of 4 right)”. */
	text: string;
}

/** The test score a race reports for one evaluation, or null before there is one. */
export function scoreOf(values: Pick<CellRaceValues, 'task'>, evaluation: Evaluation | null): Score | null {
	if (!evaluation) return null;
	if (values.task === 'sine') {
		const mse = evaluation.forecast?.mse;
		return mse === undefined ? null : { kind: 'mse', value: mse, text: `MSE ${sig(mse, 2)}` };
	}
	if (values.task === 'hello') {
		const greedy = evaluation.samples?.greedy;
		if (greedy === undefined) return null;
		// Started from “h”, the model's most likely next characters, against the rest of the text.
		const target = TASK_TEXT.slice(1);
		let right = 0;
		for (let i = 0; i < target.length; i++) if (greedy[i] === target[i]) right++;
		return { kind: 'text', value: right / target.length, text: `“h${greedy}” (${right} of ${target.length} right)` };
	}
	const accuracy = evaluation.classes?.accuracy;
	return accuracy === undefined ? null : { kind: 'accuracy', value: accuracy, text: percent(accuracy, 0) };
}

/** A run counts as having solved a class task at this accuracy (the lesson's race test uses it too). */
export const SOLVED_ACCURACY = 0.9;

/** One line per cell for the reach chart: k on x, ‖∂L/∂h_k‖ on y. */
export function reachLine(reach: readonly number[] | undefined): { x: number[]; y: number[] } {
	if (!reach) return { x: [], y: [] };
	return { x: reach.map((_, k) => k), y: [...reach] };
}

/** How much of the gradient at the last state reaches h_0: ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖. */
export function reachRatio(reach: readonly number[] | undefined): number | null {
	if (!reach || reach.length < 2) return null;
	const last = reach[reach.length - 1];
	return last > 0 ? reach[0] / last : null;
}

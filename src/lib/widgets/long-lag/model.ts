/**
 * The long-lag comparison: three runs on the same long-lag memory task and seed — a plain RNN,
 * the same RNN with gradient clipping, and an LSTM — trained by the lab's worker code
 * (`$lib/training/`, task `lag`). Nothing here trains or computes maths: it builds the
 * three configurations, and turns an accuracy and the task's chance level into words.
 */
import { percent } from '$lib/ui/format';
import type { Schema, Values } from '$lib/widgets/params';
import { sharedSeed } from '$lib/widgets/three-runs';
import type { TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG, DEFAULT_LSTM_INIT, LAB_LIMITS, LAG_TASK, LSTM_INIT_LABELS, LSTM_INIT_NAMES, gateBiasOf, type LstmInit } from '$lib/training/config';

export const schema = {
	lag: {
		kind: 'int',
		min: LAB_LIMITS.lag.min,
		max: LAB_LIMITS.lag.max,
		default: 100,
		doc: 'Distractor steps between the class (step 1) and the cue that asks for it.'
	},
	init: {
		kind: 'enum',
		values: LSTM_INIT_NAMES,
		default: DEFAULT_LSTM_INIT,
		doc: 'How the LSTM\'s gate biases start, as in the lab: `chrono` (forget gate +3, input gate −3), `keras` (forget gate +1, Keras\'s default) or `pytorch` (all near 0, PyTorch\'s default).'
	},
	steps: {
		kind: 'int',
		min: 50,
		max: LAB_LIMITS.steps.max,
		default: 2000,
		doc: 'The step budget of each run (one step = one training sequence).'
	},
	seed: sharedSeed(3),
	clip: {
		kind: 'number',
		min: 0.01,
		max: LAB_LIMITS.clip.max,
		default: 1,
		doc: 'The global-norm threshold of the clipped RNN run.'
	},
	hidden: {
		kind: 'int',
		min: 1,
		max: 64,
		default: 8,
		doc: 'Hidden units of each network.'
	},
	lr: {
		kind: 'number',
		min: LAB_LIMITS.lr.min,
		max: 1,
		default: 0.003,
		doc: 'Adam learning rate of all three runs.'
	},
	autostart: { kind: 'bool', default: false, doc: '`1` starts the three runs as soon as the page has loaded (also with `locked=1`).' }
} satisfies Schema;

export type LongLagValues = Values<typeof schema>;
export const controls = ['lag', 'init', 'settings'] as const;

export type RunId = 'rnn' | 'clip' | 'lstm';

export interface RunSpec {
	id: RunId;
	label: string;
	/** A colour variable of app.css. */
	colour: string;
	config: TrainConfig;
}

function lstmConfig(base: TrainConfig, init: LstmInit): TrainConfig {
	const gateBias = gateBiasOf(init);
	return { ...base, cell: 'lstm', ...(gateBias ? { gateBias } : {}) };
}

/** The three runs: same task, seed, size, optimizer and budget; they differ only as labelled. */
export function runsOf(values: LongLagValues): RunSpec[] {
	const base: TrainConfig = {
		...DEFAULT_CONFIG,
		task: 'lag',
		text: '',
		hidden: values.hidden,
		optimizer: 'adam',
		lr: values.lr,
		clip: 0,
		tbptt: 0,
		seed: values.seed,
		lag: values.lag,
		steps: values.steps
	};
	return [
		{ id: 'rnn', label: 'RNN', colour: '--c-vermillion', config: { ...base, cell: 'rnn' } },
		{ id: 'clip', label: 'RNN + clipping', colour: '--c-purple', config: { ...base, cell: 'rnn', clip: values.clip } },
		{ id: 'lstm', label: `LSTM (${LSTM_INIT_LABELS[values.init]} init)`, colour: '--c-blue', config: lstmConfig(base, values.init) }
	];
}

/** Guessing's accuracy on the task: one over the number of classes the network must name. */
export function chanceOf(_values: LongLagValues): number {
	return 1 / LAG_TASK.classes;
}

/** Accuracy at least this far above chance (in fractions of the way to 100%) counts as solved. */
export const SOLVED_FRACTION = 0.8;
/** …and at most this far above chance counts as guessing (100 test sequences are noisy). */
export const CHANCE_FRACTION = 0.2;

export type Outcome = 'solved' | 'chance' | 'partly';

/** Where an accuracy sits between guessing (chance) and perfect (1). */
export function outcomeOf(accuracy: number, chance: number): Outcome {
	const above = (accuracy - chance) / (1 - chance);
	if (above >= SOLVED_FRACTION) return 'solved';
	if (above <= CHANCE_FRACTION) return 'chance';
	return 'partly';
}

const wholePercent = (x: number) => percent(x, 0);

/** “RNN: at chance (50%, guessing gives 50%)”. */
export function verdictOf(label: string, accuracy: number, chance: number): string {
	const outcome = outcomeOf(accuracy, chance);
	const words =
		outcome === 'solved' ? 'remembers the class' : outcome === 'chance' ? 'at chance, it has not learnt to remember' : 'partly learnt';
	return `${label}: ${words} (${wholePercent(accuracy)} right; guessing gives ${wholePercent(chance)})`;
}

/** One finished comparison, for the table of lags tried. */
export interface Trial {
	lag: number;
	steps: number;
	seed: number;
	/** The LSTM's initialisation. */
	init: LstmInit;
	/** Test accuracy per run, null when that run was stopped before its evaluation arrived. */
	accuracy: Record<RunId, number | null>;
}

/** Adds a trial, replacing an earlier one with the same lag, budget, seed and LSTM initialisation; sorted by lag. */
export function addTrial(trials: readonly Trial[], trial: Trial): Trial[] {
	const same = (t: Trial) => t.lag === trial.lag && t.steps === trial.steps && t.seed === trial.seed && t.init === trial.init;
	const rest = trials.filter((t) => !same(t));
	return [...rest, trial].sort((a, b) => a.lag - b.lag || a.seed - b.seed || a.steps - b.steps || a.init.localeCompare(b.init));
}

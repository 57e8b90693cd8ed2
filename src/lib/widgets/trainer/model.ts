/**
 * The training lab's URL state and the small pure helpers its view uses. Training itself runs in
 * the worker (`$lib/worker`); nothing here computes maths, it only describes and formats.
 */
import { exact, fixed, MISSING, percent } from '$lib/ui/format';
import type { Schema, Values } from '$lib/widgets/params';
import { CELLS, OPTIMIZERS, TASKS, type TrainConfig } from '$lib/worker/protocol';
// From training/config.ts (engine-free): this module is on the page's first load, the engine is not.
import { DEFAULT_CONFIG, DEFAULT_LSTM_INIT, LAB_LIMITS, LSTM_INIT_LABELS, LSTM_INIT_NAMES, gateBiasOf, initOf } from '$lib/training/config';
import type { History } from '$lib/training/session';

export const schema = {
	task: {
		kind: 'enum',
		values: TASKS,
		default: DEFAULT_CONFIG.task,
		doc: '`char`: predict the next character of `text`, 25 characters per training sequence. `echo`: five digits in, answer the second (500 training and 200 test sequences). `sine`: forecast the next value of a noisy sine wave (period 25) from the last 20; the last quarter of the series is the test part. `lag`: remember one of 2 classes across `lag` distractor steps and answer at the cue (300 training, 100 test). `activity`: name the activity from 40-step windows of synthetic 3-axis accelerometer data of 6 people, tested on a seventh.'
	},
	text: {
		kind: 'text',
		maxLength: LAB_LIMITS.textLength,
		default: DEFAULT_CONFIG.text,
		doc: 'The `char` task\'s training text: at least 2 characters, from letters, digits, spaces, new lines and ASCII punctuation (any other character is named in a message and training waits until it is fixed).'
	},
	cell: { kind: 'enum', values: CELLS, default: DEFAULT_CONFIG.cell, doc: 'The recurrent cell (GRU as in Keras and PyTorch, reset after).' },
	init: {
		kind: 'enum',
		values: LSTM_INIT_NAMES,
		default: DEFAULT_LSTM_INIT,
		doc: 'How an LSTM\'s gate biases start (other cells ignore it): `pytorch` (all near 0, PyTorch\'s default), `keras` (forget gate +1, Keras\'s default) or `chrono` (forget gate +3, input gate −3).'
	},
	hidden: {
		kind: 'int',
		min: LAB_LIMITS.hidden.min,
		max: LAB_LIMITS.hidden.max,
		default: DEFAULT_CONFIG.hidden,
		doc: 'Hidden units of the one recurrent layer.'
	},
	optimizer: {
		kind: 'enum',
		values: OPTIMIZERS,
		default: DEFAULT_CONFIG.optimizer,
		doc: 'sgd (plain gradient descent), momentum (SGD with momentum 0.9) or adam.'
	},
	lr: {
		kind: 'number',
		min: LAB_LIMITS.lr.min,
		max: LAB_LIMITS.lr.max,
		default: DEFAULT_CONFIG.lr,
		doc: 'The learning rate; changing it while training takes effect at once.'
	},
	clip: {
		kind: 'number',
		min: LAB_LIMITS.clip.min,
		max: LAB_LIMITS.clip.max,
		default: DEFAULT_CONFIG.clip,
		doc: 'Clip the gradient\'s global norm to this before each update; `0` = no clipping.'
	},
	tbptt: {
		kind: 'int',
		min: LAB_LIMITS.tbptt.min,
		max: LAB_LIMITS.tbptt.max,
		default: DEFAULT_CONFIG.tbptt,
		doc: 'Truncated BPTT: one update per chunk of this many steps, with no gradient past a chunk\'s start; `0` = full BPTT over each sequence.'
	},
	seed: {
		kind: 'int',
		min: LAB_LIMITS.seed.min,
		max: LAB_LIMITS.seed.max,
		default: DEFAULT_CONFIG.seed,
		doc: 'Seed of the initial weights, the generated data and the order of the sequences.'
	},
	lag: {
		kind: 'int',
		min: LAB_LIMITS.lag.min,
		max: LAB_LIMITS.lag.max,
		default: DEFAULT_CONFIG.lag,
		doc: 'Distractor steps of the `lag` task (sequences are `lag` + 2 steps long).'
	},
	steps: {
		kind: 'int',
		min: LAB_LIMITS.steps.min,
		max: LAB_LIMITS.steps.max,
		default: 2000,
		doc: 'The step budget: training stops after this many steps (one step = one sequence).'
	},
	val: {
		kind: 'number',
		min: LAB_LIMITS.valFraction.min,
		max: LAB_LIMITS.valFraction.max,
		default: 0,
		doc: 'Fraction of the training sequences held out as a validation set, never taken from the test set; `0` = none (as before). `char`: the windows at the end of the text; `echo` and `lag`: the last of the generated training sequences; `sine`: the latest windows of the training part; `activity`: the last windows of the training people. Windows that would share data with both sets are left out. The validation loss (mean over the validation sequences) is drawn beside the training loss, measured about 100 times per run (at most every so many steps as there are validation sequences).'
	},
	patience: {
		kind: 'int',
		min: LAB_LIMITS.patience.min,
		max: LAB_LIMITS.patience.max,
		default: 0,
		doc: 'Early stopping (needs `val`): stop once the validation loss has not reached a new low for this many steps, and put back the weights of its lowest point, which the test results then use; `0` = never stop early.'
	},
	autostart: { kind: 'bool', default: false, doc: '`1` starts training as soon as the page has loaded.' }
} satisfies Schema;

export type TrainerValues = Values<typeof schema>;

/** Parts an instructor may hide with hide=… */
export const controls = ['task', 'model', 'training', 'runs', 'compare'] as const;

export function configOf(values: TrainerValues): TrainConfig {
	const { task, text, cell, hidden, optimizer, lr, clip, tbptt, seed, lag, steps } = values;
	const gateBias = cell === 'lstm' ? gateBiasOf(values.init) : undefined;
	// Without validation a link trains exactly as before; patience means nothing without it.
	const validation = values.val > 0 ? { valFraction: values.val, ...(values.patience > 0 ? { patience: values.patience } : {}) } : {};
	return { task, text, cell, hidden, optimizer, lr, clip, tbptt, seed, lag, steps, ...(gateBias ? { gateBias } : {}), ...validation };
}

/** True when two configurations would train differently (the learning rate is live, so it is left out). */
export function differsBeyondLr(a: TrainConfig, b: TrainConfig): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof TrainConfig)[]);
	return [...keys].some((key) => {
		if (key === 'lr') return false;
		if (key === 'text' && a.task !== 'char' && b.task !== 'char') return false;
		if (key === 'lag' && a.task !== 'lag' && b.task !== 'lag') return false;
		if (key === 'gateBias') return JSON.stringify(a.gateBias ?? null) !== JSON.stringify(b.gateBias ?? null);
		return a[key] !== b[key];
	}) || (a.gateBias === undefined) !== (b.gateBias === undefined);
}

export const TASK_NAMES: Record<TrainConfig['task'], string> = {
	char: 'Character model',
	echo: 'Echo the 2nd number',
	sine: 'Sine forecasting',
	lag: 'Long-lag memory',
	activity: 'Activity recognition'
};
/** What each task is, before a run has started. */
export const TASK_SUMMARIES: Record<TrainConfig['task'], string> = {
	char: 'Predict the next character of your text from windows of 25 characters; then let the model write.',
	echo: 'Five digits go in one by one; after the fifth, answer the second, read 3 steps before the answer.',
	sine: 'Forecast the next value of a noisy sine wave from the last 20; tested on the part it never saw.',
	lag: 'Remember which of 2 classes step 1 showed, across distractor steps, and answer at the cue.',
	activity: 'Name the activity (sitting, standing, walking, dancing, running) from 0.8 s of 3-axis accelerometer data.'
};
export const CELL_NAMES: Record<TrainConfig['cell'], string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };
export const OPTIMIZER_NAMES: Record<TrainConfig['optimizer'], string> = {
	sgd: 'SGD',
	momentum: 'SGD + momentum',
	adam: 'Adam'
};

/** Task names short enough for a legend. */
export const TASK_SHORT: Record<TrainConfig['task'], string> = { char: 'Char', echo: 'Echo', sine: 'Sine', lag: 'Lag', activity: 'Activity' };

/** A learning rate set during a run, from `step` on. */
export interface LrChange {
	step: number;
	lr: number;
}

/**
 * A short name for a run in legends: “Echo · LSTM 32 · Adam 0.01”, with the learning rates it
 * was switched to (“Adam 0.01 → 0.003 at step 500”) and the validation settings.
 */
export function runLabel(config: TrainConfig, lrChanges: readonly LrChange[] = []): string {
	// `config` is the run's configuration as it started: its learning rate is the first one.
	const rates = [String(config.lr), ...lrChanges.map((c) => `${c.lr} at step ${exact(c.step)}`)];
	const extra = [
		config.clip > 0 ? `clip ${config.clip}` : '',
		config.tbptt > 0 ? `tbptt ${config.tbptt}` : '',
		config.task === 'lag' ? `lag ${config.lag}` : '',
		config.cell === 'lstm' && config.gateBias ? `${LSTM_INIT_LABELS[initOf(config) ?? 'pytorch']} init` : '',
		config.valFraction ? `validation ${percent(config.valFraction, 0)}` : '',
		config.patience ? `patience ${exact(config.patience)}` : ''
	].filter(Boolean);
	return `${TASK_SHORT[config.task]} · ${CELL_NAMES[config.cell]} ${config.hidden} · ${OPTIMIZER_NAMES[config.optimizer]} ${rates.join(' → ')}${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
}

/** Series colours (CSS variables of app.css), given to runs in turn. */
export const RUN_COLOURS = ['--c-blue', '--c-orange', '--c-green', '--c-purple', '--c-vermillion', '--c-sky', '--c-yellow'] as const;
/** Earlier runs kept on the charts for comparison. */
export const MAX_COMPARED = 6;
/** Points drawn per line at most. */
export const MAX_DRAWN = 300;

export interface Line {
	x: number[];
	y: number[];
	/**
	 * Present when the line was thinned (`bucketLine`): the smallest and largest value of the
	 * steps each point stands for, so a chart can show how far single steps strayed.
	 */
	lo?: number[];
	hi?: number[];
}

/**
 * At most `max` points: consecutive points in equal buckets, each bucket drawn as the mean of
 * its steps at its last x, with its min and max kept in `lo` / `hi`. The first bucket starts at
 * the first step and the last ends at the last step, so the line spans the whole run. A line
 * short enough is returned as it is (no `lo` / `hi`).
 */
export function bucketLine(x: readonly number[], y: readonly number[], max = MAX_DRAWN): Line {
	const n = Math.min(x.length, y.length);
	if (n <= max) return { x: x.slice(0, n), y: y.slice(0, n) };
	const out = { x: new Array<number>(max), y: new Array<number>(max), lo: new Array<number>(max), hi: new Array<number>(max) };
	for (let b = 0; b < max; b++) {
		const from = Math.floor((b * n) / max);
		const to = Math.floor(((b + 1) * n) / max);
		let sum = 0;
		let lo = Infinity;
		let hi = -Infinity;
		for (let i = from; i < to; i++) {
			const v = y[i];
			sum += v;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
		out.x[b] = x[to - 1];
		out.y[b] = sum / (to - from);
		out.lo[b] = lo;
		out.hi[b] = hi;
	}
	return out;
}

/**
 * `bucketLine` of runs' histories, made again only for a run that has grown: a chart of several
 * runs updates whenever one of them reports, and the lines of the others then stay the same
 * objects, whose drawing the chart keeps. Histories grow in place (a new run brings new arrays),
 * so the arrays and their length say whether a line is still current. One per chart line.
 */
export function thinnedLines(): (key: string, x: readonly number[], y: readonly number[]) => Line {
	const kept = new Map<string, { x: readonly number[]; y: readonly number[]; n: number; line: Line }>();
	return (key, x, y) => {
		const hit = kept.get(key);
		if (hit && hit.x === x && hit.y === y && hit.n === x.length) return hit.line;
		const line = bucketLine(x, y);
		kept.set(key, { x, y, n: x.length, line });
		return line;
	};
}

/**
 * A display-only smoothing of a (thinned) line: each point becomes the mean of itself and the
 * `window − 1` points before it, so one-sequence steps read as a trend. Window 1 = unchanged.
 */
export function smoothLine(line: Line, window = Math.ceil(line.y.length / 30)): Line {
	const k = Math.max(1, Math.floor(window));
	if (k === 1) return line;
	const y: number[] = [];
	let sum = 0;
	for (let i = 0; i < line.y.length; i++) {
		sum += line.y[i];
		if (i >= k) sum -= line.y[i - k];
		y.push(sum / Math.min(i + 1, k));
	}
	return { x: line.x, y };
}

/** The value of a line at the last point at or before x (null before its first point). */
export function valueAt(line: Line, x: number): number | null {
	let lo = 0;
	let hi = line.x.length - 1;
	if (hi < 0 || line.x[0] > x) return null;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (line.x[mid] <= x) lo = mid;
		else hi = mid - 1;
	}
	return line.y[lo];
}

/** `count` evenly spaced whole steps from the first to `last`, for data tables. */
export function tableSteps(last: number, count = 20): number[] {
	if (last <= 0) return [];
	const steps = new Set<number>();
	for (let i = 1; i <= count; i++) steps.add(Math.max(1, Math.round((last * i) / count)));
	return [...steps];
}

/** “12 s”, “3 min 5 s”, “1 h 2 min”. */
export function formatDuration(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '—';
	if (seconds < 1) return 'under 1 s';
	const s = Math.round(seconds);
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
	return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function secondsLeft(step: number, budget: number, stepsPerSec: number): number {
	if (!(stepsPerSec > 0)) return Number.NaN;
	return Math.max(0, budget - step) / stepsPerSec;
}

/** A file name for an exported run. */
export function exportFileName(config: TrainConfig, date = new Date()): string {
	const stamp = date.toISOString().slice(0, 16).replace(/[:T]/g, '-');
	return `unrolled-run-${config.task}-${config.cell}-${config.hidden}-${stamp}.json`;
}

export function lastOf(history: History): { step: number; loss: number } | null {
	const n = history.step.length;
	return n ? { step: history.step[n - 1], loss: history.loss[n - 1] } : null;
}

/** Steps the headline loss averages: one sequence's loss jumps too much to read progress from. */
export const LOSS_WINDOW = 100;

/** The mean of the last `window` values (all of them while there are fewer), or null if none. */
export function trailingMean(values: readonly number[], window: number): number | null {
	const start = Math.max(0, values.length - window);
	if (values.length === start) return null;
	let sum = 0;
	for (let i = start; i < values.length; i++) sum += values[i];
	return sum / (values.length - start);
}

/** Passes over the training set: one decimal while few (2.5), then whole passes (20,000). */
export function formatEpoch(epoch: number): string {
	if (!Number.isFinite(epoch) || epoch < 0) return MISSING;
	return epoch < 9.95 ? fixed(epoch, 1) : exact(Math.floor(epoch));
}

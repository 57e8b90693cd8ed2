/**
 * What the training lab accepts and starts from, and the checks of a configuration: plain data
 * and pure functions with no engine behind them, so a page can validate its form and describe its
 * URL without loading the engine (the worker's session uses the same values and checks).
 */
import { CELLS, OPTIMIZERS, TASKS, type TrainConfig } from '$lib/worker/protocol';
import { perStepProblems } from './per-step-config';
import { cleanSeries, seriesProblems } from './series';

/** What the lab accepts. They keep one run small enough to train smoothly in a browser tab. */
export const LAB_LIMITS = {
	hidden: { min: 1, max: 128 },
	lr: { min: 1e-5, max: 10 },
	clip: { min: 0, max: 100 },
	tbptt: { min: 0, max: 200 },
	seed: { min: 0, max: 4294967295 },
	lag: { min: 0, max: 200 },
	steps: { min: 1, max: 20000 },
	textLength: 1000,
	/** Largest LSTM gate-bias offset (`gateBias`). */
	gateBias: 10,
	/** Stacked recurrent layers (`layers`). */
	layers: { min: 1, max: 4 },
	/** Fraction of the training sequences held out for validation (`valFraction`; 0 = none). */
	valFraction: { min: 0, max: 0.5 },
	/** Early-stopping patience in steps (`patience`; 0 = never stop early). */
	patience: { min: 0, max: 20000 }
} as const;

/** The long-lag task's data: sequences per set, classes to remember, distractor symbols. */
export const LAG_TASK = { train: 300, test: 100, classes: 2, distractors: 4 } as const;

/**
 * The LSTM initialisations a student can pick, as offsets added to PyTorch's initial gate biases
 * (weights and the other biases stay PyTorch's): `pytorch` adds nothing (forget bias near 0, so
 * the forget gate starts near σ(0) = 0.5); `keras` adds 1 to the forget gate, as Keras's
 * `unit_forget_bias` does (Jozefowicz et al., 2015); `chrono` adds +3 to the forget gate and −3 to
 * the input gate, so the cell starts out keeping what it holds and writing little, constants in
 * the spirit of Tallec & Ollivier's chrono initialisation (2018). The lab and the long-lag widget
 * share this table and its default.
 */
export const LSTM_INITS = {
	pytorch: { forget: 0, input: 0 },
	keras: { forget: 1, input: 0 },
	chrono: { forget: 3, input: -3 }
} as const;
export type LstmInit = keyof typeof LSTM_INITS;
export const LSTM_INIT_NAMES = Object.keys(LSTM_INITS) as LstmInit[];
export const DEFAULT_LSTM_INIT: LstmInit = 'chrono';

export const LSTM_INIT_LABELS: Record<LstmInit, string> = { pytorch: 'PyTorch', keras: 'Keras', chrono: 'Chrono' };
/** What each initialisation does, in a sentence for the page. */
export const LSTM_INIT_NOTES: Record<LstmInit, string> = {
	pytorch: 'PyTorch’s default: every gate bias starts near 0, so the forget gate starts half open.',
	keras: 'Keras’s default (unit_forget_bias): forget-gate bias +1, the rest as PyTorch.',
	chrono: 'Chrono-style: forget-gate bias +3 and input-gate bias −3, so the cell starts out keeping what it holds and writing little.'
};

/** The `gateBias` field of a configuration with this initialisation (none for PyTorch's own). */
export function gateBiasOf(init: LstmInit): TrainConfig['gateBias'] {
	const bias = LSTM_INITS[init];
	return bias.forget === 0 && bias.input === 0 ? undefined : { ...bias };
}

/** The initialisation a configuration's gate biases are, or null for other offsets. */
export function initOf(config: Pick<TrainConfig, 'gateBias'>): LstmInit | null {
	const g = config.gateBias ?? { forget: 0, input: 0 };
	return LSTM_INIT_NAMES.find((name) => LSTM_INITS[name].forget === g.forget && LSTM_INITS[name].input === g.input) ?? null;
}

/** Characters per training window of the `char` task (as in Karpathy's min-char-rnn). */
export const CHAR_WINDOW = 25;
/** Characters the `char` task reads: printable ASCII and the new line. */
export const ALPHABET: ReadonlySet<string> = new Set([
	'\n',
	...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
]);

export const DEFAULT_CONFIG: TrainConfig = {
	task: 'char',
	text: 'hello',
	cell: 'rnn',
	hidden: 32,
	optimizer: 'adam',
	lr: 0.01,
	clip: 5,
	tbptt: 0,
	seed: 1,
	lag: 10,
	steps: 1000
};

/** What a widget that trains one cell chooses for its runs; `adamRun` fills in the rest. */
export type RunChoices = Pick<TrainConfig, 'cell' | 'hidden' | 'lr' | 'seed' | 'steps'>;

/**
 * A widget's run: Adam, clipping at 5 and full backpropagation through time, stated here rather
 * than inherited from DEFAULT_CONFIG so that a change to the lab's starting form does not change
 * what a widget's runs train with. `task` names the task and adds what it needs (text, series, layers).
 */
export function adamRun(choices: RunChoices, task: Partial<TrainConfig> & Pick<TrainConfig, 'task'>): TrainConfig {
	const { cell, hidden, lr, seed, steps } = choices;
	return { ...DEFAULT_CONFIG, text: '', cell, hidden, optimizer: 'adam', lr, clip: 5, tbptt: 0, seed, steps, ...task };
}

/** A configuration or training problem, with a message written for the student. */
export class TrainingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TrainingError';
	}
}

/** The problem with a `char` training text, or null when the lab can train on it. */
export function textProblem(text: string): string | null {
	const chars = Array.from(text);
	if (chars.length > LAB_LIMITS.textLength) {
		return `The text is too long: ${chars.length.toLocaleString('en')} characters; the lab trains on at most ${LAB_LIMITS.textLength.toLocaleString('en')}.`;
	}
	if (chars.length < 2) return 'The text needs at least 2 characters, so there is a next character to predict.';
	const unknown: string[] = [];
	let first = -1;
	chars.forEach((c, i) => {
		if (ALPHABET.has(c)) return;
		if (first < 0) first = i;
		if (!unknown.includes(c)) unknown.push(c);
	});
	if (unknown.length === 0) return null;
	const shown = unknown.slice(0, 6).map((c) => (c === '\t' ? '“tab”' : c === '\r' ? '“carriage return”' : `“${c}”`));
	return (
		`The text has ${unknown.length === 1 ? 'a character' : 'characters'} outside the lab's vocabulary: ` +
		`${shown.join(', ')}${unknown.length > 6 ? ` and ${unknown.length - 6} more` : ''} (first at character ${first + 1}). ` +
		'Use letters, digits, spaces, new lines and ASCII punctuation.'
	);
}

export function show(value: unknown): string {
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
	// The cell race's GRU update-gate bias and gradient-reach report (optional, as gateBias).
	if (value.updateBias !== undefined) {
		const v = value.updateBias;
		if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LAB_LIMITS.gateBias) config.updateBias = v;
		else problems.push(`updateBias must be a number from −${LAB_LIMITS.gateBias} to ${LAB_LIMITS.gateBias}, but it is ${show(v)}.`);
	}
	if (value.reach !== undefined) {
		if (typeof value.reach === 'boolean') config.reach = value.reach;
		else problems.push(`reach must be true or false, but it is ${show(value.reach)}.`);
	}
	// Stacked layers (lesson 10's depth comparison; optional: lab URLs and saved runs have none).
	if (value.layers !== undefined) {
		const { min, max } = LAB_LIMITS.layers;
		const v = value.layers;
		if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) {
			if (v > 1) config.layers = v;
		} else problems.push(`layers must be a whole number from ${min} to ${max}, but it is ${show(v)}.`);
	}
	// Lesson 13's per-step trainer (optional: the lab and saved runs have none).
	if (value.perStep !== undefined) {
		const found = perStepProblems(value.perStep);
		if (task !== 'activity') found.push(`perStep belongs to the activity task, not ${show(task)}.`);
		if (found.length) problems.push(...found);
		else config.perStep = value.perStep as NonNullable<TrainConfig['perStep']>;
	}
	// Validation and early stopping (optional: older links and saved runs have neither).
	for (const name of ['valFraction', 'patience'] as const) {
		const v = value[name];
		if (v === undefined) continue;
		const { min, max } = LAB_LIMITS[name];
		const whole = name === 'patience';
		if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!whole || Number.isInteger(v))) {
			if (v > 0) config[name] = v;
		} else problems.push(`${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, but it is ${show(v)}.`);
	}
	if (config.patience !== undefined && config.valFraction === undefined) {
		problems.push('patience needs a validation set: early stopping watches the validation loss, so set valFraction above 0.');
	}
	if (problems.length) throw new TrainingError(problems.join(' '));
	return config;
}


/**
 * What the training lab accepts and starts from, and the check of a `char` training text: plain
 * data and pure functions with no engine behind them, so the page can validate its form and
 * describe its URL without loading the engine (the worker and `training.ts` use the same values).
 */
import type { TrainConfig } from './protocol';

/** What the lab accepts. They keep one run small enough to train smoothly in a browser tab. */
export const LAB_LIMITS = {
	hidden: { min: 1, max: 128 },
	lr: { min: 1e-5, max: 10 },
	clip: { min: 0, max: 100 },
	tbptt: { min: 0, max: 200 },
	seed: { min: 0, max: 4294967295 },
	lag: { min: 0, max: 60 },
	steps: { min: 1, max: 20000 },
	textLength: 1000,
	/** Largest LSTM gate-bias offset (`gateBias`). */
	gateBias: 10
} as const;

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

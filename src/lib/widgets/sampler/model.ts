/**
 * The sampler: a character model trained in the worker on a short text, then generation step by
 * step — the one-hot input, the logits y, the tempered softmax p_i ∝ exp(y_i / T), the seeded
 * draw, and the drawn character fed back. Vocabulary and one-hot rows come from the data module,
 * generation from the engine's `sampleTrace`; this file only wires them to the URL state.
 */
import { fromJSON, sampleTrace, type Network, type SampleStep } from '$lib/engine';
import { DataError, charLanguageModel, encode, oneHot, tokenizeChars, type Vocabulary } from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';
import { CELLS, type TrainConfig } from '$lib/worker/protocol';
import { parseRunFile } from '$lib/training/run-file';
import { adamRun, textProblem } from '$lib/training/config';
import { seededNetwork } from '$lib/training/network';

export const MAX_TEXT = 200;
export const MAX_LENGTH = 60;
/** A vocabulary up to this size always shows whole in the step's table. */
export const WHOLE_TABLE = 12;
/** Rows of the step's table when it shows the most likely characters only. */
export const LIKELY_ROWS = 10;

export const schema = {
	text: { kind: 'text', maxLength: MAX_TEXT, default: 'hello', doc: 'The training text: letters, digits, spaces, new lines and ASCII punctuation, 2 to 200 characters.' },
	prime: { kind: 'text', maxLength: 20, default: 'h', doc: 'The start: characters fed in before generating (each must occur in the text).' },
	length: { kind: 'int', min: 1, max: MAX_LENGTH, default: 8, doc: 'Characters to generate.' },
	temperature: { kind: 'number', min: 0, max: 3, default: 1, doc: 'Softmax temperature τ: p_i ∝ exp(y_i / τ). 0 = greedy (always the most likely character).' },
	draw: { kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'Seed of the random draws that pick each character: the same seed gives the same sample.' },
	at: { kind: 'int', min: 1, max: MAX_LENGTH, default: 1, doc: 'The generation step shown in detail (1 = the first generated character).' },
	rows: {
		kind: 'enum',
		values: ['likely', 'all'] as const,
		default: 'likely',
		doc: `Rows of the step's table when the text has more than ${WHOLE_TABLE} different characters: \`likely\` the ${LIKELY_ROWS} most likely at that step, most likely first (and the one drawn, if it is not among them), \`all\` every character in vocabulary order.`
	},
	cell: { kind: 'enum', values: CELLS, default: 'rnn', doc: 'The recurrent cell.' },
	hidden: { kind: 'int', min: 1, max: 64, default: 16, doc: 'Hidden units.' },
	steps: { kind: 'int', min: 1, max: 5000, default: 200, doc: 'Training steps (Adam, learning rate 0.01, clipping at 5).' },
	seed: { kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'Seed of the initial weights and the order of the training windows.' },
	autostart: { kind: 'bool', default: false, doc: '`1` starts training as soon as the page has loaded (also with `locked=1`).' }
} satisfies Schema;

export type SamplerValues = Values<typeof schema>;
/** Parts an instructor may hide with hide=… */
export const controls = ['text', 'model', 'temperature', 'vocabulary'] as const;

/**
 * The worker's configuration: the lab's `char` task on this text. It reads only the training
 * settings: called in a `$derived`, it is then not worked out again when the reader moves to
 * another step or changes the temperature.
 */
export function configOf(values: SamplerValues): TrainConfig {
	const { cell, hidden, seed, steps, text } = values;
	return adamRun({ cell, hidden, seed, steps, lr: 0.01 }, { task: 'char', text });
}

/** Why the text cannot be trained on (characters outside the alphabet, too short, too long), or null. */
export function textMessage(text: string): string | null {
	if (Array.from(text).length > MAX_TEXT) return `The text is too long: at most ${MAX_TEXT} characters here (the training lab takes more).`;
	return textProblem(text);
}

export interface VocabularyRow {
	token: string;
	id: number;
	/** The token's one-hot vector. */
	oneHot: number[];
}

/** The text's vocabulary, in first-seen order (the order the worker's model uses), with one-hot rows. */
export function vocabularyOf(text: string): { vocab: Vocabulary; rows: VocabularyRow[] } {
	const { vocab } = charLanguageModel(text);
	const size = vocab.tokens.length;
	const vectors = oneHot(
		vocab.tokens.map((_, id) => id),
		size
	);
	return { vocab, rows: vocab.tokens.map((token, id) => ({ token, id, oneHot: Array.from(vectors[id]) })) };
}

export type PrimeReading = { ok: true; ids: number[] } | { ok: false; message: string };

/** The start's ids, or a message naming the characters the text never uses (they have no one-hot input). */
export function primeIds(prime: string, vocab: Vocabulary): PrimeReading {
	const chars = tokenizeChars(prime);
	if (chars.length === 0) return { ok: false, message: 'Type at least one start character.' };
	try {
		return { ok: true, ids: encode(chars, vocab).ids };
	} catch (error) {
		if (!(error instanceof DataError)) throw error;
		const unknown = (error.details.unknown as string[] | undefined) ?? [];
		const names = unknown.map((c) => `“${shown(c)}”`).join(', ');
		return {
			ok: false,
			message: `${names} ${unknown.length === 1 ? 'is' : 'are'} not in the vocabulary (${vocab.tokens.map(shown).join(', ')}): the training text never uses ${unknown.length === 1 ? 'it' : 'them'}, so there is no one-hot input for ${unknown.length === 1 ? 'it' : 'them'}.`
		};
	}
}

/** The untrained network a run starts from: the same seeded weights the worker builds. */
export function untrainedNetwork(values: SamplerValues): Network {
	return seededNetwork(configOf(values));
}

/** The weights in a worker snapshot (`unrolled-run/1` text), or null if it cannot be read. */
export function networkFromSnapshot(text: string): Network | null {
	return readSnapshot(text)?.network ?? null;
}

/** The weights and the step they were saved at, read with one parse of the snapshot. */
export function readSnapshot(text: string): { network: Network; step: number } | null {
	const parsed = parseRunFile(text);
	return parsed.ok ? { network: fromJSON(parsed.run.network), step: parsed.run.step } : null;
}

/** Generation, step by step, by the engine (the same draws as `sample` with this seed). */
export function generate(network: Network, values: SamplerValues, prime: number[]): SampleStep[] {
	return sampleTrace(network, { prime, length: values.length, temperature: values.temperature, seed: values.draw });
}

/**
 * The characters (ids) the step's table shows, in order: the whole vocabulary in its own order when
 * it is small or `all` is asked for; else the most likely, most likely first (ties by id), with the
 * drawn one added at the end if it is not among them, so its row is always there to highlight.
 */
export function tableRows(probabilities: ArrayLike<number>, drawn: number, rows: SamplerValues['rows']): number[] {
	const ids = Array.from({ length: probabilities.length }, (_, i) => i);
	if (rows === 'all' || probabilities.length <= WHOLE_TABLE) return ids;
	const likely = ids.sort((a, b) => probabilities[b] - probabilities[a] || a - b).slice(0, LIKELY_ROWS);
	return likely.includes(drawn) ? likely : [...likely, drawn];
}

/** A character as the page shows it: space and new line made visible. */
export function shown(token: string): string {
	if (token === ' ') return '␣';
	if (token === '\n') return '↵';
	if (token === '\t') return '⇥';
	return token;
}

/** The text a generation writes: the start, then every drawn character. */
export function generatedText(prime: string, steps: readonly SampleStep[], vocab: Vocabulary): string {
	return prime + steps.map((s) => vocab.tokens[s.next]).join('');
}

/**
 * How many rows of labels `spreadLabels` needs for `count` labels of width `size` across `width`
 * pixels (the same rule it applies); more slices never need fewer rows, so `count` = the whole
 * vocabulary is the strip's tallest case.
 */
export function labelRows(count: number, size: number, width: number): number {
	const room = Math.max(size, width);
	let rows = 1;
	while (rows < count && Math.ceil(count / rows) * size > room) rows++;
	return rows;
}

/**
 * Tokens and one-hot: texts split into characters or words, a vocabulary with the special
 * tokens, ids, one-hot vectors, and a batch padded with <pad> plus its mask. Every step is the
 * data module's (tokenizeChars/Words, buildVocabulary, encode, oneHot, padBatch); this file only
 * arranges the results for the view.
 */
import {
	buildVocabulary,
	encode,
	oneHot,
	padBatch,
	SPECIALS,
	tokenizeChars,
	tokenizeWords,
	type PaddedBatch
} from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';

/** Longest text, in characters: keeps the one-hot table readable and a link short. */
export const MAX_TEXT = 60;
export const TEXT_KEYS = ['a', 'b', 'c'] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

export const schema = {
	mode: {
		kind: 'enum',
		values: ['chars', 'words'] as const,
		default: 'chars',
		doc: 'Split into characters (as typed; a space is a token, shown ␣) or into lower-cased words (punctuation dropped).'
	},
	a: { kind: 'text', maxLength: MAX_TEXT, default: 'hello', doc: 'Text 1; with `vocab=first` the vocabulary is built from it alone.' },
	b: { kind: 'text', maxLength: MAX_TEXT, default: 'help', doc: 'Text 2.' },
	c: { kind: 'text', maxLength: MAX_TEXT, default: 'oh', doc: 'Text 3; empty leaves it out, so the batch has 2 texts.' },
	vocab: {
		kind: 'enum',
		values: ['first', 'all'] as const,
		default: 'first',
		doc: 'Build the vocabulary from text 1 only (other texts may then hold `<unk>`) or from all texts.'
	},
	sos: {
		kind: 'bool',
		default: true,
		doc: 'Wrap every text in `<sos>` … `<eos>`.'
	},
	show: {
		kind: 'int',
		min: 1,
		max: 3,
		default: 1,
		doc: 'Which text the one-hot matrix shows (an empty text falls back to text 1).'
	}
} satisfies Schema;

export type TokensValues = Values<typeof schema>;
export const controls = ['mode', 'a', 'b', 'c', 'vocab', 'sos', 'show'] as const;

export interface TokenRow {
	key: TextKey;
	/** 1, 2 or 3: the text's number in the widget. */
	number: number;
	text: string;
	/** What each id stands for as typed, before the vocabulary: <sos>, h, e, …, <eos>. */
	tokens: string[];
	ids: number[];
	/** Distinct tokens not in the vocabulary (each became <unk>). */
	unknown: string[];
}

export interface TokensView {
	rows: TokenRow[];
	/** Token of each id, specials first. */
	vocabulary: string[];
	padId: number;
	unkId: number;
	padded: PaddedBatch;
	/** Per padded row: what each cell shows (the typed token, or <pad>). */
	paddedTokens: string[][];
	/** The row whose one-hot matrix is shown (index into rows), or −1 when there are none. */
	shown: number;
	/** One-hot vectors of the shown row, padding included: rows = time steps, columns = vocabulary. */
	oneHot: Float64Array[];
	/** (batch, time, features). */
	shape: [number, number, number];
	/** How many <pad> cells the batch holds (zeros in the mask). */
	padCount: number;
}

export function tokenize(text: string, mode: TokensValues['mode']): string[] {
	return mode === 'chars' ? tokenizeChars(text) : tokenizeWords(text);
}

export function build(values: TokensValues): TokensView {
	const present = TEXT_KEYS.map((key, i) => ({ key, number: i + 1, text: values[key] })).filter(
		(entry) => entry.key === 'a' || entry.text !== ''
	);
	const split = present.map((entry) => ({ ...entry, plain: tokenize(entry.text, values.mode) }));
	const source = values.vocab === 'first' ? split.filter((e) => e.key === 'a') : split;
	const vocab = buildVocabulary(
		source.flatMap((e) => e.plain),
		{ specials: true }
	);
	const rows: TokenRow[] = split.map((entry) => {
		const { ids, unknown } = encode(entry.plain, vocab, { addSosEos: values.sos });
		const tokens = values.sos ? [SPECIALS.sos, ...entry.plain, SPECIALS.eos] : entry.plain;
		return { key: entry.key, number: entry.number, text: entry.text, tokens, ids, unknown };
	});
	const padId = vocab.indexOf.get(SPECIALS.pad) as number;
	const unkId = vocab.indexOf.get(SPECIALS.unk) as number;
	const padded = padBatch(
		rows.map((r) => r.ids),
		padId
	);
	const paddedTokens = rows.map((row, r) =>
		padded.ids[r].map((_, t) => (padded.mask[r][t] === 1 ? row.tokens[t] : SPECIALS.pad))
	);
	const wanted = rows.findIndex((row) => row.number === values.show);
	const shown = rows.length === 0 ? -1 : wanted >= 0 ? wanted : 0;
	const time = padded.ids[0]?.length ?? 0;
	return {
		rows,
		vocabulary: vocab.tokens,
		padId,
		unkId,
		padded,
		paddedTokens,
		shown,
		oneHot: shown >= 0 ? oneHot(padded.ids[shown], vocab.tokens.length) : [],
		shape: [rows.length, time, vocab.tokens.length],
		padCount: padded.mask.flat().filter((m) => m === 0).length
	};
}

export function isSpecial(token: string): boolean {
	return (Object.values(SPECIALS) as string[]).includes(token);
}

/** A token as the view writes it: a space as ␣ so it can be seen. */
export function showToken(token: string): string {
	if (token === ' ') return '␣';
	if (token === '\t') return '⇥';
	if (token === '\n') return '↵';
	return token;
}

/** How a token is read out: "space" instead of an invisible character. */
export function speakToken(token: string): string {
	if (token === ' ') return 'space';
	if (token === '\t') return 'tab';
	return token;
}

export type CellKind = 'pad' | 'unk' | 'special' | 'plain';

/** How a token in the batch is drawn: padding, unknown, another special, or a plain token. */
export function cellKind(view: Pick<TokensView, 'padId' | 'unkId'>, token: string, id: number): CellKind {
	if (id === view.padId && token === SPECIALS.pad) return 'pad';
	if (id === view.unkId) return 'unk';
	return isSpecial(token) ? 'special' : 'plain';
}

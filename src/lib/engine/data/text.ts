/**
 * Text → numbers: tokenizing, vocabularies, ids, one-hot vectors, bags of words and padding.
 *
 * Limits:
 * - Tokenizing is Unicode-aware but simple: a word is a run of letters, digits and combining
 *   marks, optionally joined by inner apostrophes (`don't`, `l'homme`); everything else
 *   (punctuation, symbols, emoji, hyphens) separates words and is dropped. Curly apostrophes
 *   (’) become straight ones. Lower-casing is `toLowerCase()`, which is locale-independent.
 * - Characters are Unicode code points, not what a reader sees as one character: `é` typed as
 *   `e` + combining accent is two tokens. Text is not normalized for you.
 * - Sorted vocabularies sort by code point, not by a language's alphabet, so every browser
 *   gives the same order.
 */

import { DataError, listSome, requireInteger, show } from './errors';

export const SPECIALS = { pad: '<pad>', sos: '<sos>', eos: '<eos>', unk: '<unk>' } as const;

/** The specials `buildVocabulary(…, { specials: true })` adds, in this order (pad is id 0). */
export const DEFAULT_SPECIALS: readonly string[] = [
	SPECIALS.pad,
	SPECIALS.sos,
	SPECIALS.eos,
	SPECIALS.unk
];

export interface Vocabulary {
	/** Token of each id: `tokens[id]`. Specials come first. */
	tokens: string[];
	/** Id of each token. */
	indexOf: Map<string, number>;
	/** The special tokens this vocabulary holds, in id order. */
	specials: string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;

/** Lower-cased words; punctuation is dropped, inner apostrophes are kept ("don't"). */
export function tokenizeWords(text: string): string[] {
	requireString('tokenizeWords', text);
	return text.toLowerCase().replace(/[’‘ʼ]/g, "'").match(WORD) ?? [];
}

/** One token per Unicode code point (so an emoji is one token, not two UTF-16 halves). */
export function tokenizeChars(text: string): string[] {
	requireString('tokenizeChars', text);
	return Array.from(text);
}

export interface VocabularyOptions {
	/** `true` adds `<pad> <sos> <eos> <unk>` (pad = 0); a list adds exactly those, in order. */
	specials?: boolean | string[];
	/** Order of the ordinary tokens: as first seen in the input (default), or by code point. */
	order?: 'first-seen' | 'sorted';
}

/** Each distinct token once, after the specials. Tokens equal to a special are not repeated. */
export function buildVocabulary(
	tokens: Iterable<string>,
	options: VocabularyOptions = {}
): Vocabulary {
	const { specials = false, order = 'first-seen' } = options;
	if (order !== 'first-seen' && order !== 'sorted') {
		throw new DataError(
			'invalid-argument',
			`order must be 'first-seen' or 'sorted', but it is ${show(order)}.`
		);
	}
	const specialList = specials === true ? [...DEFAULT_SPECIALS] : specials === false ? [] : specials;
	if (!Array.isArray(specialList)) {
		throw new DataError('invalid-argument', 'specials must be true, false or a list of strings.');
	}
	const indexOf = new Map<string, number>();
	const list: string[] = [];
	for (const special of specialList) {
		if (typeof special !== 'string' || special === '') {
			throw new DataError(
				'invalid-argument',
				`Every special token must be a non-empty string, but one is ${show(special)}.`
			);
		}
		if (indexOf.has(special)) {
			throw new DataError(
				'duplicate-special',
				`The special token ${show(special)} is listed twice; list each special once.`,
				{ token: special }
			);
		}
		indexOf.set(special, list.length);
		list.push(special);
	}
	const seen = new Set<string>();
	const ordinary: string[] = [];
	let position = 0;
	for (const token of tokens) {
		if (typeof token !== 'string' || token === '') {
			throw new DataError(
				'invalid-argument',
				`Token number ${position} is ${show(token)}; every token must be a non-empty string.`,
				{ position }
			);
		}
		position++;
		if (indexOf.has(token) || seen.has(token)) continue;
		seen.add(token);
		ordinary.push(token);
	}
	if (order === 'sorted') ordinary.sort(compareCodePoints);
	for (const token of ordinary) {
		indexOf.set(token, list.length);
		list.push(token);
	}
	return { tokens: list, indexOf, specials: [...specialList] };
}

/** Orders strings by Unicode code point (the same in every browser, unlike localeCompare). */
export function compareCodePoints(a: string, b: string): number {
	const x = Array.from(a);
	const y = Array.from(b);
	const n = Math.min(x.length, y.length);
	for (let i = 0; i < n; i++) {
		const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
		if (d !== 0) return d;
	}
	return x.length - y.length;
}

export interface EncodeResult {
	ids: number[];
	/** Distinct tokens not in the vocabulary, in order of first appearance (mapped to `<unk>`). */
	unknown: string[];
}

/**
 * Token ids. Unknown tokens become `<unk>` when the vocabulary has it; otherwise a DataError
 * names them. `addSosEos` wraps the ids in `<sos> … <eos>` (the vocabulary must hold both).
 */
export function encode(
	tokens: string[],
	vocab: Vocabulary,
	options: { addSosEos?: boolean } = {}
): EncodeResult {
	requireArray('tokens', tokens);
	const unknown: string[] = [];
	const unknownSet = new Set<string>();
	const unkId = vocab.indexOf.get(SPECIALS.unk);
	const ids: number[] = [];
	if (options.addSosEos) ids.push(specialId(vocab, SPECIALS.sos, 'addSosEos'));
	for (const token of tokens) {
		const id = vocab.indexOf.get(token);
		if (id !== undefined) {
			ids.push(id);
			continue;
		}
		if (!unknownSet.has(token)) {
			unknownSet.add(token);
			unknown.push(token);
		}
		if (unkId !== undefined) ids.push(unkId);
	}
	if (unknown.length > 0 && unkId === undefined) {
		throw new DataError(
			'unknown-token',
			`${unknown.length === 1 ? 'This token is' : 'These tokens are'} not in the vocabulary: ` +
				`${listSome(unknown)}. Add them to the vocabulary, or build it with an ` +
				`${SPECIALS.unk} token so unknown tokens have somewhere to go.`,
			{ unknown }
		);
	}
	if (options.addSosEos) ids.push(specialId(vocab, SPECIALS.eos, 'addSosEos'));
	return { ids, unknown };
}

/** Tokens of ids (the inverse of `encode` for known tokens). */
export function decode(ids: number[], vocab: Vocabulary): string[] {
	requireArray('ids', ids);
	return ids.map((id, i) => {
		checkId(id, vocab.tokens.length, i);
		return vocab.tokens[id];
	});
}

/** Id of a special token, or a DataError explaining which special is missing. */
export function specialId(vocab: Vocabulary, token: string, why = 'this step'): number {
	const id = vocab.indexOf.get(token);
	if (id === undefined) {
		throw new DataError(
			'missing-special',
			`${why} needs the special token ${token}, but the vocabulary has none. ` +
				`Build the vocabulary with { specials: true }.`,
			{ token }
		);
	}
	return id;
}

/** One vector of length `size` per id, with a 1 at the id and 0 elsewhere. */
export function oneHot(ids: number[], size: number): Float64Array[] {
	requireArray('ids', ids);
	requireInteger('The one-hot size', size, 1);
	return ids.map((id, i) => {
		checkId(id, size, i);
		const v = new Float64Array(size);
		v[id] = 1;
		return v;
	});
}

/**
 * How often each vocabulary entry occurs: word order is lost, so "David is good at math but is
 * bad in science" and "… bad at math but is good …" give the same vector. Unknown tokens count
 * as `<unk>` when the vocabulary has it; otherwise a DataError names them.
 */
export function bagOfWords(tokens: string[], vocab: Vocabulary): Float64Array {
	const { ids } = encode(tokens, vocab);
	const counts = new Float64Array(vocab.tokens.length);
	for (const id of ids) counts[id]++;
	return counts;
}

export interface PadOptions {
	/** Length of every padded row; default: the longest sequence. */
	length?: number;
	/** Where the padding goes: after the tokens (right, default) or before them (left). */
	side?: 'right' | 'left';
	/**
	 * What to do with a sequence longer than `length`: throw (default), or cut tokens off its
	 * 'end' or its 'start'.
	 */
	truncate?: 'error' | 'start' | 'end';
}

export interface PaddedBatch {
	ids: number[][];
	/** 1 where a real token is, 0 where padding is. */
	mask: number[][];
	/** Real tokens per row (after any truncation). */
	lengths: number[];
}

/** Makes every sequence the same length by adding `padId`, with a mask saying what is real. */
export function padBatch(
	sequences: number[][],
	padId: number,
	options: PadOptions = {}
): PaddedBatch {
	requireArray('sequences', sequences);
	requireInteger('padId', padId, 0);
	const { side = 'right', truncate = 'error' } = options;
	if (side !== 'right' && side !== 'left') {
		throw new DataError('invalid-argument', `side must be 'right' or 'left', not ${show(side)}.`);
	}
	if (truncate !== 'error' && truncate !== 'start' && truncate !== 'end') {
		throw new DataError(
			'invalid-argument',
			`truncate must be 'error', 'start' or 'end', not ${show(truncate)}.`
		);
	}
	sequences.forEach((s, i) => requireArray(`sequences[${i}]`, s));
	const longest = sequences.reduce((m, s) => Math.max(m, s.length), 0);
	const length = options.length ?? longest;
	requireInteger('The padded length', length, 0);
	const ids: number[][] = [];
	const mask: number[][] = [];
	const lengths: number[] = [];
	sequences.forEach((sequence, row) => {
		let kept = sequence;
		if (sequence.length > length) {
			if (truncate === 'error') {
				throw new DataError(
					'sequence-too-long',
					`Sequence ${row} has ${sequence.length} tokens, more than the padded length ` +
						`${length}. Use a larger length, or truncate: 'start' or 'end'.`,
					{ row, length: sequence.length, limit: length }
				);
			}
			kept =
				truncate === 'end' ? sequence.slice(0, length) : sequence.slice(sequence.length - length);
		}
		kept.forEach((id, i) => {
			if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
				throw new DataError(
					'invalid-argument',
					`sequences[${row}][${i}] is ${show(id)}; token ids must be whole numbers ≥ 0.`,
					{ row, index: i }
				);
			}
		});
		const pad = new Array<number>(length - kept.length).fill(padId);
		const ones = new Array<number>(kept.length).fill(1);
		const zeros = new Array<number>(length - kept.length).fill(0);
		ids.push(side === 'right' ? [...kept, ...pad] : [...pad, ...kept]);
		mask.push(side === 'right' ? [...ones, ...zeros] : [...zeros, ...ones]);
		lengths.push(kept.length);
	});
	return { ids, mask, lengths };
}

function checkId(id: number, size: number, index: number): void {
	if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= size) {
		throw new DataError(
			'id-out-of-range',
			`Id number ${index} is ${show(id)}, but ids must be whole numbers from 0 to ${size - 1}.`,
			{ index, id, size }
		);
	}
}

function requireString(where: string, text: unknown): void {
	if (typeof text !== 'string') {
		throw new DataError('invalid-argument', `${where} needs a string, but got ${show(text)}.`);
	}
}

function requireArray(name: string, value: unknown): void {
	if (!Array.isArray(value)) {
		throw new DataError('invalid-argument', `${name} must be a list, but it is ${show(value)}.`);
	}
}

/**
 * Small seeded tasks for the lessons. Each returns a dataset in the shape of `sample.ts`, so the
 * engine trains on any of them, plus the raw values the lesson shows.
 *
 * Same seed → same data, in every browser and in Node (see `random.ts`).
 * Limits: at most 100,000 samples per task and 10,000 steps per sequence, so a typo in a slider
 * cannot freeze the page; every limit is checked and explained.
 */

import { createRandom, type Random } from '../random';
import { DataError, listSome, requireFinite, requireInteger, show } from './errors';
import type { ClassDataset, VectorDataset } from './sample';
import { buildVocabulary, tokenizeChars, SPECIALS, type Vocabulary } from './text';

export const MAX_SAMPLES = 100_000;
export const MAX_STEPS = 10_000;

export type Seed = number | string;

function oneHotVector(index: number, size: number): Float64Array {
	const v = new Float64Array(size);
	v[index] = 1;
	return v;
}

function lastOnly<T>(length: number, target: T): (T | null)[] {
	const targets = new Array<T | null>(length).fill(null);
	targets[length - 1] = target;
	return targets;
}

function checkSeed(seed: Seed): void {
	if ((typeof seed !== 'number' || !Number.isFinite(seed)) && typeof seed !== 'string') {
		throw new DataError('invalid-argument', `The seed must be a number or a word, but it is ${show(seed)}.`);
	}
}

// ── Echo: "five numbers in, output the second" ─────────────────────────────────────────────

/** The echo task's defaults: five digits 0 … 9 per sequence, the 2nd one recalled at the end. */
export const ECHO_DEFAULTS = { length: 5, recall: 2, digits: 10 } as const;

export interface EchoOptions {
	count: number;
	seed: Seed;
	/** Numbers per sequence (default 5). */
	length?: number;
	/** Which number to repeat at the end, counting from 1 (default 2). */
	recall?: number;
	/** Digits 0 … digits−1 (default 10). */
	digits?: number;
}

export interface EchoTask extends ClassDataset {
	/** The digits of each sequence. */
	sequences: number[][];
	/** Accuracy of guessing: 1 / digits. */
	chance: number;
}

/** Digits shown one-hot, one per step; the target at the last step is the `recall`-th digit. */
export function echoTask(options: EchoOptions): EchoTask {
	const { count, seed, length = ECHO_DEFAULTS.length, recall = ECHO_DEFAULTS.recall, digits = ECHO_DEFAULTS.digits } = options;
	checkSeed(seed);
	requireInteger('The number of sequences', count, 1, MAX_SAMPLES);
	requireInteger('The sequence length', length, 1, MAX_STEPS);
	requireInteger('The position to recall', recall, 1, length);
	requireInteger('The number of digits', digits, 2, 1000);
	const rng = createRandom(seed);
	const sequences = Array.from({ length: count }, () => Array.from({ length }, () => rng.int(digits)));
	return {
		samples: sequences.map((seq) => ({
			inputs: seq.map((d) => oneHotVector(d, digits)),
			targets: lastOnly(length, seq[recall - 1])
		})),
		inputSize: digits,
		outputSize: digits,
		targetKind: 'class',
		shape: 'many-to-one',
		classNames: Array.from({ length: digits }, (_, d) => String(d)),
		sequences,
		chance: 1 / digits
	};
}

export interface EchoContinuousTask extends VectorDataset {
	sequences: number[][];
	/** Mean squared error of always answering 0 (the mean): 1/3 for values uniform in [−1, 1). */
	baselineMse: number;
}

/** Values uniform in [−1, 1), one per step; the target at the last step is the `recall`-th. */
export function echoTaskContinuous(options: Omit<EchoOptions, 'digits'>): EchoContinuousTask {
	const { count, seed, length = ECHO_DEFAULTS.length, recall = ECHO_DEFAULTS.recall } = options;
	checkSeed(seed);
	requireInteger('The number of sequences', count, 1, MAX_SAMPLES);
	requireInteger('The sequence length', length, 1, MAX_STEPS);
	requireInteger('The position to recall', recall, 1, length);
	const rng = createRandom(seed);
	const sequences = Array.from({ length: count }, () => Array.from({ length }, () => rng.range(-1, 1)));
	return {
		samples: sequences.map((seq) => ({
			inputs: seq.map((x) => Float64Array.of(x)),
			targets: lastOnly(length, Float64Array.of(seq[recall - 1]))
		})),
		inputSize: 1,
		outputSize: 1,
		targetKind: 'vector',
		shape: 'many-to-one',
		sequences,
		baselineMse: 1 / 3
	};
}

// ── Character language model ───────────────────────────────────────────────────────────────

export interface CharModelOptions {
	/** Characters the model knows; default: those of the text, in first-seen order. */
	vocab?: Vocabulary | string[];
	/** What to do with characters outside the vocabulary (when it has no `<unk>`): throw (default) or drop them. */
	unknown?: 'error' | 'drop';
	/** Steps per sample; default: the whole text as one sample (length − 1 steps). */
	sequenceLength?: number;
	/** Characters between sample starts (default: sequenceLength, so samples do not overlap). */
	stride?: number;
}

export interface CharModelTask extends ClassDataset {
	vocab: Vocabulary;
	/** Characters not in the vocabulary, how often, and where first seen (code-point index). */
	unknown: { char: string; count: number; firstIndex: number }[];
	/** The text's characters as ids, after any dropping. */
	ids: number[];
}

/** One-hot characters in, the next character's id as the target at every step ("hello" → e,l,l,o). */
export function charLanguageModel(text = 'hello', options: CharModelOptions = {}): CharModelTask {
	if (typeof text !== 'string') {
		throw new DataError('invalid-argument', `The text must be a string, but it is ${show(text)}.`);
	}
	const chars = tokenizeChars(text);
	const vocab = Array.isArray(options.vocab)
		? buildVocabulary(options.vocab)
		: (options.vocab ?? buildVocabulary(chars));
	const unkId = vocab.indexOf.get(SPECIALS.unk);
	const unknownMap = new Map<string, { char: string; count: number; firstIndex: number }>();
	const ids: number[] = [];
	chars.forEach((c, i) => {
		const id = vocab.indexOf.get(c);
		if (id !== undefined) return void ids.push(id);
		const entry = unknownMap.get(c) ?? { char: c, count: 0, firstIndex: i };
		entry.count++;
		unknownMap.set(c, entry);
		if (unkId !== undefined) ids.push(unkId);
	});
	const unknown = [...unknownMap.values()];
	if (unknown.length > 0 && unkId === undefined && options.unknown !== 'drop') {
		throw new DataError(
			'unknown-token',
			`The text has characters the vocabulary does not know: ${listSome(unknown.map((u) => u.char))} ` +
				`(first at character ${unknown[0].firstIndex + 1}). Add them to the vocabulary or choose to drop them.`,
			{ unknown }
		);
	}
	const length = options.sequenceLength ?? ids.length - 1;
	if (ids.length < 2 || length < 1) {
		throw new DataError(
			'series-too-short',
			`A language model needs at least 2 known characters to predict one from another; this text has ${ids.length}.`
		);
	}
	requireInteger('The sequence length', length, 1, Math.min(MAX_STEPS, ids.length - 1));
	const stride = options.stride ?? length;
	requireInteger('The stride', stride, 1);
	const size = vocab.tokens.length;
	const samples = [];
	for (let start = 0; start + length < ids.length; start += stride) {
		const window = ids.slice(start, start + length + 1);
		samples.push({
			inputs: window.slice(0, length).map((id) => oneHotVector(id, size)),
			targets: window.slice(1)
		});
		if (samples.length > MAX_SAMPLES) {
			throw new DataError('invalid-argument', `This makes more than ${MAX_SAMPLES} samples; use a larger stride.`);
		}
	}
	return {
		samples,
		inputSize: size,
		outputSize: size,
		targetKind: 'class',
		shape: 'many-to-many',
		classNames: [...vocab.tokens],
		vocab,
		unknown,
		ids
	};
}

// ── Sine plus noise ────────────────────────────────────────────────────────────────────────

export interface SineOptions {
	seed: Seed;
	/** Number of values (default 200). */
	length?: number;
	amplitude?: number;
	/** Steps per full wave (default 25). */
	period?: number;
	/** Standard deviation of the Gaussian noise added to each value (default 0.1). */
	noise?: number;
	/** Phase in radians at step 0 (default 0). */
	phase?: number;
	/** Constant added to every value (default 0). */
	offset?: number;
}

/** `offset + amplitude · sin(2π t / period + phase) + noise`, and the same without noise. */
export function sineSeries(options: SineOptions): { values: Float64Array; clean: Float64Array } {
	const { seed, length = 200, amplitude = 1, period = 25, noise = 0.1, phase = 0, offset = 0 } = options;
	checkSeed(seed);
	requireInteger('The length', length, 1, 10_000_000);
	requireFinite('The amplitude', amplitude);
	requireFinite('The period', period, Number.MIN_VALUE);
	requireFinite('The noise level', noise, 0);
	requireFinite('The phase', phase);
	requireFinite('The offset', offset);
	const rng = createRandom(seed);
	const clean = new Float64Array(length);
	const values = new Float64Array(length);
	for (let t = 0; t < length; t++) {
		clean[t] = offset + amplitude * Math.sin((2 * Math.PI * t) / period + phase);
		values[t] = clean[t] + (noise > 0 ? noise * rng.normal() : 0);
	}
	return { values, clean };
}

// ── Long-lag memory ────────────────────────────────────────────────────────────────────────

export interface LagOptions {
	count: number;
	seed: Seed;
	/** Distractor steps between the class and the recall cue (0 = cue right after the class). */
	lag: number;
	/** Number of classes to remember (default 2, so chance is 50%). */
	classes?: number;
	/** Number of distractor symbols (default 4). */
	distractors?: number;
	/** Standard deviation of Gaussian noise added to the distractor channels at distractor steps (default 0). */
	noise?: number;
}

export interface LagTask extends ClassDataset {
	/** The class each sequence shows at step 0 and must recall at the last step. */
	labels: number[];
	/** Accuracy of guessing: 1 / classes. Classes are balanced (counts differ by at most 1). */
	chance: number;
	/** Index of the step with the recall cue and the target: lag + 1. */
	recallStep: number;
	/** Where each kind of input sits in the input vector. */
	channels: { classes: [number, number]; distractors: [number, number]; cue: number };
}

/**
 * Remember a class across `lag` steps of distractors. Input vector: [class one-hot | distractor
 * one-hot | recall cue]. Step 0 shows the class; steps 1 … lag show random distractor symbols
 * (they carry no information about the class); step lag + 1 sets the cue, and only that step
 * has a target: the class. Sequences have lag + 2 steps.
 */
export function longLagTask(options: LagOptions): LagTask {
	const { count, seed, lag, classes = 2, distractors = 4, noise = 0 } = options;
	checkSeed(seed);
	requireInteger('The number of sequences', count, 1, MAX_SAMPLES);
	requireInteger('The lag', lag, 0, MAX_STEPS - 2);
	requireInteger('The number of classes', classes, 2, 100);
	requireInteger('The number of distractor symbols', distractors, 1, 100);
	requireFinite('The noise level', noise, 0);
	const rng = createRandom(seed);
	const labels = shuffle(Array.from({ length: count }, (_, i) => i % classes), rng);
	const size = classes + distractors + 1;
	const cue = size - 1;
	const samples = labels.map((label) => {
		const inputs: Float64Array[] = [oneHotVector(label, size)];
		for (let t = 1; t <= lag; t++) {
			const v = oneHotVector(classes + rng.int(distractors), size);
			if (noise > 0) for (let k = classes; k < classes + distractors; k++) v[k] += noise * rng.normal();
			inputs.push(v);
		}
		inputs.push(oneHotVector(cue, size));
		return { inputs, targets: lastOnly(lag + 2, label) };
	});
	return {
		samples,
		inputSize: size,
		outputSize: classes,
		targetKind: 'class',
		shape: 'many-to-one',
		classNames: Array.from({ length: classes }, (_, c) => `class ${c}`),
		labels,
		chance: 1 / classes,
		recallStep: lag + 1,
		channels: { classes: [0, classes], distractors: [classes, classes + distractors], cue }
	};
}

/** Fisher–Yates shuffle in place with the seeded generator; returns the array. */
export function shuffle<T>(items: T[], rng: Random): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

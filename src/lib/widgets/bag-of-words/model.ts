/** Bag-of-words comparer: two sentences reduced to word counts over one shared vocabulary. */
import { bagOfWords, buildVocabulary, tokenizeWords } from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';

export const MAX_SENTENCE = 300;

export const schema = {
	a: {
		kind: 'text',
		maxLength: MAX_SENTENCE,
		default: 'David is good at math but is bad in science',
		doc: 'The first sentence.'
	},
	b: {
		kind: 'text',
		maxLength: MAX_SENTENCE,
		default: 'David is bad at math but is good in science',
		doc: 'The second sentence.'
	}
} satisfies Schema;

export type BagOfWordsValues = Values<typeof schema>;
export const controls = ['a', 'b'] as const;

export type Verdict = 'empty' | 'identical-text' | 'same-bag' | 'different';

export interface Comparison {
	tokensA: string[];
	tokensB: string[];
	vocabulary: string[];
	countsA: Float64Array;
	countsB: Float64Array;
	/** Vocabulary entries whose counts differ. */
	differing: string[];
	verdict: Verdict;
}

export function compare(values: BagOfWordsValues): Comparison {
	const tokensA = tokenizeWords(values.a);
	const tokensB = tokenizeWords(values.b);
	const vocab = buildVocabulary([...tokensA, ...tokensB]);
	const countsA = bagOfWords(tokensA, vocab);
	const countsB = bagOfWords(tokensB, vocab);
	const differing = vocab.tokens.filter((_, id) => countsA[id] !== countsB[id]);
	let verdict: Verdict;
	if (tokensA.length === 0 || tokensB.length === 0) verdict = 'empty';
	else if (tokensA.join(' ') === tokensB.join(' ')) verdict = 'identical-text';
	else verdict = differing.length === 0 ? 'same-bag' : 'different';
	return { tokensA, tokensB, vocabulary: vocab.tokens, countsA, countsB, differing, verdict };
}

/** Positions where the two word sequences disagree (the words that moved). */
export function movedPositions(a: string[], b: string[]): Set<number> {
	const moved = new Set<number>();
	for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) moved.add(i);
	return moved;
}

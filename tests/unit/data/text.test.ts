import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DataError,
	SPECIALS,
	bagOfWords,
	buildVocabulary,
	decode,
	encode,
	oneHot,
	padBatch,
	tokenizeChars,
	tokenizeWords
} from '$lib/engine/data';

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DataError);
		return (e as DataError).code;
	}
	throw new Error('expected a DataError');
}

describe('tokenizeWords', () => {
	it('lower-cases, drops punctuation and keeps inner apostrophes', () => {
		expect(tokenizeWords("Don't PANIC!  It's 42, ok?")).toEqual(["don't", 'panic', "it's", '42', 'ok']);
	});
	it('treats curly apostrophes like straight ones and drops leading/trailing quotes', () => {
		expect(tokenizeWords("‘Don’t’ 'quote'")).toEqual(["don't", 'quote']);
	});
	it('keeps letters from any script', () => {
		expect(tokenizeWords('Ünïcode Привет, 世界 — café')).toEqual(['ünïcode', 'привет', '世界', 'café']);
	});
	it('returns no words for empty or punctuation-only text', () => {
		expect(tokenizeWords('')).toEqual([]);
		expect(tokenizeWords(' ,.;!? ')).toEqual([]);
	});
});

describe('tokenizeChars', () => {
	it('splits into code points, so an emoji is one character', () => {
		expect(tokenizeChars('hi😀')).toEqual(['h', 'i', '😀']);
		expect(tokenizeChars('hello')).toHaveLength(5);
	});
});

describe('buildVocabulary', () => {
	it('puts specials first with <pad> at index 0', () => {
		const v = buildVocabulary(tokenizeChars('hello'), { specials: true });
		expect(v.tokens).toEqual(['<pad>', '<sos>', '<eos>', '<unk>', 'h', 'e', 'l', 'o']);
		expect(v.indexOf.get(SPECIALS.pad)).toBe(0);
		expect(v.specials).toEqual(['<pad>', '<sos>', '<eos>', '<unk>']);
	});
	it('keeps first-seen order by default and sorts by code point on request', () => {
		expect(buildVocabulary(tokenizeChars('hello')).tokens).toEqual(['h', 'e', 'l', 'o']);
		expect(buildVocabulary(['b', 'a', 'B', 'é'], { order: 'sorted' }).tokens).toEqual(['B', 'a', 'b', 'é']);
	});
	it('accepts a custom list of specials and does not repeat them', () => {
		const v = buildVocabulary(['<unk>', 'a', 'a'], { specials: ['<pad>', '<unk>'] });
		expect(v.tokens).toEqual(['<pad>', '<unk>', 'a']);
	});
	it('indexOf and tokens agree', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ minLength: 1, maxLength: 3 })), (tokens) => {
				const v = buildVocabulary(tokens, { specials: true });
				v.tokens.forEach((t, i) => expect(v.indexOf.get(t)).toBe(i));
				expect(v.indexOf.size).toBe(v.tokens.length);
			})
		);
	});
	it('rejects duplicate specials and empty tokens', () => {
		expect(codeOf(() => buildVocabulary([], { specials: ['<pad>', '<pad>'] }))).toBe('duplicate-special');
		expect(codeOf(() => buildVocabulary(['a', '']))).toBe('invalid-argument');
	});
});

describe('encode and decode', () => {
	const plain = buildVocabulary(tokenizeChars('hello'));
	const withSpecials = buildVocabulary(tokenizeChars('hello'), { specials: true });

	it('encodes known tokens and round-trips through decode', () => {
		const { ids, unknown } = encode(tokenizeChars('hole'), plain);
		expect(ids).toEqual([0, 3, 2, 1]);
		expect(unknown).toEqual([]);
		expect(decode(ids, plain).join('')).toBe('hole');
	});
	it('maps unknown characters to <unk> and reports them once each', () => {
		const { ids, unknown } = encode(tokenizeChars('hexxo!'), withSpecials);
		expect(ids).toEqual([4, 5, 3, 3, 7, 3]);
		expect(unknown).toEqual(['x', '!']);
	});
	it('throws a DataError naming unknown characters when there is no <unk>', () => {
		expect(() => encode(tokenizeChars('help!'), plain)).toThrow(/"p", "!"/);
		expect(codeOf(() => encode(['p'], plain))).toBe('unknown-token');
	});
	it('wraps in <sos> … <eos> when asked, and explains when the vocabulary lacks them', () => {
		expect(encode(['h', 'i'], withSpecials, { addSosEos: true }).ids).toEqual([1, 4, 3, 2]);
		expect(codeOf(() => encode(['h'], plain, { addSosEos: true }))).toBe('missing-special');
	});
});

describe('oneHot', () => {
	it('puts a single 1 at each id', () => {
		const rows = oneHot([2, 0], 3);
		expect(rows.map((r) => Array.from(r))).toEqual([
			[0, 0, 1],
			[1, 0, 0]
		]);
		expect(rows[0]).toBeInstanceOf(Float64Array);
	});
	it('rejects ids outside the size and bad sizes', () => {
		expect(codeOf(() => oneHot([3], 3))).toBe('id-out-of-range');
		expect(codeOf(() => oneHot([-1], 3))).toBe('id-out-of-range');
		expect(codeOf(() => oneHot([0.5], 3))).toBe('id-out-of-range');
		expect(codeOf(() => oneHot([0], 0))).toBe('invalid-argument');
	});
	it('every row sums to 1', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.nat()), (size, raw) => {
				const rows = oneHot(raw.map((x) => x % size), size);
				for (const r of rows) expect(r.reduce((a, b) => a + b, 0)).toBe(1);
			})
		);
	});
});

describe('bagOfWords', () => {
	it('gives the same vector for sentences that differ only in word order', () => {
		const a = tokenizeWords('David is good at math but is bad in science');
		const b = tokenizeWords('David is bad at math but is good in science');
		const vocab = buildVocabulary([...a, ...b]);
		const va = bagOfWords(a, vocab);
		expect(Array.from(va)).toEqual(Array.from(bagOfWords(b, vocab)));
		expect(va[vocab.indexOf.get('is')!]).toBe(2);
		expect(va.reduce((x, y) => x + y, 0)).toBe(a.length);
	});
	it('counts unknown words as <unk>', () => {
		const vocab = buildVocabulary(['a'], { specials: true });
		const v = bagOfWords(['a', 'zz', 'zz'], vocab);
		expect(v[vocab.indexOf.get('<unk>')!]).toBe(2);
	});
});

describe('padBatch', () => {
	it('pads on the right with a mask and lengths', () => {
		expect(padBatch([[5, 6, 7], [8]], 0)).toEqual({
			ids: [
				[5, 6, 7],
				[8, 0, 0]
			],
			mask: [
				[1, 1, 1],
				[1, 0, 0]
			],
			lengths: [3, 1]
		});
	});
	it('pads on the left to a fixed length', () => {
		const out = padBatch([[5, 6], []], 0, { length: 4, side: 'left' });
		expect(out.ids).toEqual([
			[0, 0, 5, 6],
			[0, 0, 0, 0]
		]);
		expect(out.mask).toEqual([
			[0, 0, 1, 1],
			[0, 0, 0, 0]
		]);
		expect(out.lengths).toEqual([2, 0]);
	});
	it('refuses sequences longer than the length unless told how to truncate', () => {
		expect(codeOf(() => padBatch([[1, 2, 3]], 0, { length: 2 }))).toBe('sequence-too-long');
		expect(padBatch([[1, 2, 3]], 0, { length: 2, truncate: 'end' }).ids).toEqual([[1, 2]]);
		expect(padBatch([[1, 2, 3]], 0, { length: 2, truncate: 'start' }).ids).toEqual([[2, 3]]);
	});
	it('mask sums equal lengths and every row has the same length', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.nat({ max: 50 }), { maxLength: 8 })), fc.constantFrom('left', 'right' as const), (seqs, side) => {
				const out = padBatch(seqs, 0, { side: side as 'left' | 'right' });
				const width = Math.max(0, ...seqs.map((s) => s.length));
				out.ids.forEach((row, i) => {
					expect(row).toHaveLength(width);
					expect(out.mask[i].reduce((a, b) => a + b, 0)).toBe(seqs[i].length);
					expect(row.filter((_, j) => out.mask[i][j] === 1)).toEqual(seqs[i]);
				});
			})
		);
	});
});

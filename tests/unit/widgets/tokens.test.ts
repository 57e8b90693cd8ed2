import { describe, expect, it } from 'vitest';
import { build, schema, showToken } from '$lib/widgets/tokens/model';
import { parseQuery } from '$lib/widgets/params';

const defaults = () => parseQuery(schema, '').values;

describe('tokens and one-hot', () => {
	it('builds the vocabulary from "hello": specials first (pad = 0), then h, e, l, o', () => {
		const view = build(defaults());
		expect(view.vocabulary).toEqual(['<pad>', '<sos>', '<eos>', '<unk>', 'h', 'e', 'l', 'o']);
		expect(view.padId).toBe(0);
		expect(view.unkId).toBe(3);
	});

	it('encodes "hello" between <sos> and <eos>, and its one-hot rows have a single 1 at the id', () => {
		const view = build(defaults());
		const hello = view.rows[0];
		expect(hello.tokens).toEqual(['<sos>', 'h', 'e', 'l', 'l', 'o', '<eos>']);
		expect(hello.ids).toEqual([1, 4, 5, 6, 6, 7, 2]);
		expect(view.oneHot).toHaveLength(7);
		view.oneHot.forEach((row, t) => {
			expect(Array.from(row).reduce((a, b) => a + b, 0)).toBe(1);
			expect(row[hello.ids[t]]).toBe(1);
		});
	});

	it('maps a character missing from text 1’s vocabulary to <unk> and names it', () => {
		const view = build(defaults());
		const help = view.rows[1];
		expect(help.unknown).toEqual(['p']);
		expect(help.ids).toEqual([1, 4, 5, 6, 3, 2]);
		expect(view.paddedTokens[1]).toContain('p');
	});

	it('pads the batch with <pad> (id 0) to the longest text and masks the padding', () => {
		const view = build(defaults());
		expect(view.padded.ids).toEqual([
			[1, 4, 5, 6, 6, 7, 2],
			[1, 4, 5, 6, 3, 2, 0],
			[1, 7, 4, 2, 0, 0, 0]
		]);
		expect(view.padded.mask).toEqual([
			[1, 1, 1, 1, 1, 1, 1],
			[1, 1, 1, 1, 1, 1, 0],
			[1, 1, 1, 1, 0, 0, 0]
		]);
		expect(view.paddedTokens[2]).toEqual(['<sos>', 'o', 'h', '<eos>', '<pad>', '<pad>', '<pad>']);
		expect(view.shape).toEqual([3, 7, 8]);
		expect(view.padCount).toBe(4);
	});

	it('with the vocabulary built from all texts nothing is unknown', () => {
		const view = build({ ...defaults(), vocab: 'all' });
		expect(view.vocabulary.slice(4)).toEqual(['h', 'e', 'l', 'o', 'p']);
		expect(view.rows.every((r) => r.unknown.length === 0)).toBe(true);
	});

	it('switches to words: lower-cased, punctuation dropped', () => {
		const view = build({
			...defaults(),
			mode: 'words',
			vocab: 'all',
			a: 'The first half was very boring.',
			b: 'The movie was a waste of time.',
			c: ''
		});
		expect(view.rows).toHaveLength(2);
		expect(view.rows[0].tokens).toEqual(['<sos>', 'the', 'first', 'half', 'was', 'very', 'boring', '<eos>']);
		expect(view.vocabulary.slice(4, 10)).toEqual(['the', 'first', 'half', 'was', 'very', 'boring']);
		expect(view.shape).toEqual([2, 9, view.vocabulary.length]);
		expect(view.padded.mask[0]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
	});

	it('without <sos>/<eos> the ids are the tokens alone', () => {
		const view = build({ ...defaults(), sos: false });
		expect(view.rows[0].ids).toEqual([4, 5, 6, 6, 7]);
		expect(view.shape).toEqual([3, 5, 8]);
	});

	it('shows the one-hot matrix of the chosen text, padding included; an empty choice falls back to text 1', () => {
		const view = build({ ...defaults(), show: 3 });
		expect(view.shown).toBe(2);
		expect(view.oneHot).toHaveLength(7);
		expect(view.oneHot[6][0]).toBe(1); // <pad> is one-hot at id 0
		const fallback = build({ ...defaults(), c: '', show: 3 });
		expect(fallback.shown).toBe(0);
	});

	it('an empty text 1 still gives a batch; spaces are shown as ␣', () => {
		const view = build({ ...defaults(), a: '', b: 'a b', c: '' });
		expect(view.vocabulary).toEqual(['<pad>', '<sos>', '<eos>', '<unk>']);
		expect(view.rows[1].unknown).toEqual(['a', ' ', 'b']);
		expect(showToken(' ')).toBe('␣');
	});

	it('a text longer than 60 characters in a link is refused with a message', () => {
		const parsed = parseQuery(schema, `a=${'x'.repeat(61)}`);
		expect(parsed.values.a).toBe('hello');
		expect(parsed.issues[0].message).toContain('at most 60 characters');
	});
});

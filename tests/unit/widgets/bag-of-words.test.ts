import { describe, expect, it } from 'vitest';
import { compare, movedPositions, schema } from '$lib/widgets/bag-of-words/model';
import { parseQuery } from '$lib/widgets/params';

describe('bag-of-words comparer', () => {
	it('the lecture’s two sentences give equal vectors although they differ', () => {
		const result = compare(parseQuery(schema, '').values);
		expect(result.verdict).toBe('same-bag');
		expect(Array.from(result.countsA)).toEqual(Array.from(result.countsB));
		expect(result.vocabulary).toEqual(['david', 'is', 'good', 'at', 'math', 'but', 'bad', 'in', 'science']);
		expect(result.countsA[result.vocabulary.indexOf('is')]).toBe(2);
	});

	it('changing a word makes the vectors differ, and names the word', () => {
		const result = compare({ a: 'the cat sat', b: 'the dog sat' });
		expect(result.verdict).toBe('different');
		expect(result.differing).toEqual(['cat', 'dog']);
	});

	it('punctuation and case do not matter; identical text is recognised', () => {
		expect(compare({ a: 'Hello, world!', b: 'hello world' }).verdict).toBe('identical-text');
	});

	it('an empty sentence asks for input instead of failing', () => {
		expect(compare({ a: '', b: 'words' }).verdict).toBe('empty');
	});

	it('marks the positions where the word order differs', () => {
		expect([...movedPositions(['a', 'b', 'c'], ['a', 'c', 'b'])]).toEqual([1, 2]);
	});
});

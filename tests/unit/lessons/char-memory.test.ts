import { describe, expect, it } from 'vitest';
import { distance, generateUntilEnd, trainCharMemory, walk } from '$lib/lesson/char-memory';

describe('lesson 11: the hello model with <eos>', () => {
	const model = trainCharMemory();
	const rows = walk(model);

	it('trains on h e l l o <eos>: the vocabulary keeps h at id 0 and puts <eos> last', () => {
		expect(model.tokens).toEqual(['h', 'e', 'l', 'o', '<eos>']);
		expect(model.loss).toBeLessThan(0.05);
	});

	it('the two l’s get the same input, start from different states, and predict l then o', () => {
		const [first, second] = rows.filter((r) => r.input === 'l');
		expect(first.t).toBe(3);
		expect(second.t).toBe(4);
		expect(distance(first.before, second.before)).toBeGreaterThan(0.1);
		expect(first.top).toBe('l');
		expect(second.top).toBe('o');
	});

	it('generation from h stops when the model writes <eos>, not at the length cap', () => {
		const run = generateUntilEnd(model, 'h', 20);
		expect(run.stoppedBy).toBe('eos');
		expect(run.tokens.join('')).toBe('ello<eos>');
		expect(generateUntilEnd(model, 'h', 2).stoppedBy).toBe('limit');
	});
});

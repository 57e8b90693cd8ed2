import { describe, expect, it } from 'vitest';
import { LOSS_WINDOW, trailingMean } from '../../src/lib/widgets/trainer/model';

describe('trailingMean (the lab’s headline loss)', () => {
	it('averages only the last window of values', () => {
		const values = Array.from({ length: LOSS_WINDOW + 50 }, (_, i) => (i < 50 ? 1000 : 2));
		expect(trailingMean(values, LOSS_WINDOW)).toBe(2);
	});
	it('averages everything while there are fewer values than the window', () => {
		expect(trailingMean([1, 2, 6], LOSS_WINDOW)).toBe(3);
	});
	it('has no value before the first step', () => {
		expect(trailingMean([], LOSS_WINDOW)).toBeNull();
	});
});

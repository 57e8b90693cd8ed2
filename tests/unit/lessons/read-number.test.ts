import { describe, expect, it } from 'vitest';
import { readNumber } from '$lib/lesson/read-number';

describe('readNumber (what a NumberCheck accepts)', () => {
	it('reads plain numbers, a decimal comma and spaces', () => {
		expect(readNumber('0.357')).toBe(0.357);
		expect(readNumber(' 0,357 ')).toBe(0.357);
		expect(readNumber('1 000')).toBe(1000);
		expect(readNumber('-2')).toBe(-2);
	});
	it('drops a trailing percent sign: "10%" is 10, as the "in %" questions expect', () => {
		expect(readNumber('10%')).toBe(10);
		expect(readNumber('99.5 %')).toBe(99.5);
	});
	it('refuses what is not a number', () => {
		expect(readNumber('')).toBeNull();
		expect(readNumber('%')).toBeNull();
		expect(readNumber('ten')).toBeNull();
		expect(readNumber('1,2,3')).toBeNull();
		expect(readNumber('%10')).toBeNull();
	});
});

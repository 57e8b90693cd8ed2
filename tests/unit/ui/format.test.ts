import { describe, expect, it } from 'vitest';
import { MINUS, normalizeTyped, count, exact, fixed, list, percent, plural, readable, scientific, sig, signed, superscript, tex, trueMinus } from '$lib/ui/format';

describe('ui/format', () => {
	it('writes whole numbers exactly, with separators and the true minus sign', () => {
		expect(exact(262144)).toBe('262,144');
		expect(exact(-1234567)).toBe('−1,234,567');
		expect(exact(7)).toBe('7');
		expect(exact(-0)).toBe('0');
		expect(count(10400)).toBe('10,400');
	});

	it('never rounds a non-integer it was not asked to round', () => {
		expect(exact(-1 / 3)).toBe('−0.3333333333333333');
		expect(exact(12345.678)).toBe('12,345.678');
		expect(exact(1e-21)).toBe('1×10⁻²¹');
		expect(exact(Number.NaN)).toBe('NaN');
		expect(exact(-Infinity)).toBe('−∞');
	});

	it('scientific: always m×10ⁿ, trailing zeros kept; zero is 0', () => {
		expect(scientific(0.001)).toBe('1.0×10⁻³');
		expect(scientific(-25000)).toBe('−2.5×10⁴');
		expect(scientific(3.14159, 3)).toBe('3.14×10⁰');
		expect(scientific(0)).toBe('0');
	});

	it('tex: thousands commas braced so TeX does not space them', () => {
		expect(tex(10400)).toBe('10{,}400');
		expect(tex(-1234.5, (x) => fixed(x, 1))).toBe('−1{,}234.5');
		expect(tex(12)).toBe('12');
		expect(tex(1.5e-9, (x) => sig(x, 2))).toBe('1.5\\times 10^{-9}');
		expect(tex(4.2e12, (x) => scientific(x, 2))).toBe('4.2\\times 10^{12}');
	});

	it('fixed decimals: rounds as asked, −0.00 is 0.00', () => {
		expect(fixed(-0.524)).toBe('−0.52');
		expect(fixed(-0.001)).toBe('0.00');
		expect(fixed(12345.678)).toBe('12,345.68');
		expect(fixed(0.9, 3)).toBe('0.900');
		// Rounded from the number as written (1.005), not from the float64 just below it; carries ripple.
		expect(fixed(1.005)).toBe('1.01');
		expect(fixed(-2.675)).toBe('−2.68');
		expect(fixed(999.995)).toBe('1,000.00');
		expect(fixed(0.00049, 3)).toBe('0.000');
		expect(fixed(7, 0)).toBe('7');
		expect(fixed(1e21, 1)).toBe('1,000,000,000,000,000,000,000.0');
		expect(exact(2 ** 60)).toBe('1,152,921,504,606,847,000');
	});

	it('significant figures, ×10ⁿ outside the declared range', () => {
		expect(sig(0.000123)).toBe('1.23×10⁻⁴');
		expect(sig(null)).toBe('—');
		expect(sig(1234.5678)).toBe('1,235');
		expect(sig(-0.5, 4, { trim: false })).toBe('−0.5000');
		expect(sig(-2.5e7, 3)).toBe('−2.5×10⁷');
		expect(sig(0.00512345, 3)).toBe('0.00512');
		expect(sig(99999.9, 3)).toBe('1×10⁵');
		expect(sig(0)).toBe('0');
	});

	it('readable: six figures, exact integers', () => {
		expect(readable(0.9051482536448664)).toBe('0.905148');
		expect(readable(123456.7)).toBe('123,457');
		expect(readable(262144)).toBe('262,144');
		expect(readable(8.756e-21)).toBe('8.756×10⁻²¹');
		expect(readable(-2.5e7)).toBe('−2.5×10⁷');
	});

	it('percent, plural, signed, list', () => {
		expect(percent(0.1234)).toBe('12.3%');
		expect(percent(1)).toBe('100.0%');
		expect(percent(0.5, 0)).toBe('50%');
		expect(percent(null)).toBe('—');
		expect(plural(1, 'step')).toBe('1 step');
		expect(plural(12000, 'step')).toBe('12,000 steps');
		expect(plural(3, 'entry', 'entries')).toBe('3 entries');
		expect(signed(0.5, (x) => fixed(x, 1))).toBe('+0.5');
		expect(signed(-0.5, (x) => fixed(x, 1))).toBe('−0.5');
		expect(signed(0.001, (x) => fixed(x, 1))).toBe('0.0');
		expect(list([0.123, -0.5], (x) => fixed(x))).toBe('[0.12, −0.50]');
		expect(list([1234, 5])).toBe('[1\u202f234, 5]');
	});

	it('every negative number carries U+2212, never a hyphen', () => {
		for (const text of [exact(-3), fixed(-3), sig(-3e-9), readable(-0.25), percent(-0.1), trueMinus('-1')]) {
			expect(text.startsWith(MINUS)).toBe(true);
			expect(text).not.toContain('-');
		}
		expect(superscript(-12)).toBe('⁻¹²');
		expect(Number(normalizeTyped(exact(-1.5)))).toBe(-1.5);
		expect(normalizeTyped(' –0,25 ')).toBe('-0.25');
	});
});

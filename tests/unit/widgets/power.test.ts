import { describe, expect, it } from 'vitest';
import { powerSequence } from '$lib/engine/powers';
import { parseQuery } from '$lib/widgets/params';
import { formatPower, schema, seriesLabel, seriesOf, tidyFactor, trendOf } from '$lib/widgets/power/model';
import { formatLogTick, superscript } from '$lib/ui/charts/log-axis';

describe('power widget model', () => {
	it('shows the lecture’s two rows to two decimals', () => {
		const [shrink] = seriesOf(parseQuery(schema, 'factor=0.9&steps=9').values);
		expect(shrink.values.map(formatPower)).toEqual(['0.90', '0.81', '0.73', '0.66', '0.59', '0.53', '0.48', '0.43', '0.39']);
		const [grow] = seriesOf(parseQuery(schema, 'factor=1.5&steps=8').values);
		expect(grow.values.map(formatPower)).toEqual(['1.50', '2.25', '3.38', '5.06', '7.59', '11.39', '17.09', '25.63']);
	});

	it('takes the powers from the engine and adds the comparison factor', () => {
		const values = parseQuery(schema, 'factor=0.9&steps=12&compare=1.5').values;
		const series = seriesOf(values);
		expect(series.map((s) => s.label)).toEqual(['0.9ⁿ', '1.5ⁿ']);
		expect(series[0].values).toEqual(powerSequence(0.9, 12));
		expect(series[1].values).toEqual(powerSequence(1.5, 12));
		expect(seriesOf({ factor: 0.9, steps: 3, compare: 0 })).toHaveLength(1);
		expect(seriesOf({ factor: 0.9, steps: 3, compare: 0.9 })).toHaveLength(1);
	});

	it('refuses bad input with a message and keeps the defaults', () => {
		for (const query of ['factor=abc', 'factor=-1', 'factor=9', 'steps=0', 'steps=2.5', 'steps=61', 'compare=x']) {
			const parsed = parseQuery(schema, query);
			expect(parsed.issues, query).toHaveLength(1);
			expect(parsed.values).toEqual({ factor: 0.9, steps: 9, compare: 0 });
		}
		expect(parseQuery(schema, 'factor=9').issues[0].message).toContain('a number from 0.01 to 4');
	});

	it('formats tiny and huge powers readably, and labels log ticks', () => {
		expect(formatPower(0.00512345)).toBe('0.00512');
		expect(formatPower(0.5 ** 30)).toBe('9.31×10⁻¹⁰');
		expect(formatPower(4 ** 60)).toBe('1.33×10³⁶');
		expect(formatPower(12345.678)).toBe('12,345.68');
		expect(formatPower(123456.7)).toBe('1.23×10⁵');
		expect(formatLogTick(1e-6)).toBe('10⁻⁶');
		expect(formatLogTick(100)).toBe('100');
		expect(formatLogTick(0.2)).toBe('0.2');
		expect(superscript(-12)).toBe('⁻¹²');
	});

	it('writes exact whole powers exactly: 4⁹ is 262,144, not a rounded 262000', () => {
		const [four] = seriesOf({ factor: 4, steps: 9, compare: 0 });
		expect(four.values[8]).toBe(262144);
		expect(four.values.map(formatPower)).toEqual(['4', '16', '64', '256', '1,024', '4,096', '16,384', '65,536', '262,144']);
		const [two] = seriesOf({ factor: 2, steps: 60, compare: 0 });
		expect(formatPower(two.values[51])).toBe('4,503,599,627,370,496');
		// Past 2⁵³ a float64 no longer holds every whole number, so the declared rounding applies.
		expect(formatPower(two.values[53])).toBe('1.8×10¹⁶');
	});

	it('tidies slider values and names the trend', () => {
		expect(tidyFactor(0.1 + 0.2)).toBe(0.3);
		expect(tidyFactor(7)).toBe(4);
		expect(trendOf(0.9)).toBe('shrinks');
		expect(trendOf(1)).toBe('stays');
		expect(trendOf(1.5)).toBe('grows');
		expect(seriesLabel(0.95)).toBe('0.95ⁿ');
	});
});

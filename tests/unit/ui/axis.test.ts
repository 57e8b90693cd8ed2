import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { linearTicks, valueTicks } from '$lib/ui/charts/axis';

describe('linearTicks', () => {
	it('labels a 0–199 axis in plain numbers, not 1e+2', () => {
		const labels = linearTicks(scaleLinear().domain([0, 199]), 8).map((t) => t.label);
		expect(labels).toEqual(['0', '20', '40', '60', '80', '100', '120', '140', '160', '180']);
	});
	it('uses the true minus sign, thousands separators and only the decimals the step needs', () => {
		expect(linearTicks(scaleLinear().domain([-1.2, 1.2]), 5).map((t) => t.label)).toEqual(['−1', '−0.5', '0', '0.5', '1']);
		expect(linearTicks(scaleLinear().domain([0, 20000]), 5).map((t) => t.label)).toEqual(['0', '5,000', '10,000', '15,000', '20,000']);
		expect(linearTicks(scaleLinear().domain([0, 0.0003]), 3).map((t) => t.label)).toEqual(['0', '0.0001', '0.0002', '0.0003']);
	});
});

describe('valueTicks', () => {
	it('writes chosen values like linearTicks: true minus, no trailing zeros', () => {
		expect(valueTicks([-1, -0.5, 0, 0.5, 1, 2500]).map((t) => t.label)).toEqual(['−1', '−0.5', '0', '0.5', '1', '2,500']);
	});
});

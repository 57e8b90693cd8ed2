import { describe, expect, it } from 'vitest';
import { spreadLabels } from '$lib/ui/charts/spread';

describe('spreadLabels', () => {
	it('leaves labels that have room at their marks', () => {
		expect(spreadLabels([10, 50, 90], 12, 0, 100)).toEqual([
			{ x: 10, row: 0 },
			{ x: 50, row: 0 },
			{ x: 90, row: 0 }
		]);
	});
	it('pushes crowded labels apart by their width, inside the range', () => {
		const placed = spreadLabels([95, 97, 98, 99], 10, 0, 100);
		const xs = placed.map((p) => p.x);
		expect(xs).toEqual([65, 75, 85, 95]);
		expect(placed.every((p) => p.row === 0)).toBe(true);
	});
	it('keeps the first label off the left edge', () => {
		expect(spreadLabels([0, 1], 10, 0, 100).map((p) => p.x)).toEqual([5, 15]);
	});
	it('uses more rows when one row cannot hold every label, and no two of a row touch', () => {
		const anchors = Array.from({ length: 40 }, (_, i) => i * 8);
		const placed = spreadLabels(anchors, 14, 0, 320);
		const rows = new Set(placed.map((p) => p.row));
		expect(rows.size).toBe(2);
		for (const row of rows) {
			const xs = placed.filter((p) => p.row === row).map((p) => p.x);
			for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(14);
			expect(Math.min(...xs)).toBeGreaterThanOrEqual(7);
			expect(Math.max(...xs)).toBeLessThanOrEqual(313);
		}
	});
});

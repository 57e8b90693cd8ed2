import { describe, expect, it } from 'vitest';
import { clipByValue, clipGradients } from '$lib/engine';
import { parseQuery } from '$lib/widgets/params';
import { angleBetween, clipBoth, extent, normVerdict, schema, valueVerdict } from '$lib/widgets/clipping/model';

describe('clipping widget: URL state', () => {
	it('reads g and the threshold, and refuses a g of the wrong length or a threshold out of range', () => {
		expect(parseQuery(schema, 'g=30,40&threshold=5').values).toEqual({ g: [30, 40], threshold: 5 });
		expect(parseQuery(schema, '').values).toEqual({ g: [12, 3], threshold: 5 });
		const short = parseQuery(schema, 'g=30');
		expect(short.values.g).toEqual([12, 3]);
		expect(short.issues.map((i) => i.param)).toEqual(['g']);
		const zero = parseQuery(schema, 'threshold=0');
		expect(zero.values.threshold).toBe(5);
		expect(zero.issues.map((i) => i.param)).toEqual(['threshold']);
	});
});

describe('clipBoth(g, g_max): the engine’s two clips side by side', () => {
	it('(12, 3) at 5: by value (5, 3) turns the direction, by norm keeps it at length 5', () => {
		const c = clipBoth([12, 3], 5);
		const v = Float64Array.of(12, 3);
		clipByValue(v, 5);
		const n = Float64Array.of(12, 3);
		const { scale } = clipGradients(n, 5);
		expect([c.byValue.x, c.byValue.y]).toEqual(Array.from(v));
		expect([c.byNorm.x, c.byNorm.y]).toEqual(Array.from(n));
		expect([c.byValue.x, c.byValue.y]).toEqual([5, 3]);
		expect(c.byValue.clamped).toBe(1);
		expect(c.byNorm.scale).toBe(scale);
		expect(c.byNorm.norm).toBeCloseTo(5, 5);
		expect(c.given.angle).toBeCloseTo((Math.atan2(3, 12) * 180) / Math.PI, 12);
		expect(c.valueTurn).toBeCloseTo((Math.atan2(3, 5) * 180) / Math.PI - (Math.atan2(3, 12) * 180) / Math.PI, 10);
		expect(c.normTurn).toBeLessThan(1e-12);
		expect(valueVerdict(c, 5)).toBe(`One entry was clamped to ±5: the direction turned by ${c.valueTurn!.toFixed(1)}°.`);
		expect(normVerdict(c, 5)).toMatch(/^Scaled by 0\.40\d to length 5: the direction is kept\.$/);
	});

	it('says when nothing is clipped, and when equal entries keep their direction by value', () => {
		const none = clipBoth([12, 3], 15);
		expect(none.byValue).toMatchObject({ x: 12, y: 3, clamped: 0 });
		expect(none.byNorm).toMatchObject({ x: 12, y: 3, scale: 1 });
		expect(valueVerdict(none, 15)).toBe('Nothing clamped: both entries are within ±15.');
		expect(normVerdict(none, 15)).toBe('Nothing scaled: the length 12.4 is within 15.');
		const diagonal = clipBoth([-20, -20], 2);
		expect([diagonal.byValue.x, diagonal.byValue.y]).toEqual([-2, -2]);
		expect(valueVerdict(diagonal, 2)).toMatch(/^Both entries were clamped to ±2; the direction happens to stay the same/);
		// By value, the clipped vector can be longer than g_max (up to √2 · g_max); by norm it never is.
		expect(clipBoth([40, -30], 5).byValue.norm).toBeCloseTo(5 * Math.SQRT2, 12);
	});

	it('never turns the direction by norm, for any g and g_max; by value every entry stays within g_max', () => {
		for (const g of [[1, 2], [-50, 7], [0.3, -99], [100, 100], [0, 8]]) {
			for (const t of [0.1, 1, 5, 20, 100]) {
				const c = clipBoth(g, t);
				expect(c.normTurn ?? 0).toBeLessThan(1e-12);
				expect(Math.abs(c.byValue.x)).toBeLessThanOrEqual(t);
				expect(Math.abs(c.byValue.y)).toBeLessThanOrEqual(t);
				expect(c.byNorm.norm).toBeLessThanOrEqual(Math.max(t, 0) + 1e-12 + (c.byNorm.scale === 1 ? c.given.norm : 0));
			}
		}
	});

	it('the zero gradient has no direction and is left alone', () => {
		const c = clipBoth([0, 0], 1);
		expect(c.given.angle).toBeNull();
		expect(c.valueTurn).toBeNull();
		expect(angleBetween(c.given, c.byNorm)).toBeNull();
		expect(valueVerdict(c, 1)).toBe('Nothing clamped: both entries are within ±1.');
	});

	it('the picture shows g, the box and a margin', () => {
		expect(extent([12, 3], 5)).toBeCloseTo(13.8, 12);
		expect(extent([1, -2], 10)).toBeCloseTo(11.5, 12);
	});
});

import { describe, expect, it } from 'vitest';
import { tanh, tanhDerivativeFromOutput } from '$lib/engine/activations';
import { parseQuery } from '$lib/widgets/params';
import {
	clampA,
	compareExpression,
	curve,
	pointAt,
	regime,
	saturationEdge,
	schema,
	tableRows,
	tangent,
	throughSteps
} from '$lib/widgets/tanh/model';

describe('tanh widget model', () => {
	it('reads a and cell from the URL, and refuses a outside −6…6', () => {
		expect(parseQuery(schema, 'a=2.5&cell=1').values).toEqual({ a: 2.5, cell: true });
		expect(parseQuery(schema, '').values).toEqual({ a: 1, cell: false });
		const bad = parseQuery(schema, 'a=9');
		expect(bad.values.a).toBe(1);
		expect(bad.issues[0].message).toContain('a number from -6 to 6');
	});

	it('takes tanh and its slope from the engine', () => {
		const p = pointAt(1.5);
		expect(p.y).toBe(tanh(1.5));
		expect(p.slope).toBe(tanhDerivativeFromOutput(tanh(1.5)));
		expect(p.slope).toBeCloseTo(0.180707, 6);
		expect(pointAt(0)).toEqual({ a: 0, y: 0, slope: 1 });
	});

	it('saturates for large |a|: the slope goes to 0 and slope^10 vanishes', () => {
		expect(pointAt(6).slope).toBeLessThan(3e-5);
		expect(regime(pointAt(0.2).slope)).toBe('linear');
		expect(regime(pointAt(1).slope)).toBe('bending');
		expect(regime(pointAt(3).slope)).toBe('saturated');
		expect(throughSteps(pointAt(3).slope)).toBeLessThan(1e-19);
		const edge = saturationEdge(0.1);
		expect(pointAt(edge).slope).toBeCloseTo(0.1, 9);
		expect(edge).toBeCloseTo(Math.atanh(Math.sqrt(0.9)), 9);
	});

	it('draws the tangent through the point with the slope', () => {
		const p = pointAt(0.5);
		const [[x0, y0], [x1, y1]] = tangent(p, -6, 6);
		expect([x0, x1]).toEqual([-6, 6]);
		expect((y1 - y0) / (x1 - x0)).toBeCloseTo(p.slope, 12);
		expect(y0 + p.slope * (0.5 - x0)).toBeCloseTo(p.y, 12);
	});

	it('samples the curve across the range and keeps a on it', () => {
		const points = curve(13);
		expect(points.map((p) => p.a)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
		expect(clampA(7)).toBe(6);
		expect(clampA(0.1 + 0.2)).toBe(0.3);
	});

	it('lists integer a and the current a in the data table', () => {
		const rows = tableRows(1.25);
		expect(rows).toHaveLength(14);
		expect(rows.filter((r) => r.current).map((r) => r.a)).toEqual([1.25]);
		expect(tableRows(2).filter((r) => r.current).map((r) => r.a)).toEqual([2]);
	});

	it('recognises the cell’s expressions and answers with the engine’s values', () => {
		expect(compareExpression(' tanh( a ) ', 2)).toEqual({ label: 'tanh(a)', value: tanh(2) });
		expect(compareExpression('1 - tanh(a)^2', 2)?.value).toBe(tanhDerivativeFromOutput(tanh(2)));
		expect(compareExpression('1-y^2', 2)?.value).toBe(tanhDerivativeFromOutput(tanh(2)));
		expect(compareExpression('(1 - y^2)^10', 2)?.value).toBe(throughSteps(pointAt(2).slope));
		expect(compareExpression('tanh(2 * a)', 2)).toBeNull();
	});
});

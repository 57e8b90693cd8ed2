import { describe, expect, it } from 'vitest';
import { agrees, cellTexts, formatComplex, formatNumber, lengthProblem, shapeLabel, shapePhrase, spokenOutcome, visibleWindow } from '$lib/mathcell/format';

describe('MathCell formatting', () => {
	it('shows 6 significant figures, a true minus and ×10ⁿ for very large or small numbers', () => {
		expect(formatNumber(0.9051482536448664)).toBe('0.905148');
		expect(formatNumber(-0.5)).toBe('−0.5');
		expect(formatNumber(12)).toBe('12');
		expect(formatNumber(123456.7)).toBe('123,457');
		expect(formatNumber(0.00986603)).toBe('0.00986603');
		expect(formatNumber(8.756e-21)).toBe('8.756×10⁻²¹');
		expect(formatNumber(-2.5e7)).toBe('−2.5×10⁷');
		expect(formatNumber(0)).toBe('0');
		expect(formatNumber(-0)).toBe('0');
		expect(formatNumber(NaN)).toBe('NaN');
		expect(formatNumber(-Infinity)).toBe('−∞');
	});

	it('writes complex numbers as a ± bi with true minus signs', () => {
		expect(formatComplex({ re: 0.5, im: 0.8660254037844386 })).toBe('0.5 + 0.866025i');
		expect(formatComplex({ re: 0.5, im: -0.8660254037844386 })).toBe('0.5 − 0.866025i');
		expect(formatComplex({ re: -0.25, im: -2 })).toBe('−0.25 − 2i');
		expect(formatComplex({ re: 0, im: 1 })).toBe('i');
		expect(formatComplex({ re: 0, im: -1 })).toBe('−i');
		expect(formatComplex({ re: 0, im: -3.5 })).toBe('−3.5i');
		expect(formatComplex({ re: -1.5, im: 0 })).toBe('−1.5');
		expect(formatComplex({ re: 1e-7, im: 2e-9 })).toBe('1×10⁻⁷ + 2×10⁻⁹i');
		expect(formatComplex({ re: 0.1, im: 1 / 3 }, true)).toBe('0.1 + 0.3333333333333333i');
	});

	it('lays complex eigenvalues out as a column and reads them out', () => {
		const value = { kind: 'complex-vector' as const, value: [{ re: 0.9, im: 0.5 }, { re: 0.9, im: -0.5 }, { re: 0.3, im: 0 }] };
		expect(cellTexts(value)).toEqual([['0.9 + 0.5i'], ['0.9 − 0.5i'], ['0.3']]);
		expect(spokenOutcome({ ok: true, value, note: 'The eigenvalues.' }, null)).toBe(
			'Result: vector 0.9 + 0.5i, 0.9 − 0.5i, 0.3. The eigenvalues.'
		);
		expect(spokenOutcome({ ok: true, value: { kind: 'number', value: 0.5 } }, { value: 0.25 })).toBe(
			'Result: 0.5. The engine gives 0.25.'
		);
	});

	it('gives every digit with full precision', () => {
		expect(formatNumber(0.9051482536448664, true)).toBe('0.9051482536448664');
		expect(formatNumber(1e-21, true)).toBe('1×10⁻²¹');
		expect(formatNumber(-1 / 3, true)).toBe('−0.3333333333333333');
	});

	it('describes shapes for chips and messages', () => {
		expect(shapeLabel(1.5)).toBe('number');
		expect(shapeLabel([1, 2, 3])).toBe('vector, 3');
		expect(shapeLabel([[1, 2], [3, 4], [5, 6]])).toBe('3×2');
		expect(shapePhrase([1])).toBe('has 1 entry');
		expect(shapePhrase([[1, 2]])).toBe('is 1×2');
	});

	it('agrees within 1e-9 and only for the same shape', () => {
		expect(agrees({ kind: 'number', value: 0.5 + 1e-12 }, 0.5)).toBe(true);
		expect(agrees({ kind: 'number', value: 0.5 + 1e-8 }, 0.5)).toBe(false);
		expect(agrees({ kind: 'vector', value: [1, 2] }, [1, 2])).toBe(true);
		expect(agrees({ kind: 'vector', value: [1, 2] }, [[1, 2]])).toBe(false);
		expect(agrees({ kind: 'vector', value: [0.25] }, 0.25)).toBe(true);
		expect(agrees({ kind: 'matrix', value: [[1, 2], [3, 4]] }, [[1, 2], [3, 4 + 1e-10]])).toBe(true);
		expect(agrees({ kind: 'boolean', value: true }, 1)).toBe(false);
		expect(agrees({ kind: 'number', value: 1e12 + 1 }, 1e12)).toBe(true); // relative above 1
	});

	it('cuts large results to a window', () => {
		const rows = Array.from({ length: 30 }, () => new Array(20).fill(0));
		expect(visibleWindow(rows)).toMatchObject({ moreRows: true, moreCols: true });
		expect(visibleWindow(rows).rows).toHaveLength(12);
		expect(visibleWindow([[1], [2]])).toEqual({ rows: [0, 1], cols: [0], moreRows: false, moreCols: false });
	});

	it('says when an expression is too long', () => {
		expect(lengthProblem('x'.repeat(300))).toBeNull();
		expect(lengthProblem('x'.repeat(400))).toMatch(/^That expression is 400 characters long; the cell takes at most 300\./);
	});
});

import { describe, expect, it } from 'vitest';
import {
	entrySpec,
	lectureWindows,
	product,
	productTex,
	resize,
	schema,
	texNumber,
	vectorText
} from '$lib/widgets/window-weights/model';
import { parseParamValue, parseQuery } from '$lib/widgets/params';

const defaults = () => parseQuery(schema, '').values;

describe('a weight matrix on a window', () => {
	// The lecture slide prints the result as [−1, 1], but its own written-out sums,
	// 1·0 + 0·1 + 0·1 + 1·3 + (−1)·2 = 1 and 2·0 + 0·1 + 0·1 + (−1)·3 + 1·2 = −1, give [1, −1].
	it('the lecture’s W times [0, 1, 1, 3, 2] is [1, −1] (the slide’s [−1, 1] has the signs swapped)', () => {
		const p = product(defaults());
		expect(p.rows).toBe(2);
		expect(p.cols).toBe(5);
		expect(Array.from(p.y)).toEqual([1, -1]);
		expect(vectorText(p.y)).toBe('[1, −1]');
		expect(p.mismatch).toBeNull();
	});

	it('shows every product w_ij · x_j, and they add up to the kernel’s result', () => {
		const p = product(defaults());
		expect(p.terms).toEqual([
			[0, 0, 0, 3, -2],
			[0, 0, 0, -3, 2]
		]);
		p.terms.forEach((row, i) => expect(row.reduce((a, b) => a + b, 0)).toBe(p.y[i]));
	});

	it('feeds the lecture’s windows x₁, x₂, x₃ through the same W', () => {
		const windows = lectureWindows();
		expect(windows).toEqual([
			[0, 1, 1, 3, 2],
			[3, 2, 2, 4, 5],
			[4, 5, 4, 7, 8]
		]);
		const ys = windows.map((x) => Array.from(product({ ...defaults(), x }).y));
		expect(ys).toEqual([
			[1, -1],
			[2, 7],
			[3, 9]
		]);
	});

	it('editing one entry of W changes only its row of the result', () => {
		const values = defaults();
		const w = [...values.w];
		w[3] = 2; // W[0][3]: 1 → 2, times x[3] = 3 adds 3
		const p = product({ ...values, w });
		expect(Array.from(p.y)).toEqual([4, -1]);
	});

	it('resizing keeps each entry at its place and fills new ones with 0', () => {
		const w = [1, 2, 3, 4, 5, 6];
		expect(resize(w, 2, 3, 2, 4)).toEqual([1, 2, 3, 0, 4, 5, 6, 0]);
		expect(resize(w, 2, 3, 2, 2)).toEqual([1, 2, 4, 5]);
		expect(resize(w, 2, 3, 3, 3)).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0]);
		expect(resize(w, 2, 3, 1, 3)).toEqual([1, 2, 3]);
	});

	it('a W of the wrong size from a link is filled with zeros (or cut) and reported', () => {
		const short = product({ x: [1, 1, 1], rows: 2, w: [1, 2, 3, 4] });
		expect(Array.from(short.W)).toEqual([1, 2, 3, 4, 0, 0]);
		expect(Array.from(short.y)).toEqual([6, 4]);
		expect(short.mismatch).toEqual({ given: 4, needed: 6 });
		const long = product({ x: [1], rows: 1, w: [5, 6] });
		expect(Array.from(long.y)).toEqual([5]);
		expect(long.mismatch).toEqual({ given: 2, needed: 1 });
	});

	it('refuses typed entries that are not numbers or too large, naming the rule', () => {
		for (const bad of ['abc', '1e999', '', '2..1', '5000']) {
			const result = parseParamValue(entrySpec, bad);
			expect(result.ok, bad).toBe(false);
			if (!result.ok) expect(result.message).toBe('Please enter a number from -1000 to 1000.');
		}
		expect(parseParamValue(entrySpec, '-0.5')).toEqual({ ok: true, value: -0.5 });
	});

	it('a link with a bad x keeps the lecture’s window and says why', () => {
		const parsed = parseQuery(schema, 'x=0,1,abc');
		expect(parsed.values.x).toEqual([0, 1, 1, 3, 2]);
		expect(parsed.issues[0].param).toBe('x');
	});

	it('writes the product in TeX with each sum of products, negatives bracketed', () => {
		const tex = productTex(product(defaults()));
		expect(tex).toContain('1 \\times 0 + 0 \\times 1 + 0 \\times 1 + 1 \\times 3 + (-1) \\times 2');
		expect(tex).toContain('= \\begin{bmatrix} 1 \\\\ -1 \\end{bmatrix}');
		expect(texNumber(1.5e-9)).toBe('1.5\\times 10^{-9}');
		expect(texNumber(0.1 + 0.2)).toBe('0.3');
	});
});

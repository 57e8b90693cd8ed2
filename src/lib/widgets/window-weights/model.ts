/**
 * A weight matrix on a window: y = W x, where x is one window (one time step's features) and W
 * has one row per output. The product is the engine's kernel (`matVecAdd`); this file arranges
 * W, x, every term w_ij · x_j and the result for the view, and writes them in TeX.
 */
import { list, readable } from '$lib/ui/format';
import { makeWindows } from '$lib/engine/data';
import { matVecAdd } from '$lib/engine/linalg';
import type { NumberParam, Schema, Values } from '$lib/widgets/params';
import { LECTURE_SERIES } from '$lib/widgets/windows/model';

/** Entries of W and x lie within ±ENTRY_LIMIT (so every product stays readable). */
export const ENTRY_LIMIT = 1000;
export const MAX_ROWS = 4;
export const MAX_COLS = 8;

export const schema = {
	x: {
		kind: 'number-list',
		min: -ENTRY_LIMIT,
		max: ENTRY_LIMIT,
		minLength: 1,
		maxLength: MAX_COLS,
		default: [0, 1, 1, 3, 2],
		doc: 'The window x, comma-separated; its length is the number of columns of W.'
	},
	rows: {
		kind: 'int',
		min: 1,
		max: MAX_ROWS,
		default: 2,
		doc: 'Rows of W: the number of outputs.'
	},
	w: {
		kind: 'number-list',
		min: -ENTRY_LIMIT,
		max: ENTRY_LIMIT,
		minLength: 1,
		maxLength: MAX_ROWS * MAX_COLS,
		default: [1, 0, 0, 1, -1, 2, 0, 0, -1, 1],
		doc: 'W row by row: `rows` × (length of `x`) numbers. Too few are filled with 0 and too many ignored, and the widget says so.'
	}
} satisfies Schema;

export type WindowWeightsValues = Values<typeof schema>;
export const controls = ['x', 'w', 'rows'] as const;

/** The rule for one typed entry of W or x: the same check a link gets. */
export const entrySpec: NumberParam = {
	kind: 'number',
	min: -ENTRY_LIMIT,
	max: ENTRY_LIMIT,
	default: 0,
	doc: 'One entry of W or x.'
};

export interface Product {
	rows: number;
	cols: number;
	/** W, row-major, rows × cols. */
	W: Float64Array;
	x: Float64Array;
	/** y = W x, from the engine's kernel. */
	y: Float64Array;
	/** terms[i][j] = W[i][j] · x[j], the pieces each y_i adds up. */
	terms: number[][];
	/** Set when `w` did not hold rows × cols numbers: what it held and what W needs. */
	mismatch: { given: number; needed: number } | null;
}

export function product(values: WindowWeightsValues): Product {
	const rows = values.rows;
	const cols = values.x.length;
	const needed = rows * cols;
	const W = new Float64Array(needed);
	for (let k = 0; k < Math.min(needed, values.w.length); k++) W[k] = values.w[k];
	const x = Float64Array.from(values.x);
	const y = new Float64Array(rows);
	matVecAdd(y, 0, W, 0, rows, cols, x, 0);
	const terms = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => W[i * cols + j] * x[j]));
	return {
		rows,
		cols,
		W,
		x,
		y,
		terms,
		mismatch: values.w.length === needed ? null : { given: values.w.length, needed }
	};
}

/**
 * W laid out for a new size: entry (i, j) keeps its value, new entries are 0, entries outside
 * the new size are dropped. Used when x gains or loses a value or W gains or loses a row.
 */
export function resize(w: readonly number[], rows: number, cols: number, newRows: number, newCols: number): number[] {
	const out = new Array<number>(newRows * newCols).fill(0);
	for (let i = 0; i < Math.min(rows, newRows); i++) {
		for (let j = 0; j < Math.min(cols, newCols); j++) {
			const v = w[i * cols + j];
			out[i * newCols + j] = v === undefined ? 0 : v;
		}
	}
	return out;
}

/** The lecture's windows of length 5, stride 3: x_1, x_2, x_3, to feed one after another. */
export function lectureWindows(): number[][] {
	return makeWindows(LECTURE_SERIES, 5, 3).windows;
}

/** A number for TeX: at most 6 significant figures, e-notation as × 10^n. */
export function texNumber(v: number): string {
	const text = String(Number(v.toPrecision(6)));
	const e = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
	return e ? `${e[1]}\\times 10^{${Number(e[2])}}` : text;
}

/** A factor in a sum, bracketed when negative: (−1) \times 2. */
function factor(v: number): string {
	return v < 0 ? `(${texNumber(v)})` : texNumber(v);
}

function column(entries: readonly string[]): string {
	return `\\begin{bmatrix} ${entries.join(' \\\\ ')} \\end{bmatrix}`;
}

/** W x = [sums of products] = y, written out as the lecture does, one step per line. */
export function productTex(p: Product): string {
	const matrix = `\\begin{bmatrix} ${Array.from({ length: p.rows }, (_, i) =>
		Array.from({ length: p.cols }, (_, j) => texNumber(p.W[i * p.cols + j])).join(' & ')
	).join(' \\\\ ')} \\end{bmatrix}`;
	const x = column(Array.from(p.x, texNumber));
	const sums = column(
		Array.from({ length: p.rows }, (_, i) =>
			Array.from({ length: p.cols }, (_, j) => `${factor(p.W[i * p.cols + j])} \\times ${factor(p.x[j])}`).join(' + ')
		)
	);
	const y = column(Array.from(p.y, texNumber));
	return `\\begin{aligned} \\mathbf{W}\\mathbf{x} &= ${matrix} ${x} \\\\[4pt] &= ${sums} \\\\[4pt] &= ${y} \\end{aligned}`;
}

/** The result as the lecture writes it: [−1, 1]. */
export function vectorText(v: ArrayLike<number>): string {
	return list(v, readable);
}

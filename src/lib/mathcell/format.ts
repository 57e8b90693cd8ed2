/**
 * How MathCell shows numbers, shapes and agreement. Pure and free of mathjs, so the page that
 * shows the cell does not load mathjs; the worker loads it.
 */
import { MINUS, exact, readable } from '$lib/ui/format';
import { MAX_EXPRESSION_LENGTH, type CellComplex, type CellMatrix, type CellOutcome, type CellValue, type CellVector } from './protocol';

/** Two results agree when every entry is within this (relative above 1, absolute below). */
export const AGREEMENT_TOLERANCE = 1e-9;

/**
 * A number for reading (the kit's `readable`: 6 significant figures, ×10ⁿ far from 1). `full`
 * gives every digit a float64 holds (the kit's `exact`).
 */
export function formatNumber(x: number, full = false): string {
	return full ? exact(x) : readable(x);
}

/**
 * A complex number as a ± bi with true minus signs: 0.5 + 0.866025i, 0.5 − 0.866025i, −i, 2.
 * A zero imaginary part is left out, so a real eigenvalue reads as a plain number.
 */
export function formatComplex(z: CellComplex, full = false): string {
	if (z.im === 0) return formatNumber(z.re, full);
	const size = Math.abs(z.im);
	const imaginary = `${size === 1 ? '' : formatNumber(size, full)}i`;
	if (z.re === 0) return z.im < 0 ? `${MINUS}${imaginary}` : imaginary;
	return `${formatNumber(z.re, full)} ${z.im < 0 ? MINUS : '+'} ${imaginary}`;
}

/** The value's shape as mathjs sees it: [] for a number, [n] for a vector, [rows, cols]. */
export function shapeOf(value: number | CellVector | CellMatrix): number[] {
	if (!Array.isArray(value)) return [];
	if (value.length > 0 && Array.isArray(value[0])) return [value.length, (value[0] as number[]).length];
	return [value.length];
}

/** A short shape label for a chip: “number”, “vector, 3”, “4×4”. */
export function shapeLabel(value: number | CellVector | CellMatrix): string {
	const shape = shapeOf(value);
	if (shape.length === 0) return 'number';
	if (shape.length === 1) return `vector, ${shape[0]}`;
	return `${shape[0]}×${shape[1]}`;
}

/** The same in a sentence: “is a number”, “has 3 entries”, “is 4×4”. */
export function shapePhrase(value: number | CellVector | CellMatrix): string {
	const shape = shapeOf(value);
	if (shape.length === 0) return 'is a number';
	if (shape.length === 1) return `has ${shape[0]} ${shape[0] === 1 ? 'entry' : 'entries'}`;
	return `is ${shape[0]}×${shape[1]}`;
}

/** A lesson's plain value as a CellValue, to show an engine value like a result. */
export function toCellValue(value: number | CellVector | CellMatrix): CellValue {
	const shape = shapeOf(value);
	if (shape.length === 0) return { kind: 'number', value: value as number };
	if (shape.length === 1) return { kind: 'vector', value: value as CellVector };
	return { kind: 'matrix', value: value as CellMatrix };
}

function close(a: number, b: number): boolean {
	if (Object.is(a, b)) return true;
	if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
	return Math.abs(a - b) <= AGREEMENT_TOLERANCE * Math.max(1, Math.abs(b));
}

/**
 * Whether the cell's result agrees with the engine's value: same shape and every entry within
 * AGREEMENT_TOLERANCE. A 1-entry vector or 1×1 matrix counts as a number.
 */
export function agrees(result: CellValue, engine: number | CellVector | CellMatrix): boolean {
	const flat = (v: CellValue): { shape: number[]; entries: number[] } | null => {
		if (v.kind === 'number') return { shape: [], entries: [v.value] };
		if (v.kind === 'vector') return { shape: [v.value.length], entries: v.value };
		if (v.kind === 'matrix') return { shape: shapeOf(v.value), entries: v.value.flat() };
		return null;
	};
	const a = flat(result);
	const b = flat(toCellValue(engine));
	if (!a || !b) return false;
	const scalar = (x: { entries: number[] }) => x.entries.length === 1;
	const sameShape =
		(scalar(a) && scalar(b)) || (a.shape.length === b.shape.length && a.shape.every((n, i) => n === b.shape[i]));
	return sameShape && a.entries.length === b.entries.length && a.entries.every((x, i) => close(x, b.entries[i]));
}

/** A value's entries as rows of text, for a table; a vector is shown as a column. */
export function cellTexts(value: CellValue, full = false): string[][] {
	if (value.kind === 'vector') return value.value.map((x) => [formatNumber(x, full)]);
	if (value.kind === 'complex-vector') return value.value.map((z) => [formatComplex(z, full)]);
	if (value.kind === 'matrix') return value.value.map((row) => row.map((x) => formatNumber(x, full)));
	if (value.kind === 'number') return [[formatNumber(value.value, full)]];
	if (value.kind === 'complex') return [[formatComplex(value.value, full)]];
	return [];
}

/** Cell positions to show when a result is large: the first rows/columns, then an ellipsis. */
export interface Window {
	rows: number[];
	cols: number[];
	moreRows: boolean;
	moreCols: boolean;
}

export function visibleWindow(rows: unknown[][], maxRows = 12, maxCols = 8): Window {
	const rowCount = rows.length;
	const colCount = rows[0]?.length ?? 0;
	const take = (n: number, max: number) => Array.from({ length: Math.min(n, max) }, (_, i) => i);
	return {
		rows: take(rowCount, maxRows),
		cols: take(colCount, maxCols),
		moreRows: rowCount > maxRows,
		moreCols: colCount > maxCols
	};
}

/** The result's kind and size in words, e.g. “4×4 matrix”, “vector of 3”, “number”. */
export function describeValue(value: CellValue): string {
	switch (value.kind) {
		case 'number':
			return 'number';
		case 'vector':
			return `vector of ${value.value.length}`;
		case 'complex':
			return 'complex number';
		case 'complex-vector':
			return `vector of ${value.value.length}, complex`;
		case 'matrix':
			return `${value.value.length}×${value.value[0]?.length ?? 0} matrix`;
		case 'boolean':
			return 'true or false';
		case 'text':
			return 'text';
		case 'function':
			return 'function';
		case 'none':
			return 'nothing';
	}
}

/** Why an expression is too long to evaluate, or null. Checked before anything is sent. */
export function lengthProblem(expression: string): string | null {
	return expression.length > MAX_EXPRESSION_LENGTH
		? `That expression is ${expression.length} characters long; the cell takes at most ${MAX_EXPRESSION_LENGTH}. Split it into steps with names, e.g. z = Whh * h1; tanh(z).`
		: null;
}

/** A value in words for a screen reader (short vectors read out, larger results described). */
export function spokenValue(value: CellValue, full = false): string {
	if (value.kind === 'number') return formatNumber(value.value, full);
	if (value.kind === 'complex') return formatComplex(value.value, full);
	if (value.kind === 'vector' && value.value.length <= 8) return `vector ${value.value.map((x) => formatNumber(x, full)).join(', ')}`;
	if (value.kind === 'complex-vector' && value.value.length <= 8)
		return `vector ${value.value.map((z) => formatComplex(z, full)).join(', ')}`;
	if (value.kind === 'boolean' || value.kind === 'text' || value.kind === 'function') return String(value.value);
	if (value.kind === 'none') return 'nothing to show';
	return describeValue(value);
}

/** What the cell announces after an evaluation: the result, and whether the engine agrees. */
export function spokenOutcome(
	outcome: CellOutcome,
	engine: { value: number | CellVector | CellMatrix } | null,
	full = false
): string {
	if (!outcome.ok) return `Error: ${outcome.message}`;
	let words = `Result: ${spokenValue(outcome.value, full)}.`;
	if (outcome.note) words += ` ${outcome.note}`;
	if (engine) {
		words += agrees(outcome.value, engine.value)
			? ' The engine agrees.'
			: ` The engine gives ${spokenValue(toCellValue(engine.value), full)}.`;
	}
	return words;
}

/**
 * “Check it yourself” for the unrolled widget: the live numbers by name for a maths cell, and the
 * engine's answer to the expressions the lesson suggests.
 */
import type { Trace } from '$lib/engine';
import { inputRows, statesOf, type RnnState } from './model';


export type CellNumbers = Record<string, number[] | number[][]>;

function rowsOf(list: ArrayLike<number>, rows: number, cols: number): number[][] {
	return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => list[r * cols + c]));
}

/**
 * The names a maths cell can use: Wxh, Whh, b, Why, by (matrices as lists of rows), h0 … hT from
 * the engine's trace, x1 … xT.
 */
export function cellScope(state: RnnState, trace: Trace): CellNumbers {
	const { input: I, hidden: H, output: O } = state.sizes;
	const scope: CellNumbers = {
		Wxh: rowsOf(state.wxh, H, I),
		Whh: rowsOf(state.whh, H, H),
		b: [...state.b],
		Why: rowsOf(state.why, O, H),
		by: [...state.by]
	};
	statesOf(trace).forEach((h, t) => (scope[`h${t}`] = Array.from(h)));
	inputRows(state).forEach((x, t) => (scope[`x${t + 1}`] = x));
	return scope;
}

/** Example expressions for step t (2 when the sequence has two steps, else 1). */
export function cellExamples(state: RnnState): string[] {
	const t = Math.min(2, state.sizes.steps);
	return [`Whh * h${t - 1} + Wxh * x${t} + b`, `tanh(Whh * h${t - 1} + Wxh * x${t} + b)`, 'norm(Whh)'];
}

/** Splits "a+b+c" at top-level plus signs (not inside parentheses). */
function topLevelTerms(text: string): string[] {
	const terms: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '(' || ch === '[') depth++;
		else if (ch === ')' || ch === ']') depth--;
		else if (ch === '+' && depth === 0) {
			terms.push(text.slice(start, i));
			start = i + 1;
		}
	}
	terms.push(text.slice(start));
	return terms;
}

/**
 * The engine's value for an expression the lesson recognises: the pre-activation
 * `Whh*h{t−1} + Wxh*x{t} + b` (terms in any order) is a_t, its tanh is h_t, and
 * `Why*h{t} + by` is y_t. Anything else: null.
 */
export function engineValueFor(expression: string, state: RnnState, trace: Trace): { label: string; value: number[] } | null {
	let text = expression.replace(/\s+/g, '');
	let squashed = false;
	const wrapped = /^tanh\((.*)\)$/.exec(text);
	if (wrapped && topLevelTerms(wrapped[1]).length > 0 && balanced(wrapped[1])) {
		text = wrapped[1];
		squashed = true;
	}
	const terms = topLevelTerms(text).sort();
	for (let t = 1; t <= state.sizes.steps; t++) {
		const pre = [`Whh*h${t - 1}`, `Wxh*x${t}`, 'b'].sort();
		if (terms.length === 3 && terms.every((term, i) => term === pre[i])) {
			const layer = trace.layers[0];
			return squashed
				? { label: `h${t} (tanh of the pre-activation)`, value: Array.from(layer.h[t - 1]) }
				: { label: `a${t} (the pre-activation)`, value: Array.from(layer.preActivations.h[t - 1]) };
		}
		const out = [`Why*h${t}`, 'by'].sort();
		if (!squashed && terms.length === 2 && terms.every((term, i) => term === out[i])) {
			return { label: `y${t} (the output)`, value: Array.from(trace.outputs[t - 1]) };
		}
	}
	return null;
}

function balanced(text: string): boolean {
	let depth = 0;
	for (const ch of text) {
		if (ch === '(') depth++;
		else if (ch === ')' && --depth < 0) return false;
	}
	return depth === 0;
}

/**
 * The messages between MathCell (main thread) and its worker, plus the limits both sides apply.
 * Only plain data crosses: numbers, arrays and strings, never mathjs objects.
 */

/** What a lesson puts in the cell: its current numbers, by the names the lesson uses. */
export type CellScalar = number;
export type CellVector = number[];
export type CellMatrix = number[][];
export type CellScope = Record<string, CellScalar | CellVector | CellMatrix>;

/** Longest expression the cell accepts, in characters. */
export const MAX_EXPRESSION_LENGTH = 300;
/** Most entries a result (or a matrix made by zeros, ones, identity, range, diag) may have. */
export const MAX_RESULT_ENTRIES = 100_000;
/** How long an evaluation may run before the worker is stopped and replaced, in ms. */
export const EVALUATION_TIMEOUT_MS = 1_000;

/** A complex number as plain data (mathjs' Complex does not cross to the page). */
export interface CellComplex {
	re: number;
	im: number;
}

/** A result the cell can show. */
export type CellValue =
	| { kind: 'number'; value: number }
	| { kind: 'vector'; value: CellVector }
	/** A complex number, e.g. sqrt(-1). */
	| { kind: 'complex'; value: CellComplex }
	/** A vector with at least one complex entry (real entries have im = 0), e.g. eigenvalues. */
	| { kind: 'complex-vector'; value: CellComplex[] }
	| { kind: 'matrix'; value: CellMatrix }
	| { kind: 'boolean'; value: boolean }
	| { kind: 'text'; value: string }
	/** A function the student defined, e.g. `f(x)`. */
	| { kind: 'function'; value: string }
	/** Nothing to show, e.g. every statement ended with `;`. */
	| { kind: 'none' };

/** Why an evaluation failed; the message is already written for a student. */
export type CellErrorKind = 'length' | 'syntax' | 'disabled' | 'size' | 'math' | 'timeout' | 'crash';

export type CellOutcome =
	/** `note` says what was computed where the name alone leaves it open (which norm, eigenvalues). */
	| { ok: true; value: CellValue; note?: string }
	| { ok: false; kind: CellErrorKind; message: string };

export type ToWorker = { type: 'evaluate'; id: number; expression: string; scope: CellScope };

export type FromWorker =
	/** Sent once, when mathjs is loaded and the worker can take work. */
	| { type: 'ready' }
	| { type: 'result'; id: number; outcome: CellOutcome };

/**
 * The calculator behind MathCell: a small mathjs instance (only the functions a lesson needs, not
 * the full bundle), evaluation against a lesson's scope, and results turned into plain data with
 * errors written for students. Runs in the worker (mathcell.worker.ts) and in unit tests.
 *
 * Safety, following mathjs' security notes: functions that could change the calculator itself
 * (import, createUnit, config, typed, evaluate, parse, …) are replaced by stubs that throw, after
 * keeping private references to evaluate and parse. Functions that create matrices refuse more
 * than MAX_RESULT_ENTRIES entries, and so does a result. What remains (a very long loop, a
 * recursive function) is stopped by the worker's timeout.
 */
import { create, factory, type FactoryFunctionMap, type MathNode } from 'mathjs';
import * as factories from './factories.js';
import { lengthProblem, shapePhrase } from './format';
import { eigsNote, noteFor, type NoteNode } from './notes';
import { MAX_RESULT_ENTRIES, type CellComplex, type CellErrorKind, type CellOutcome, type CellScope, type CellValue } from './protocol';

/** An error whose message is already written for a student. */
export class CellError extends Error {
	constructor(
		readonly kind: CellErrorKind,
		message: string
	) {
		super(message);
		this.name = 'CellError';
	}
}

type AnyFn = (...args: unknown[]) => unknown;

// --- The instance -------------------------------------------------------------------------------
const numberTypeMessage = (name: 'BigNumber' | 'Fraction') =>
	`${name} numbers are not available here; the cell works with ordinary (floating-point) numbers.`;

/**
 * A stand-in for a number class the cell leaves out (see factories.js): mathjs' typed
 * conversions refer to it by name, and making one says plainly that the cell uses plain numbers.
 */
function unsupportedClass(name: 'BigNumber' | 'Fraction') {
	return factory(
		name,
		[],
		() =>
			class Unsupported {
				constructor() {
					throw new CellError('math', numberTypeMessage(name));
				}
			},
		{ isClass: true }
	);
}

/**
 * mathjs' eigs (behind the 2-norm of a matrix) wraps plain numbers in bignumber() before
 * comparing them; without decimal.js, the identity does the same job. Students cannot call it
 * (it is disabled below).
 */
const numberOnlyBignumber = factory('bignumber', [], () => (x: unknown) => {
	if (typeof x === 'number') return x;
	throw new CellError('math', numberTypeMessage('BigNumber'));
});

const math = create({
	...(factories as FactoryFunctionMap),
	createBigNumberClass: unsupportedClass('BigNumber'),
	createFractionClass: unsupportedClass('Fraction'),
	createBignumber: numberOnlyBignumber
} as FactoryFunctionMap);

type Namespace = Record<string, unknown> & {
	expression: { transform: Record<string, AnyFn>; mathWithTransform: Record<string, unknown> };
};
const namespace = math as unknown as Namespace;

// mathjs creates most functions lazily, on first use, from the namespace. Create them all now,
// while `typed` and friends still work: the stubs below replace those in the namespace.
for (const key of Object.keys(namespace)) void namespace[key];
for (const key of Object.keys(namespace.expression.mathWithTransform)) void namespace.expression.mathWithTransform[key];

// Private references, kept before the public names are disabled.
const privateEvaluate = math.evaluate.bind(math);
const privateParse = math.parse.bind(math);

// --- Element-wise activations -------------------------------------------------------------------
// mathjs' tanh, exp, log and sqrt take one number; in a lesson tanh(Whh * h + b) means "tanh of
// every entry", so these versions map mathjs' own scalar function over vectors and matrices.
const map = math.map as unknown as (x: unknown, f: (v: unknown) => unknown) => unknown;

function elementwise(name: string, scalar: AnyFn) {
	return math.typed(name, {
		number: (x: number) => scalar(x),
		'Array | Matrix': (x: unknown) => map(x, (v) => scalar(v))
	});
}

const sigmoidOf = (x: unknown) => 1 / (1 + Math.exp(-(x as number)));

// --- Size limits for functions that make matrices -----------------------------------------------
function refuseIfHuge(what: string, entries: number) {
	if (!(entries <= MAX_RESULT_ENTRIES)) {
		const count = Number.isFinite(entries) ? entries.toLocaleString('en-US') : 'too many';
		throw new CellError(
			'size',
			`${what} would have ${count} entries; the cell allows at most ${MAX_RESULT_ENTRIES.toLocaleString('en-US')}.`
		);
	}
}

/** The numbers among the arguments (sizes may come as numbers, arrays or matrices). */
function sizeFrom(args: unknown[]): number[] {
	const dims: number[] = [];
	const collect = (value: unknown) => {
		if (typeof value === 'number') dims.push(value);
		else if (Array.isArray(value)) value.forEach(collect);
		else if (value && typeof (value as { toArray?: unknown }).toArray === 'function') {
			collect((value as { toArray: () => unknown }).toArray());
		}
	};
	args.filter((arg) => typeof arg !== 'string').forEach(collect);
	return dims;
}

const product = (dims: number[]) => dims.reduce((p, n) => p * Math.max(0, Math.floor(n)), 1);

const counts: Record<string, (args: unknown[]) => number> = {
	zeros: (args) => product(sizeFrom(args)),
	ones: (args) => product(sizeFrom(args)),
	identity: (args) => {
		const dims = sizeFrom(args);
		return dims.length === 1 ? dims[0] * dims[0] : product(dims.slice(0, 2));
	},
	range: (args) => {
		if (args.some((arg) => typeof arg !== 'number')) {
			throw new CellError('math', 'range needs numbers here, e.g. range(1, 5) or 1:5.');
		}
		const [start, end, step = 1] = args as number[];
		return step === 0 ? Infinity : Math.floor(Math.abs((end - start) / step)) + 1;
	},
	diag: (args) => {
		const first = args[0];
		const entries = Array.isArray(first) ? first : ((first as { toArray?: () => unknown[] })?.toArray?.() ?? []);
		// diag of a vector of n entries is n×n; diag of a matrix is a vector, never larger.
		return Array.isArray(entries[0]) ? entries.length : entries.length * entries.length;
	}
};

/** The function (and its expression-parser transform, if any) with a size check first. */
function limited(name: string): AnyFn {
	const guard =
		(fn: AnyFn): AnyFn =>
		(...args) => {
			refuseIfHuge(`${name}(…)`, counts[name](args));
			return fn(...args);
		};
	const wrapped = guard(namespace[name] as AnyFn) as AnyFn & { transform?: AnyFn };
	const transform = namespace.expression.transform[name];
	if (transform) wrapped.transform = guard(transform);
	return wrapped;
}

math.import(
	{
		tanh: elementwise('tanh', namespace.tanh as AnyFn),
		exp: elementwise('exp', namespace.exp as AnyFn),
		log: elementwise('log', namespace.log as AnyFn),
		sqrt: elementwise('sqrt', namespace.sqrt as AnyFn),
		sigmoid: elementwise('sigmoid', sigmoidOf),
		...Object.fromEntries(Object.keys(counts).map((name) => [name, limited(name)]))
	},
	{ override: true }
);

// --- Disabled functions -------------------------------------------------------------------------
/** Functions a student cannot call: they could change the calculator itself. */
export const DISABLED_FUNCTIONS = [
	'import',
	'createUnit',
	'evaluate',
	'parse',
	'compile',
	'simplify',
	'simplifyConstant',
	'simplifyCore',
	'derivative',
	'resolve',
	'rationalize',
	'reviver',
	'replacer',
	'config',
	'typed',
	'parser',
	'help',
	'print',
	'format'
] as const;

const throwing = (kind: CellErrorKind, message: string) => () => {
	throw new CellError(kind, message);
};

math.import(
	{
		...Object.fromEntries(
			DISABLED_FUNCTIONS.map((name) => [
				name,
				throwing('disabled', `${name}() is switched off in this calculator, so that it cannot change the calculator itself.`)
			])
		),
		bignumber: throwing('math', numberTypeMessage('BigNumber')),
		fraction: throwing('math', numberTypeMessage('Fraction'))
	},
	{ override: true }
);

/** Function names a student can call, for help text. */
export const AVAILABLE_FUNCTIONS = [
	'tanh', 'sigmoid', 'exp', 'log', 'sqrt', 'abs', 'sign', 'round',
	'transpose', 'dot', 'norm', 'det', 'eigs', 'inv', 'trace', 're', 'im', 'diag', 'size', 'reshape', 'flatten',
	'concat', 'column', 'row', 'zeros', 'ones', 'identity', 'range', 'map',
	'sum', 'prod', 'mean', 'max', 'min', 'std', 'variance',
	'dotMultiply', 'dotDivide', 'dotPow'
] as const;

// --- Results ------------------------------------------------------------------------------------
interface Checks {
	isMatrix(x: unknown): boolean;
	isResultSet(x: unknown): boolean;
	isComplex(x: unknown): boolean;
}
const is = math as unknown as Checks;

const COMPLEX_MATRIX =
	'The result is a matrix with complex entries; the cell shows complex numbers and vectors. Look at its parts with re(…) and im(…).';

function complexOf(value: unknown): CellComplex {
	const { re, im } = value as CellComplex;
	return { re, im };
}

function entryOf(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (is.isComplex(value)) throw new CellError('math', COMPLEX_MATRIX);
	if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'vector')) {
		throw new CellError('math', 'eigenvectors is a list of pairs (an eigenvalue and its vector): show one with eigs(W).eigenvectors[1].vector.');
	}
	throw new CellError('math', 'The result has entries that are not numbers, so the cell cannot show it.');
}

/** What eigs returns: { values, eigenvectors }. */
function isEigsResult(value: unknown): value is { values: unknown } {
	return typeof value === 'object' && value !== null && Object.hasOwn(value, 'values') && Object.hasOwn(value, 'eigenvectors');
}

/** A vector's entries: numbers, or complex numbers when any entry is complex. */
function vectorOf(entries: unknown[]): CellValue {
	if (!entries.some((entry) => is.isComplex(entry))) return { kind: 'vector', value: entries.map(entryOf) };
	return {
		kind: 'complex-vector',
		value: entries.map((entry) => (is.isComplex(entry) ? complexOf(entry) : { re: entryOf(entry), im: 0 }))
	};
}

/** A mathjs result as plain data, refusing results with more than MAX_RESULT_ENTRIES entries. */
export function toPlain(result: unknown): CellValue {
	if (is.isResultSet(result)) {
		const entries = (result as { entries: unknown[] }).entries;
		return entries.length ? toPlain(entries[entries.length - 1]) : { kind: 'none' };
	}
	if (result === undefined || result === null) return { kind: 'none' };
	if (typeof result === 'number') return { kind: 'number', value: result };
	if (typeof result === 'boolean') return { kind: 'boolean', value: result };
	if (typeof result === 'string') return { kind: 'text', value: result.slice(0, 1000) };
	if (typeof result === 'function') {
		const syntax = (result as { syntax?: unknown }).syntax;
		return { kind: 'function', value: typeof syntax === 'string' ? syntax : 'a function' };
	}
	if (is.isComplex(result)) return { kind: 'complex', value: complexOf(result) };
	// eigs(W) shows its eigenvalues (a note under them says where the eigenvectors are).
	if (isEigsResult(result)) return toPlain(result.values);
	const array = is.isMatrix(result) ? (result as { toArray: () => unknown }).toArray() : result;
	if (!Array.isArray(array)) {
		throw new CellError('math', 'The result is not a number, vector or matrix, so the cell cannot show it.');
	}
	refuseIfHuge('The result', array.length);
	if (array.length === 0) return { kind: 'vector', value: [] };
	if (!Array.isArray(array[0])) return vectorOf(array);
	const cols = (array[0] as unknown[]).length;
	refuseIfHuge('The result', array.length * cols);
	const rows = array.map((row) => {
		if (!Array.isArray(row) || row.length !== cols) {
			throw new CellError('math', 'The result has rows of different lengths, so it is not a matrix.');
		}
		if (row.some((entry) => Array.isArray(entry))) {
			throw new CellError('math', 'The result has more than two dimensions; this cell shows numbers, vectors and matrices.');
		}
		return row.map(entryOf);
	});
	return { kind: 'matrix', value: rows };
}

/** The result as plain data, with a note where the expression's function leaves something open. */
function shown(result: unknown, expression: string): { value: CellValue; note?: string } {
	const value = toPlain(result);
	const last = is.isResultSet(result) ? (result as { entries: unknown[] }).entries.at(-1) : result;
	let tree: NoteNode;
	try {
		tree = privateParse(expression) as unknown as NoteNode;
	} catch {
		return { value };
	}
	const note = isEigsResult(last) ? eigsNote(tree) : noteFor(tree);
	return note ? { value, note } : { value };
}

// --- Errors in words ----------------------------------------------------------------------------
const nameOf = (node: MathNode) => (node as unknown as { name: string }).name;

/** Scope names used in the expression (from the parse tree, else by spelling). */
function namesUsed(expression: string, scope: CellScope): string[] {
	const names = new Set<string>();
	try {
		privateParse(expression).traverse((node: MathNode) => {
			if (node.type === 'SymbolNode' && Object.hasOwn(scope, nameOf(node))) names.add(nameOf(node));
		});
	} catch {
		for (const [word] of expression.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
			if (Object.hasOwn(scope, word)) names.add(word);
		}
	}
	return [...names];
}

function shapesSentence(names: string[], scope: CellScope): string {
	const parts = names.map((name) => `${name} ${shapePhrase(scope[name])}`);
	return parts.length ? ` Here ${parts.join(', ')}.` : '';
}

function dims(value: CellScope[string]): number[] {
	if (!Array.isArray(value)) return [];
	return Array.isArray(value[0]) ? [value.length, (value[0] as number[]).length] : [value.length];
}

/** For `A * B` with two names whose shapes cannot multiply, the sentence that says so. */
function productMismatch(expression: string, scope: CellScope): string | null {
	let found: string | null = null;
	privateParse(expression).traverse((node: MathNode) => {
		if (found || node.type !== 'OperatorNode') return;
		const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
		if (fn !== 'multiply' || args.length !== 2 || args.some((arg) => arg.type !== 'SymbolNode')) return;
		const [left, right] = args.map(nameOf);
		if (!Object.hasOwn(scope, left) || !Object.hasOwn(scope, right)) return;
		const a = dims(scope[left]);
		const b = dims(scope[right]);
		if (a.length === 0 || b.length === 0 || a[a.length - 1] === b[0]) return;
		const leftPart = a.length === 2 ? `the number of columns of ${left}` : `the length of ${left}`;
		const rightPart = b.length === 1 ? `the length of ${right}` : `the number of rows of ${right}`;
		found =
			`Dimension mismatch: ${left} ${shapePhrase(scope[left])} but ${right} ${shapePhrase(scope[right])}. ` +
			`For ${left} * ${right}, ${leftPart} (${a[a.length - 1]}) must equal ${rightPart} (${b[0]}).`;
	});
	return found;
}

/** mathjs' error in words a student can act on; mathjs' own message when there is nothing better. */
export function explainError(
	error: unknown,
	expression: string,
	scope: CellScope
): { kind: CellErrorKind; message: string } {
	if (error instanceof CellError) return { kind: error.kind, message: error.message };
	const message = error instanceof Error ? error.message : String(error);
	const shapes = () => shapesSentence(namesUsed(expression, scope), scope);
	const math = (text: string) => ({ kind: 'math' as const, message: text });

	if (error instanceof SyntaxError) {
		if (/Unexpected end of expression/.test(message)) {
			return { kind: 'syntax', message: 'The expression ends too early: is a number, a name or a closing bracket missing?' };
		}
		const where = message.replace(/\(char (\d+)\)/, '(at character $1)');
		return { kind: 'syntax', message: `Syntax error: ${where}`.replace(/\.?$/, '.') };
	}
	let match: RegExpExecArray | null;
	if ((match = /^Undefined symbol (.+)$/.exec(message))) {
		const names = Object.keys(scope);
		const known = names.length ? ` The names you can use are ${names.join(', ')}.` : '';
		return math(`“${match[1]}” is not defined here.${known} Names are case-sensitive.`);
	}
	if ((match = /^Undefined function (.+)$/.exec(message))) {
		return math(`There is no function “${match[1]}” in this calculator. It has ${AVAILABLE_FUNCTIONS.slice(0, 12).join(', ')}, and more.`);
	}
	if (/Maximum call stack size exceeded|too much recursion/i.test(message)) {
		return math('A function kept calling itself and never stopped (endless recursion).');
	}
	if (/Invalid array length|allocation failed|out of memory/i.test(message)) {
		return { kind: 'size', message: `The result would be far too large; the cell allows at most ${MAX_RESULT_ENTRIES.toLocaleString('en-US')} entries.` };
	}
	if (/Dimension mismatch in multiplication/.test(message)) {
		const named = productMismatch(expression, scope);
		if (named) return math(named);
		if (/Vectors must have the same length/.test(message)) {
			return math(`Dimension mismatch: a vector times a vector is their dot product, so both need the same length.${shapes()}`);
		}
		const sizes = /\((\d+)\)\D+\((\d+)\)/.exec(message);
		return math(
			`Dimension mismatch in a product${sizes ? ` (${sizes[1]} against ${sizes[2]})` : ''}: for A * B, the number of columns of A must equal the number of rows (or the length) of B.${shapes()}`
		);
	}
	if (/shape mismatch|not possible to broadcast|Dimension mismatch/i.test(message)) {
		return math(
			`The shapes do not match. +, −, .*, ./ work entry by entry, so both sides need the same shape (or one side is a single number).${shapes()}`
		);
	}
	if (/For A\^b|Matrix must be square|must be a square matrix/i.test(message) && /(^|[^.])\^/.test(expression)) {
		return math('On a vector or matrix, ^ is a matrix power and needs a square matrix. For the power of each entry use .^ (for example h1 .^ 2).');
	}
	if (/Index out of range/.test(message)) {
		return math(`${message}. Positions count from 1 here: h[1] is the first entry.${shapes()}`);
	}
	return math(message.replace(/\(char (\d+)\)/, '(at character $1)'));
}

// --- Evaluate -----------------------------------------------------------------------------------
/** A fresh copy per evaluation, so assignments (h[1] = 5, a = 0) never outlive it. */
function copyScope(scope: CellScope): Map<string, unknown> {
	const copy = new Map<string, unknown>();
	for (const [name, value] of Object.entries(scope)) {
		copy.set(name, Array.isArray(value) ? value.map((row) => (Array.isArray(row) ? [...row] : row)) : value);
	}
	return copy;
}

/** Evaluates one expression (or several separated by ; or new lines) against the scope. */
export function evaluateExpression(expression: string, scope: CellScope): CellOutcome {
	const tooLong = lengthProblem(expression);
	if (tooLong) return { ok: false, kind: 'length', message: tooLong };
	if (expression.trim() === '') {
		return { ok: false, kind: 'syntax', message: 'Type an expression first, for example tanh(a).' };
	}
	try {
		return { ok: true, ...shown(privateEvaluate(expression, copyScope(scope)), expression) };
	} catch (error) {
		return { ok: false, ...explainError(error, expression, scope) };
	}
}

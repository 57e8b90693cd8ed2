/**
 * URL state for widgets, in the spirit of TensorFlow Playground's state.ts: one typed table per
 * widget drives both parsing and serialising, so a link always reproduces what was on screen.
 *
 * Parsing never throws: a bad value falls back to the default and produces an issue naming the
 * parameter and what it accepts, which the page shows while the widget still renders.
 */

interface Base<T> {
	default: T;
	/** What the parameter does, for docs/embedding.md and error messages. */
	doc: string;
}

export interface IntParam extends Base<number> {
	kind: 'int';
	min: number;
	max: number;
}
export interface NumberParam extends Base<number> {
	kind: 'number';
	min: number;
	max: number;
}
export interface OptionalIntParam extends Base<number | null> {
	kind: 'optional-int';
	min: number;
	max: number;
}
export interface EnumParam<V extends string = string> extends Base<V> {
	kind: 'enum';
	values: readonly V[];
}
export interface IntListParam extends Base<number[]> {
	kind: 'int-list';
	min: number;
	max: number;
	minLength: number;
	maxLength: number;
}
export interface NumberListParam extends Base<number[]> {
	kind: 'number-list';
	min: number;
	max: number;
	minLength: number;
	maxLength: number;
}
export interface TextParam extends Base<string> {
	kind: 'text';
	maxLength: number;
}
export interface BoolParam extends Base<boolean> {
	kind: 'bool';
}
/**
 * A value with its own small grammar (e.g. a stack of layers, `lstm:7:seq,lstm:9`): the widget's
 * model supplies the parser, whose message says exactly what is wrong, and the writer.
 */
export interface CustomParam<T = unknown> extends Base<T> {
	kind: 'custom';
	/** What it accepts, in words, for messages and docs. */
	accepts: string;
	parse(raw: string): { ok: true; value: T } | { ok: false; message: string };
	format(value: T): string;
}

export type ParamSpec =
	| IntParam
	| NumberParam
	| OptionalIntParam
	| EnumParam
	| IntListParam
	| NumberListParam
	| TextParam
	| BoolParam
	// `any`: each widget's custom parameter has its own value type, recovered by `ValueOf`.
	| CustomParam<any>;

export type Schema = Record<string, ParamSpec>;
/** The value a parameter holds: by its kind, so `null` or a literal default never narrows it. */
export type ValueOf<P extends ParamSpec> = P extends CustomParam<infer T>
	? T
	: P extends { kind: 'optional-int' }
	? number | null
	: P extends { kind: 'int' | 'number' }
		? number
		: P extends { kind: 'int-list' | 'number-list' }
			? number[]
			: P extends { kind: 'bool' }
				? boolean
				: P extends { kind: 'enum'; values: readonly (infer V)[] }
					? V
					: string;

export type Values<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface ParamIssue {
	param: string;
	message: string;
}

export interface Parsed<S extends Schema> {
	values: Values<S>;
	issues: ParamIssue[];
}

/** What a parameter accepts, in words, e.g. "an integer from 1 to 512". */
export function describeAccepted(spec: ParamSpec): string {
	switch (spec.kind) {
		case 'int':
			return `a whole number from ${spec.min} to ${spec.max}`;
		case 'optional-int':
			return `a whole number from ${spec.min} to ${spec.max}, or nothing`;
		case 'number':
			return `a number from ${spec.min} to ${spec.max}`;
		case 'enum':
			return `one of ${spec.values.join(', ')}`;
		case 'int-list':
			return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength} to ${spec.maxLength}`} comma-separated whole numbers from ${spec.min} to ${spec.max}`;
		case 'number-list':
			return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength} to ${spec.maxLength}`} comma-separated numbers from ${spec.min} to ${spec.max}`;
		case 'text':
			return `text of at most ${spec.maxLength} characters`;
		case 'bool':
			return BOOL_WORDS;
		case 'custom':
			return spec.accepts;
	}
}

/** What every yes/no parameter (and the embed option `locked`) accepts, in words. */
export const BOOL_WORDS = '1 or 0 (also true/false, yes/no, on/off, in any case)';

/**
 * The usual spellings of yes and no, in any case; a bare `name` (empty value) means yes, as in
 * `?locked`. Anything else is null, so a typo is refused with a message instead of guessed.
 */
export function parseBool(raw: string): boolean | null {
	const text = raw.trim().toLowerCase();
	if (['1', 'true', 'yes', 'on', ''].includes(text)) return true;
	if (['0', 'false', 'no', 'off'].includes(text)) return false;
	return null;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message?: string };

function parseNumber(raw: string): number | null {
	const text = raw.trim();
	if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

function parseList(raw: string, spec: IntListParam | NumberListParam): Outcome<number[]> {
	if (raw.trim() === '' && spec.minLength === 0) return { ok: true, value: [] };
	const parts = raw.split(',').map((part) => part.trim());
	if (parts.length < spec.minLength || parts.length > spec.maxLength) return { ok: false };
	const values: number[] = [];
	for (const part of parts) {
		const value = parseNumber(part);
		if (value === null || value < spec.min || value > spec.max) return { ok: false };
		if (spec.kind === 'int-list' && !Number.isInteger(value)) return { ok: false };
		values.push(value);
	}
	return { ok: true, value: values };
}

function parseValue(raw: string, spec: ParamSpec): Outcome<unknown> {
	switch (spec.kind) {
		case 'int':
		case 'number':
		case 'optional-int': {
			if (spec.kind === 'optional-int' && raw.trim() === '') return { ok: true, value: null };
			const value = parseNumber(raw);
			if (value === null || value < spec.min || value > spec.max) return { ok: false };
			if (spec.kind !== 'number' && !Number.isInteger(value)) return { ok: false };
			return { ok: true, value };
		}
		case 'enum':
			return spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false };
		case 'int-list':
		case 'number-list':
			return parseList(raw, spec);
		case 'text':
			return raw.length <= spec.maxLength ? { ok: true, value: raw } : { ok: false };
		case 'bool': {
			const value = parseBool(raw);
			return value === null ? { ok: false } : { ok: true, value };
		}
		case 'custom':
			return spec.parse(raw);
	}
}

/**
 * Validates one value typed into a control, with the same rules as the URL, so an input box and
 * a link can never disagree about what is allowed.
 */
export function parseParamValue<P extends ParamSpec>(
	spec: P,
	raw: string
): { ok: true; value: ValueOf<P> } | { ok: false; message: string } {
	const outcome = parseValue(raw, spec);
	return outcome.ok
		? { ok: true, value: outcome.value as ValueOf<P> }
		: { ok: false, message: outcome.message ?? `Please enter ${describeAccepted(spec)}.` };
}

function shorten(raw: string): string {
	return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

export function defaults<S extends Schema>(schema: S): Values<S> {
	const values = {} as Record<string, unknown>;
	for (const [name, spec] of Object.entries(schema)) {
		values[name] =
			spec.kind === 'custom' ? structuredClone(spec.default) : Array.isArray(spec.default) ? [...spec.default] : spec.default;
	}
	return values as Values<S>;
}

/** An empty default (a list "from the seed") is no value to name: say the parameter is ignored. */
function fallbackWords(name: string, shown: string): string {
	return shown ? `Using the default, ${shown}.` : `Ignoring it, as if the link did not set ${name}.`;
}

/**
 * Reads a widget's values from a query. `shared` names parameters handled elsewhere (embed
 * options such as `locked`), so they are not reported as unknown.
 */
export function parseQuery<S extends Schema>(
	schema: S,
	query: URLSearchParams | string,
	shared: readonly string[] = []
): Parsed<S> {
	const params = typeof query === 'string' ? new URLSearchParams(query) : query;
	const values = defaults(schema) as Record<string, unknown>;
	const issues: ParamIssue[] = [];
	for (const [name, spec] of Object.entries(schema)) {
		const raw = params.get(name);
		if (raw === null) continue;
		const outcome = parseValue(raw, spec);
		if (outcome.ok) values[name] = outcome.value;
		else
			issues.push({
				param: name,
				message: `“${name}=${shorten(raw)}” is not valid: ${outcome.message ?? `${name} accepts ${describeAccepted(spec)}.`} ${fallbackWords(name, formatValue(spec, spec.default))}`
			});
	}
	const known = new Set([...Object.keys(schema), ...shared]);
	for (const name of new Set(params.keys())) {
		if (!known.has(name)) {
			issues.push({
				param: name,
				message: `“${name}” is not a parameter of this widget and was ignored. It accepts: ${[...known].join(', ')}.`
			});
		}
	}
	return { values: values as Values<S>, issues };
}

function formatNumber(value: number): string {
	// Shortest text that parses back to the identical float64: links reproduce exact weights.
	return String(value);
}

export function formatValue(spec: ParamSpec, value: unknown): string {
	if (value === null || value === undefined) return '';
	switch (spec.kind) {
		case 'int-list':
		case 'number-list':
			return (value as number[]).map(formatNumber).join(',');
		case 'bool':
			return value ? '1' : '0';
		case 'custom':
			return spec.format(value);
		case 'int':
		case 'number':
		case 'optional-int':
			return formatNumber(value as number);
		default:
			return String(value);
	}
}

/** Writes every value (not only changed ones), so a link keeps meaning the same if defaults change. */
export function serializeQuery<S extends Schema>(schema: S, values: Values<S>): URLSearchParams {
	const params = new URLSearchParams();
	for (const [name, spec] of Object.entries(schema)) {
		const value = (values as Record<string, unknown>)[name];
		// Only "nothing" (an optional number left empty) is left out; an emptied text is written as
		// `text=`, or the link would bring back the default text.
		if (value !== null && value !== undefined) params.set(name, formatValue(spec, value));
		// "Nothing" where the default is a number must be written, or the link brings the default back.
		else if (value === null && spec.default !== null) params.set(name, '');
	}
	return params;
}

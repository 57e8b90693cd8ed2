/**
 * How every widget and lesson writes numbers. One rule everywhere: a number is shown exactly
 * unless the page rounds it on purpose (fixed decimals or significant figures, chosen by the
 * caller), negative numbers carry the true minus sign (U+2212), and whole numbers from 1,000 up
 * get thousands separators. Display only: links and saved state keep full precision.
 */

export const MINUS = '\u2212';
/** What a missing value (no run yet, a class with no examples) is written as. */
export const MISSING = '—';

const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻',
	'0': '⁰',
	'1': '¹',
	'2': '²',
	'3': '³',
	'4': '⁴',
	'5': '⁵',
	'6': '⁶',
	'7': '⁷',
	'8': '⁸',
	'9': '⁹'
};

/** "⁻¹²" for -12: digits and minus signs as superscripts. */
export function superscript(text: string | number): string {
	return String(text)
		.split('')
		.map((c) => SUPERSCRIPT[c] ?? c)
		.join('');
}

/** Every ASCII hyphen-minus in a piece of number text as the true minus sign. */
export function trueMinus(text: string): string {
	return text.replace(/-/g, MINUS);
}

/**
 * A number as a student may type it, made readable for `Number()`: the true minus sign and the
 * en dash (what this module writes, what keyboards give) become '-', and a decimal comma a point.
 */
export function normalizeTyped(text: string): string {
	return text
		.trim()
		.replace(/[\u2212\u2013]/g, '-')
		.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
}

// Written without Intl.NumberFormat: building the first one loads the browser's locale data,
// about 100-300 ms of one task on a slow phone while the page loads, and its output here is fixed.

/** "1234567" → "1,234,567": a run of digits with thousands separators. */
function group(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * |value| rounded to `decimals` decimals, half away from zero, from its shortest decimal text
 * (1.005 → 1.01, although the float64 nearest 1.005 lies just below it), as whole and fraction
 * digits: what Intl.NumberFormat does, and what a reader expects of the number shown elsewhere.
 */
function roundedDigits(abs: number, decimals: number): [string, string] {
	const [mantissa, exponent] = abs.toExponential().split('e');
	let digits = mantissa.replace('.', '');
	let point = Number(exponent) + 1;
	if (point < 1) {
		digits = '0'.repeat(1 - point) + digits;
		point = 1;
	}
	digits = digits.padEnd(point + decimals + 1, '0');
	let kept = digits.slice(0, point + decimals);
	if (digits[point + decimals] >= '5') {
		let i = kept.length - 1;
		while (i >= 0 && kept[i] === '9') i--;
		kept = i < 0 ? `1${'0'.repeat(kept.length)}` : kept.slice(0, i) + String(Number(kept[i]) + 1) + '0'.repeat(kept.length - i - 1);
		if (i < 0) point++;
	}
	return [kept.slice(0, point).replace(/^0+(?=\d)/, ''), kept.slice(point)];
}

function special(value: number): string | null {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return '∞';
	if (value === -Infinity) return `${MINUS}∞`;
	return null;
}

/** "1.5e-7" → "1.5×10⁻⁷"; other text unchanged. */
function powerOfTen(text: string): string {
	const match = /e([+-]?\d+)$/.exec(text);
	return match ? `${text.slice(0, match.index)}×10${superscript(Number(match[1]))}` : text;
}

/**
 * A whole number with thousands separators (12,345; −3). Non-integers are written exactly too
 * (the shortest text that reads back to the same float64), so nothing is rounded silently.
 */
export function exact(value: number): string {
	const odd = special(value);
	if (odd) return odd;
	if (value === 0) return '0';
	if (Number.isSafeInteger(value)) return (value < 0 ? MINUS : '') + group(String(Math.abs(value)));
	const abs = Math.abs(value);
	const text = String(abs);
	if (text.includes('e')) return (value < 0 ? MINUS : '') + powerOfTen(text);
	const [whole, fraction] = text.split('.');
	return (value < 0 ? MINUS : '') + group(whole) + (fraction ? `.${fraction}` : '');
}

/** A count: the same as `exact`, named for what it is used for (steps, windows, parameters). */
export const count = exact;

/** `decimals` decimals (rounded on purpose), thousands separators, and −0.00 written 0.00. */
export function fixed(value: number, decimals = 2): string {
	const odd = special(value);
	if (odd) return odd;
	const [whole, fraction] = roundedDigits(Math.abs(value), decimals);
	const zero = /^0*$/.test(whole + fraction);
	return (value < 0 && !zero ? MINUS : '') + group(whole) + (fraction ? `.${fraction}` : '');
}

export interface SigOptions {
	/** Drop trailing zeros (0.5 rather than 0.5000). Default true. */
	trim?: boolean;
	/** Below this magnitude the number is written as m×10ⁿ. Default 1e-3. */
	small?: number;
	/** From this magnitude on the number is written as m×10ⁿ. Default 1e5. */
	large?: number;
}

/**
 * `digits` significant figures (rounded on purpose), as m×10ⁿ outside [small, large) and with
 * thousands separators inside it. Exact zero is written 0; no value yet (null) is written —.
 */
export function sig(value: number | null | undefined, digits = 4, options: SigOptions = {}): string {
	const { trim = true, small = 1e-3, large = 1e5 } = options;
	if (value === null || value === undefined) return MISSING;
	const odd = special(value);
	if (odd) return odd;
	if (value === 0) return '0';
	const sign = value < 0 ? MINUS : '';
	const abs = Math.abs(value);
	const rounded = Number(abs.toPrecision(digits));
	if (rounded < small || rounded >= large) {
		let text = abs.toExponential(digits - 1);
		if (trim) text = text.replace(/\.?0+e/, 'e');
		return sign + powerOfTen(text);
	}
	let text = abs.toPrecision(digits);
	if (text.includes('e')) text = String(rounded);
	if (trim && text.includes('.')) text = text.replace(/\.?0+$/, '');
	const [whole, fraction] = text.split('.');
	return sign + group(whole) + (fraction !== undefined ? `.${fraction}` : '');
}

/**
 * A value for reading when the page promises no rounding rule of its own: 6 significant figures,
 * trailing zeros dropped, ×10ⁿ below 10⁻⁴ and from 10⁶ on; whole numbers within that range exact.
 */
export function readable(value: number): string {
	if (Number.isSafeInteger(value) && Math.abs(value) < 1e6) return exact(value);
	return sig(value, 6, { small: 1e-4, large: 1e6 });
}

/** A fraction as a percentage with `decimals` decimals: 0.1234 → 12.3%; null → —. */
export function percent(fraction: number | null | undefined, decimals = 1): string {
	if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
	return `${fixed(fraction * 100, decimals)}%`;
}

/** "1 step", "12,000 steps"; `many` for irregular plurals ("3 entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${exact(n)} ${n === 1 ? one : many}`;
}

/** A number with its sign always written: +0.5, −0.5, 0 (zero has none). */
export function signed(value: number, format: (x: number) => string = exact): string {
	const text = format(value);
	if (value > 0 && text !== format(0)) return `+${text}`;
	return text;
}

/**
 * A list of numbers as [0.12, −0.5], each written by `format`. Inside a list thousands are
 * grouped with a thin space (1 234), so a comma only ever separates two entries.
 */
export function list(values: ArrayLike<number>, format: (x: number) => string = exact): string {
	return `[${Array.from(values, (v) => format(v).replace(/,/g, THIN_SPACE)).join(', ')}]`;
}

const THIN_SPACE = '\u202f';

/**
 * Always as m×10ⁿ with `digits` significant figures, trailing zeros kept (1.0×10⁻³, −2.5×10⁴):
 * for columns of ratios that span many orders of magnitude. Exact zero is written 0.
 */
export function scientific(value: number, digits = 2): string {
	return sig(value, digits, { trim: false, small: Infinity });
}

/**
 * Number text for a TeX formula: thousands commas braced, {,}, so TeX does not set them as
 * punctuation with a space after (10{,}400 renders as 10,400), and m×10ⁿ as m\times 10^{n}.
 */
export function tex(value: number, format: (x: number) => string = exact): string {
	return format(value)
		.replace(/,/g, '{,}')
		.replace(/×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/, (_, power: string) => `\\times 10^{${power.replace(/./g, (c) => UNSUPERSCRIPT[c] ?? c)}}`);
}

const UNSUPERSCRIPT: Record<string, string> = Object.fromEntries(Object.entries(SUPERSCRIPT).map(([plain, sup]) => [sup, plain]));

/**
 * The one error type thrown by the data module.
 *
 * Every message is written for a student reading it in the notebook: it says what was wrong,
 * where (token, position, index) and what to do instead. `code` is stable, so the UI and tests
 * can react to a kind of error without matching on the wording.
 */

export type DataErrorCode =
	| 'invalid-argument'
	| 'empty-input'
	| 'unknown-token'
	| 'missing-special'
	| 'duplicate-special'
	| 'id-out-of-range'
	| 'sequence-too-long'
	| 'parse-error'
	| 'series-too-short'
	| 'non-finite';

export class DataError extends Error {
	readonly code: DataErrorCode;
	/** Extra facts for the UI, e.g. `{ position: 12, token: 'abc' }` for a parse error. */
	readonly details: Readonly<Record<string, unknown>>;

	constructor(code: DataErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = 'DataError';
		this.code = code;
		this.details = details;
	}
}

/** Shows a value in a message the way a student typed it: strings quoted, others as text. */
export function show(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Lists at most `max` items, then "and N more", so a message never floods the page. */
export function listSome(items: readonly unknown[], max = 8): string {
	const head = items.slice(0, max).map(show).join(', ');
	return items.length > max ? `${head} and ${items.length - max} more` : head;
}

export function requireInteger(name: string, value: number, min: number, max = Infinity): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
		throw new DataError(
			'invalid-argument',
			`${name} must be a whole number ${range}, but it is ${show(value)}.`,
			{ name, value }
		);
	}
}

export function requireFinite(name: string, value: number, min = -Infinity, max = Infinity): void {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		const range =
			min === -Infinity && max === Infinity
				? 'a finite number'
				: max === Infinity
					? `a number of at least ${min}`
					: min === -Infinity
						? `a number of at most ${max}`
						: `a number between ${min} and ${max}`;
		throw new DataError('invalid-argument', `${name} must be ${range}, but it is ${show(value)}.`, {
			name,
			value
		});
	}
}

/**
 * The one error type the engine throws, and the size limits it enforces.
 *
 * Messages are written for a student reading them in the notebook: what was wrong, where, and
 * what to do instead. `code` is stable, so the UI and tests can react to a kind of error without
 * matching on the wording. The engine never returns a silent NaN: non-finite numbers in weights,
 * inputs or targets, or a loss that blows up during training, raise `not-finite`.
 */

export type EngineErrorCode =
	| 'invalid-argument'
	| 'shape-mismatch'
	| 'not-finite'
	| 'unknown-cell'
	| 'unknown-variant'
	| 'unknown-loss'
	| 'unknown-optimizer'
	| 'invalid-target'
	| 'no-targets'
	| 'too-large'
	| 'parse-error';

export class EngineError extends Error {
	readonly code: EngineErrorCode;
	/** Extra facts for the UI, e.g. `{ layer: 1, name: 'Whh', expected: [4, 4], got: [4, 3] }`. */
	readonly details: Readonly<Record<string, unknown>>;

	constructor(code: EngineErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = 'EngineError';
		this.code = code;
		this.details = details;
	}
}

/**
 * Sizes the engine accepts. They keep one browser tab responsive and its memory bounded; a
 * request beyond them raises `too-large` instead of freezing the page.
 */
export const LIMITS = {
	maxInputSize: 4096,
	maxHiddenSize: 1024,
	maxOutputSize: 4096,
	maxLayers: 8,
	maxSteps: 100_000,
	/** Trainable numbers in one network (10 M doubles = 80 MB; training with Adam keeps three more copies). */
	maxParameters: 10_000_000,
	/** Numbers kept per forward/backward pass for BPTT (32 M doubles = 256 MB). */
	maxWorkspaceNumbers: 32_000_000,
	/** Multiply-adds one Jacobian request may cost (about a minute on a slow laptop at worst). */
	maxJacobianWork: 20_000_000_000
} as const;

/** A value as a message shows it: text in quotes, a missing value as "missing", never [object Object]. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (typeof value === 'string') return `"${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
	try {
		const text = JSON.stringify(value) ?? typeof value;
		return text.length > 40 ? `${text.slice(0, 40)}…` : text;
	} catch {
		return typeof value;
	}
}

export function requireInteger(name: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new EngineError(
			'invalid-argument',
			`${name} must be a whole number of at least ${min}, but it is ${describeValue(value)}.`,
			{ name, value }
		);
	}
	if (value > max) {
		throw new EngineError(
			'too-large',
			`${name} is ${value}, but the engine allows at most ${max} so the page stays responsive.`,
			{ name, value, max }
		);
	}
	return value;
}

export function requirePositiveNumber(name: string, value: unknown, allowZero = false): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
		throw new EngineError(
			'invalid-argument',
			`${name} must be a ${allowZero ? 'non-negative' : 'positive'} finite number, but it is ${describeValue(value)}.`,
			{ name, value }
		);
	}
	return value;
}

/** Throws `not-finite` naming the first NaN or ±Infinity in `values`. */
export function requireFiniteArray(what: string, values: ArrayLike<number>, offset = 0, length = values.length): void {
	for (let i = offset; i < offset + length; i++) {
		const v = values[i];
		// `v - v` is 0 for finite numbers and NaN otherwise; cheaper than Number.isFinite per element.
		if (v - v !== 0) {
			throw new EngineError(
				'not-finite',
				`${what} contains ${String(v)} at position ${i - offset}; every number must be finite.`,
				{ what, index: i - offset, value: v }
			);
		}
	}
}

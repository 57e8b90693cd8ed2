/**
 * The power-sequence widget's state and what it shows: a factor c multiplied in again and again,
 * c, c², …, cⁿ (the lecture's 0.9ⁿ and 1.5ⁿ). The powers come from the engine's `powerSequence`.
 */
import { powerSequence } from '$lib/engine/powers';
import { exact, fixed, sig } from '$lib/ui/format';
import type { Schema, Values } from '$lib/widgets/params';

export const FACTOR_MIN = 0.01;
export const FACTOR_MAX = 4;
/** The slider covers the interesting range; the typed field accepts all of FACTOR_MIN…FACTOR_MAX. */
export const SLIDER_MIN = 0.1;
export const SLIDER_MAX = 2;
export const SLIDER_STEP = 0.01;
export const MAX_STEPS = 60;

export const schema = {
	factor: {
		kind: 'number',
		min: FACTOR_MIN,
		max: FACTOR_MAX,
		default: 0.9,
		doc: 'The factor c (the slider covers 0.1–2; type any value in range).'
	},
	steps: {
		kind: 'int',
		min: 1,
		max: MAX_STEPS,
		default: 9,
		doc: 'How many times it is multiplied in: the sequence shows c¹ … cⁿ.'
	},
	compare: {
		kind: 'number',
		min: 0,
		max: FACTOR_MAX,
		default: 0,
		doc: 'A second factor drawn alongside for comparison; 0 shows none.'
	}
} satisfies Schema;

export type PowerValues = Values<typeof schema>;
export const controls = ['factor', 'steps', 'compare'] as const;

export interface Series {
	factor: number;
	/** "0.9ⁿ" */
	label: string;
	/** c¹ … cⁿ, from the engine. */
	values: number[];
}

const SUPERSCRIPT_N = 'ⁿ';

/** The label of a factor's sequence, e.g. 0.9ⁿ (the factor as typed, without float noise). */
export function seriesLabel(factor: number): string {
	return `${factor}${SUPERSCRIPT_N}`;
}

/** One sequence, or two when `compare` is set (and differs from the factor). */
export function seriesOf(values: PowerValues): Series[] {
	const factors = [values.factor];
	if (values.compare > 0 && values.compare !== values.factor) factors.push(values.compare);
	return factors.map((factor) => ({ factor, label: seriesLabel(factor), values: powerSequence(factor, values.steps) }));
}

/**
 * A power as the page declares it: a whole number exactly (4⁹ = 262,144); otherwise two decimals
 * as the lecture writes them (0.90, 25.63), or three significant figures as ×10ⁿ where two decimals
 * would show 0.00 or a very long number.
 */
export function formatPower(value: number): string {
	if (Number.isSafeInteger(value)) return exact(value);
	if (value >= 0.01 && value < 1e5) return fixed(value, 2);
	return sig(value, 3, { small: 1e-4, large: 1e5 });
}

/** The sentence that says how the table and headline round, shown beside them. */
export const ROUNDING_NOTE =
	'Whole numbers are exact; other powers are rounded to two decimals, or to three significant figures when very small or large. The table under the chart has every digit.';

/** Keeps slider values free of binary noise (0.1 + 0.2), so links stay short. */
export function tidyFactor(value: number): number {
	return Math.min(FACTOR_MAX, Math.max(FACTOR_MIN, Math.round(value * 100) / 100));
}

export type Trend = 'shrinks' | 'stays' | 'grows';

export function trendOf(factor: number): Trend {
	return factor < 1 ? 'shrinks' : factor > 1 ? 'grows' : 'stays';
}

/** How numbers are written in the unrolled view (display only; URLs keep full precision). */

import { fixed } from '$lib/ui/format';

/** Fixed decimals with a true minus sign, e.g. −0.52; −0.00 is written 0.00. */
export const fmt = fixed;

/** Text a student may type: accepts the true minus sign and a decimal comma. */
export function normalizeTyped(text: string): string {
	return text.trim().replace(/[−–]/g, '-').replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
}

/** A vector as [0.12, −0.50, 1.00] for tables and screen readers. */
export function vectorText(values: ArrayLike<number>, decimals = 2): string {
	return `[${Array.from(values, (v) => fmt(v, decimals)).join(', ')}]`;
}

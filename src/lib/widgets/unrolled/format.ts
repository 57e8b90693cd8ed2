/** How numbers are written in the unrolled view (display only; URLs keep full precision). */
import { fixed, list, normalizeTyped } from '$lib/ui/format';

export { normalizeTyped };

/** Fixed decimals with a true minus sign, e.g. −0.52; −0.00 is written 0.00. */
export const fmt = fixed;

/** A vector as [0.12, −0.50, 1.00] for tables and screen readers. */
export function vectorText(values: ArrayLike<number>, decimals = 2): string {
	return list(values, (v) => fmt(v, decimals));
}

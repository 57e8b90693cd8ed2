/** How the backward pass writes numbers (display only; data-value attributes keep full precision). */
import { list, sig as kitSig } from '$lib/ui/format';

/** `digits` significant figures, trailing zeros kept; ×10ⁿ below 0.001 and from 100,000 on. */
export function sig(value: number, digits = 4): string {
	return kitSig(value, digits, { trim: false });
}

/** A vector as [0.1234, −0.5000]. */
export function vector(values: ArrayLike<number>, digits = 3): string {
	return list(values, (v) => sig(v, digits));
}

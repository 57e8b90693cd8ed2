/** How the backward pass writes numbers (display only; data-value attributes keep full precision). */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** `digits` significant figures with a true minus sign; ×10ⁿ below 0.001 and from 100,000 on. */
export function sig(value: number, digits = 4): string {
	if (value === 0) return '0';
	const abs = Math.abs(value);
	let text: string;
	if (abs < 1e-3 || abs >= 1e5) {
		const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
		const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
		text = `${mantissa}×10${power}`;
	} else {
		text = value.toPrecision(digits);
		if (text.includes('e')) text = String(Number(text));
	}
	return text.replace(/^-/, '−');
}

/** A vector as [0.1234, −0.5000]. */
export function vector(values: ArrayLike<number>, digits = 3): string {
	return `[${Array.from(values, (v) => sig(v, digits)).join(', ')}]`;
}

/** How the LSTM widget writes numbers (display only; the URL keeps full precision). */
export { fmt, vectorText } from '../unrolled/format';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A number to `digits` significant figures with a true minus sign; ×10ⁿ outside [0.001, 10⁴), so
 * a product of forty gates still reads as a number. Exactly 0 and exactly 1 are written as such.
 */
export function sig(x: number, digits = 3): string {
	if (x === 0 || x === 1) return String(x);
	const abs = Math.abs(x);
	if (abs >= 1e4 || abs < 1e-3) {
		const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
		const power = Number(exponent);
		const sup = (power < 0 ? '⁻' : '') + String(Math.abs(power)).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
		return `${mantissa.replace('-', '−')}×10${sup}`;
	}
	return String(Number(x.toPrecision(digits))).replace('-', '−');
}

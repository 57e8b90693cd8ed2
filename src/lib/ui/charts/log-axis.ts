/**
 * Ticks for the log axes of the power and Jacobian widgets, from d3's log scale: which values get
 * a grid line and how each is written (10⁻⁶ rather than 0.000001).
 */
import type { ScaleLogarithmic } from 'd3';
import { readable, superscript } from '../format';

export { superscript };

/** 10⁻⁶ for 1e-6, 1000 for 1e3, 0.2 for 0.2: powers of ten far from 1 as 10ⁿ. */
export function formatLogTick(value: number): string {
	const exponent = Math.round(Math.log10(value));
	if (Math.abs(value / 10 ** exponent - 1) < 1e-9 && Math.abs(exponent) >= 3) {
		return `10${superscript(exponent)}`;
	}
	return readable(value);
}

export interface LogTick {
	value: number;
	/** Empty for a minor tick (grid line only). */
	label: string;
}

/** About `count` labelled ticks of a log scale (d3 picks them; minor ones keep an empty label). */
export function logTicks(scale: ScaleLogarithmic<number, number>, count = 6): LogTick[] {
	// d3 decides which ticks deserve a label (its own format returns '' for the others).
	const labelled = scale.tickFormat(count);
	return scale.ticks(count).map((value) => ({ value, label: labelled(value) === '' ? '' : formatLogTick(value) }));
}

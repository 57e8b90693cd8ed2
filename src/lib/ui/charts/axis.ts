/**
 * Ticks for a linear axis from d3's scale: d3 picks round values and a precision that tells them
 * apart; the labels get the true minus sign and thousands separators like every other number.
 */
import { format, type ScaleLinear } from 'd3';
import { trueMinus } from '../format';

export interface Tick {
	value: number;
	label: string;
}

export function linearTicks(scale: ScaleLinear<number, number>, count = 5): Tick[] {
	// Fixed notation (',~f'): a bare ',' lets d3 pick 1e+2 for 100 on an axis running past 99.
	const format = scale.tickFormat(count, ',~f');
	return scale.ticks(count).map((value) => ({ value, label: trueMinus(format(value)) }));
}

// Fixed notation, no trailing zeros: 0.5, 1, 1,000.
const plain = format(',~f');

/** Ticks at values a chart chose itself (0 and ±1 on a tanh plot), written like linearTicks. */
export function valueTicks(values: readonly number[]): Tick[] {
	return values.map((value) => ({ value, label: trueMinus(plain(value)) }));
}

/** Room to leave around a plot for its tick labels. */
export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** One entry of a chart's key. */
export interface LegendItem {
	label: string;
	/** A CSS colour, e.g. var(--c-blue). */
	colour: string;
	dashed?: boolean;
	thick?: boolean;
}

/**
 * Geometry of the unrolled diagram (Diagram.svelte), kept apart from the drawing so overlays such
 * as the BPTT widget's backward pass use the same positions.
 */
import { scaleLinear } from 'd3';
import type { Sizes } from './model';

export const CARD = 58; // card width
export const CELL = 22; // height of one number
export const HEAD = 22; // card title
const GAP_MIN = 108; // from one column to the next: enough for the W_hh arrow and its label
const GAP_MAX = 160;
const GAP_Y = 52; // vertical room for the W_xh and W_hy arrows
const PAD = 14;
const TOP = 32; // room for "t = 1" above the cards

/** Where things are in the diagram, for an overlay. */
export interface DiagramLayout {
	column: (s: number) => number;
	card: number;
	yTop: number;
	yH: number;
	hTop: number;
	hH: number;
	hMid: number;
	xTop: number;
	xH: number;
	height: number;
}

/** Columns spread out to fill `available` pixels, down to a legible minimum (then it scrolls). */
export function diagramLayout(sizes: Sizes, available: number): DiagramLayout & { width: number } {
	const T = sizes.steps;
	const gap = Math.max(GAP_MIN, Math.min(GAP_MAX, Math.floor((available - 2 * PAD - CARD) / T)));
	const column = scaleLinear().domain([0, T]).range([PAD, PAD + T * gap]);
	const yH = HEAD + sizes.output * CELL;
	const hH = HEAD + sizes.hidden * CELL;
	const xH = HEAD + sizes.input * CELL;
	const yTop = TOP;
	const hTop = yTop + yH + GAP_Y;
	const xTop = hTop + hH + GAP_Y;
	return {
		column: (s: number) => column(s),
		card: CARD,
		yTop,
		yH,
		hTop,
		hH,
		hMid: hTop + hH / 2,
		xTop,
		xH,
		height: xTop + xH + PAD,
		width: column(T) + CARD + PAD
	};
}

/** A light tint for a value: vermillion for positive, blue for negative, stronger when larger. */
export function tint(v: number, scale = 1): string {
	const strength = Math.round(Math.min(1, Math.abs(v) / scale) * 32);
	if (strength === 0) return 'var(--bg-raised)';
	return `color-mix(in srgb, ${v > 0 ? 'var(--pos)' : 'var(--neg)'} ${strength}%, var(--bg-raised))`;
}

/** Summary for screen readers; the data table beside the diagram has every number. */
export function describeDiagram(T: number, step: number): string {
	return (
		`The network unfolded over ${T} steps: h0 on the left, then for each step t the input x_t below, the hidden state h_t and the output y_t above. ` +
		(step === 0
			? 'No step computed yet.'
			: `Steps 1 to ${step} are computed; step ${step} is highlighted: h${step} is computed from x${step} and h${step - 1}.`) +
		' The same W_xh, W_hh and W_hy are used at every step.'
	);
}

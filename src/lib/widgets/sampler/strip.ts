/**
 * The probability strip of one generation step: the probabilities laid end to end as slices, the
 * draw's marker above them and each visible slice's character below on a leader line. Laid out
 * here (pure, testable) and drawn on a canvas: as an SVG of three elements per slice, every step
 * of a 50-character vocabulary rebuilt and repainted some 150 nodes, a long task on a phone.
 */
import { spreadLabels } from '$lib/ui/charts/spread';
import { labelRows } from './model';

/** Heights and widths in CSS pixels: the marker's band, the bar, a label's width, a label row. */
export const MARKER = 12;
export const BAR = 24;
export const LABEL = 16;
export const ROW = 17;
export const BAR_BOTTOM = MARKER + BAR;

export interface StripSlice {
	/** The character's id (its colour and label). */
	i: number;
	left: number;
	right: number;
	/** Centre of its label and the label row (0 just under the bar). */
	labelX: number;
	row: number;
}

export interface StripLayout {
	width: number;
	height: number;
	slices: StripSlice[];
	/** The draw's position in pixels, or null (greedy: no draw). */
	marker: number | null;
}

// Okabe–Ito hues (app.css lightens them for dark mode) and a grey: eight distinct colours, so
// "hello world" repeats none; a longer vocabulary repeats them, but every slice is labelled.
const PALETTE = ['--c-blue', '--c-orange', '--c-green', '--c-purple', '--c-yellow', '--c-vermillion', '--c-sky', '--text-muted'];

/** The colour variable of character `i`'s slice and bar. */
export const sliceColour = (i: number) => PALETTE[i % PALETTE.length];

/** Top of the label row `row`: its leader line ends there, the text stands under it. */
export const labelTop = (row: number) => BAR_BOTTOM + 6 + row * ROW;

/**
 * Slices for the characters wide enough to see (half a pixel), their labels spread so none
 * touches another, and a height kept at the worst case of the vocabulary (every character a
 * visible slice), so a step whose labels need fewer rows does not change the page's height.
 */
export function stripLayout(probabilities: ArrayLike<number>, width: number, draw: number | null): StripLayout {
	const end = Math.max(2, width - 1);
	const px = (v: number) => 1 + v * (end - 1);
	const slices: StripSlice[] = [];
	let sum = 0;
	for (let i = 0; i < probabilities.length; i++) {
		const p = probabilities[i];
		if (p * (width - 2) >= 0.5) slices.push({ i, left: px(sum), right: px(sum + p), labelX: 0, row: 0 });
		sum += p;
	}
	const labels = spreadLabels(
		slices.map((s) => (s.left + s.right) / 2),
		LABEL,
		0,
		width
	);
	slices.forEach((s, n) => {
		s.labelX = labels[n].x;
		s.row = labels[n].row;
	});
	const rows = Math.max(1, labelRows(probabilities.length, LABEL, width), ...labels.map((l) => l.row + 1));
	return { width, height: labelTop(rows), slices, marker: draw === null ? null : px(Math.min(1, Math.max(0, draw))) };
}

/** Colours resolved for the canvas (it cannot read CSS variables) and the labels' font. */
export interface StripStyle {
	track: string;
	trackEdge: string;
	sliceEdge: string;
	leader: string;
	text: string;
	font: string;
	slice: (i: number) => string;
}

/** Clears the canvas (CSS pixels at `scale` device pixels each) and draws the strip. */
export function drawStrip(pen: CanvasRenderingContext2D, layout: StripLayout, scale: number, labels: readonly string[], style: StripStyle): void {
	const { width, height } = layout;
	pen.setTransform(scale, 0, 0, scale, 0, 0);
	pen.clearRect(0, 0, width, height);
	pen.lineWidth = 1;
	pen.beginPath();
	if (typeof pen.roundRect === 'function') pen.roundRect(0.5, MARKER, Math.max(0, width - 1), BAR, 4);
	else pen.rect(0.5, MARKER, Math.max(0, width - 1), BAR);
	pen.fillStyle = style.track;
	pen.fill();
	pen.strokeStyle = style.trackEdge;
	pen.stroke();

	// One path per colour, then the edges as one path: a few dozen canvas calls instead of three
	// per slice (a canvas call, a colour parsed, is what a step's redraw spends its time on).
	const byColour = new Map<string, StripSlice[]>();
	for (const s of layout.slices) {
		const colour = style.slice(s.i);
		const group = byColour.get(colour);
		if (group) group.push(s);
		else byColour.set(colour, [s]);
	}
	const slicePath = (s: StripSlice) => pen.rect(s.left, MARKER, Math.max(0.5, s.right - s.left), BAR);
	for (const [colour, group] of byColour) {
		pen.beginPath();
		group.forEach(slicePath);
		pen.fillStyle = colour;
		pen.fill();
	}
	pen.beginPath();
	layout.slices.forEach(slicePath);
	pen.strokeStyle = style.sliceEdge;
	pen.stroke();

	pen.beginPath();
	for (const s of layout.slices) {
		pen.moveTo((s.left + s.right) / 2, BAR_BOTTOM);
		pen.lineTo(s.labelX, labelTop(s.row));
	}
	pen.strokeStyle = style.leader;
	pen.stroke();

	pen.font = style.font;
	pen.textAlign = 'center';
	pen.textBaseline = 'alphabetic';
	pen.fillStyle = style.text;
	for (const s of layout.slices) pen.fillText(labels[s.i] ?? '', s.labelX, labelTop(s.row) + 12);

	if (layout.marker !== null) {
		const u = layout.marker;
		pen.beginPath();
		pen.moveTo(u - 6, 0);
		pen.lineTo(u + 6, 0);
		pen.lineTo(u, MARKER - 2);
		pen.closePath();
		pen.fill();
		pen.beginPath();
		pen.moveTo(u, MARKER - 2);
		pen.lineTo(u, BAR_BOTTOM);
		pen.lineWidth = 3;
		pen.strokeStyle = style.text;
		pen.stroke();
	}
}

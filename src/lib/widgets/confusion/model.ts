/**
 * The confusion-matrix widget's state and what it shows: a grid of counts (rows = true class,
 * columns = predicted class) that the reader edits, and the numbers an evaluation reads from it,
 * all computed by `classMetrics` in the data module.
 */
import { classMetrics, type ClassMetrics } from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 6;
export const MAX_COUNT = 99_999;

export interface Preset {
	label: string;
	names: string;
	counts: number[];
}

export const PRESETS: readonly Preset[] = [
	{
		label: 'Rare falls',
		names: 'sitting,walking,falling',
		// 1,010 test windows, only 10 of them falls: the model never says "falling" when it should.
		counts: [480, 15, 5, 20, 470, 10, 6, 4, 0]
	},
	{
		label: 'Five activities',
		names: 'sitting,standing,walking,dancing,running',
		counts: [40, 9, 1, 0, 0, 12, 36, 2, 0, 0, 0, 1, 44, 3, 2, 0, 0, 4, 38, 8, 0, 0, 1, 5, 44]
	}
];

export const schema = {
	names: {
		kind: 'text',
		maxLength: 120,
		default: PRESETS[0].names,
		doc: `Class names, comma-separated, ${MIN_CLASSES} to ${MAX_CLASSES}; they fix the size k of the matrix (blank names become “class N”, names past the sixth are ignored with a note).`
	},
	counts: {
		kind: 'int-list',
		min: 0,
		max: MAX_COUNT,
		minLength: MIN_CLASSES * MIN_CLASSES,
		maxLength: MAX_CLASSES * MAX_CLASSES,
		default: PRESETS[0].counts,
		doc: 'The k × k counts row by row (row = true class). A list of the wrong length is padded with 0 or cut, with a note.'
	}
} satisfies Schema;

export type ConfusionValues = Values<typeof schema>;
export const controls = ['names', 'counts', 'presets'] as const;

export interface Evaluation {
	names: string[];
	matrix: number[][];
	metrics: ClassMetrics;
	/** Set when the names or counts had to be adjusted to make a k × k matrix. */
	notice: string | null;
	/** The class with the lowest accuracy, when it is far below the overall accuracy. */
	hidden: { name: string; accuracy: number } | null;
}

/** Class names from the comma-separated text; blank names become "class N"; k clamped to 2…6. */
export function namesOf(text: string): { names: string[]; notice: string | null } {
	let names = text.split(',').map((n) => n.trim());
	let notice: string | null = null;
	if (names.length > MAX_CLASSES) {
		notice = `Only the first ${MAX_CLASSES} class names are used.`;
		names = names.slice(0, MAX_CLASSES);
	}
	while (names.length < MIN_CLASSES) names.push('');
	return { names: names.map((n, i) => n || `class ${i + 1}`), notice };
}

export function evaluate(values: ConfusionValues): Evaluation {
	const { names, notice: nameNotice } = namesOf(values.names);
	const k = names.length;
	const need = k * k;
	let notice = nameNotice;
	if (values.counts.length !== need) {
		notice = `${notice ? notice + ' ' : ''}${k} classes need ${need} counts, but ${values.counts.length} were given: ${values.counts.length < need ? 'the missing ones are 0' : 'the extra ones are ignored'}.`;
	}
	const matrix = Array.from({ length: k }, (_, t) => Array.from({ length: k }, (_, p) => values.counts[t * k + p] ?? 0));
	const metrics = classMetrics(matrix);
	let hidden: Evaluation['hidden'] = null;
	metrics.perClass.forEach((a, c) => {
		if (a !== null && a < metrics.accuracy - 0.2 && (hidden === null || a < hidden.accuracy)) hidden = { name: names[c], accuracy: a };
	});
	return { names, matrix, metrics, notice, hidden };
}

/** The counts list with one cell changed, sized to k × k (so an edit also repairs a short list). */
export function withCount(values: ConfusionValues, k: number, t: number, p: number, count: number): number[] {
	const counts = Array.from({ length: k * k }, (_, i) => values.counts[i] ?? 0);
	counts[t * k + p] = count;
	return counts;
}

/** A cell typed by the reader: a whole number from 0 to MAX_COUNT, else null. */
export function parseCount(text: string): number | null {
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed)) return null;
	const n = Number(trimmed);
	return n <= MAX_COUNT ? n : null;
}

/** Percentages as the kit writes them (one decimal). */
export { percent as formatPercent } from '$lib/ui/format';

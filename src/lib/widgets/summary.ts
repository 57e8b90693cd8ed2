/**
 * Widget summaries are plain strings written with the lessons' subscript notation (h_t, W_xh,
 * h_{t−1}). `summaryParts` splits one into text and subscripts so a page can show h<sub>t</sub>.
 * Only a single letter (after a non-letter) takes a subscript, so `return_sequences` stays as is.
 */
export interface SummaryPart {
	text: string;
	sub?: string;
}

const SUBSCRIPT = /(?<![A-Za-z])([A-Za-z])_(?:\{([^}]+)\}|([A-Za-z0-9]+))/g;

export function summaryParts(summary: string): SummaryPart[] {
	const parts: SummaryPart[] = [];
	let last = 0;
	for (const match of summary.matchAll(SUBSCRIPT)) {
		const start = match.index ?? 0;
		parts.push({ text: summary.slice(last, start) + match[1], sub: match[2] ?? match[3] });
		last = start + match[0].length;
	}
	if (last < summary.length || parts.length === 0) parts.push({ text: summary.slice(last) });
	return parts;
}

/**
 * A series typed or pasted by a student, read for a widget: the data module parses it (and names
 * a bad value by number, line and column); this adds the widget's limits on count and size.
 */
import { DataError, parseSeries } from '$lib/engine/data';
import { exact, plural } from './format';

export type SeriesReading = { ok: true; value: number[] } | { ok: false; message: string };

export interface SeriesLimits {
	/** The widget, in messages: "the forecaster". */
	who: string;
	/** Fewest numbers the widget can use (default 1) and what for. */
	min?: number;
	minFor?: string;
	max: number;
	/** Largest magnitude a value may have. */
	valueLimit: number;
}

export function readSeries(text: string, limits: SeriesLimits): SeriesReading {
	let parsed: Float64Array;
	try {
		parsed = parseSeries(text);
	} catch (error) {
		if (error instanceof DataError) return { ok: false, message: error.message };
		throw error;
	}
	const min = limits.min ?? 1;
	if (parsed.length < min) {
		return { ok: false, message: `That is ${plural(parsed.length, 'number')}; ${limits.minFor ?? limits.who} needs at least ${min}.` };
	}
	if (parsed.length > limits.max) {
		return { ok: false, message: `That is ${plural(parsed.length, 'number')}; ${limits.who} takes at most ${exact(limits.max)}.` };
	}
	const big = parsed.findIndex((v) => Math.abs(v) > limits.valueLimit);
	if (big >= 0) {
		const bound = limits.valueLimit.toExponential(0).replace('+', '');
		return {
			ok: false,
			message: `Value number ${big + 1} (${parsed[big]}) is too large: values must lie between −${bound} and ${bound}.`
		};
	}
	return { ok: true, value: Array.from(parsed) };
}

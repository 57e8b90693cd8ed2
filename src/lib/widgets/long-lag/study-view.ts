/**
 * Reading the long-lag study file (`study.json`, written by `scripts/long-lag-study.ts`) for the
 * page: one row per lag, one column per network, each cell the median steps to 95 % test accuracy
 * and how many seeds got there. Pure: no engine, no training.
 */
import type { Study, StudyCell, Variant } from './study';

export const VARIANT_LABELS: Record<Variant, string> = {
	rnn: 'RNN',
	'rnn-clip': 'RNN + clipping',
	'lstm-chrono': 'LSTM, Chrono',
	'lstm-keras': 'LSTM, Keras',
	'lstm-pytorch': 'LSTM, PyTorch'
};

export interface StudyEntry {
	/** Median steps to the target, or null when most seeds did not reach it within the cap. */
	median: number | null;
	solved: number;
	seeds: number;
	skipped: boolean;
}

export function cellOf(study: Study, variant: Variant, lag: number): StudyCell | undefined {
	return study.cells.find((c) => c.variant === variant && c.lag === lag);
}

export function entryOf(study: Study, variant: Variant, lag: number): StudyEntry | null {
	const cell = cellOf(study, variant, lag);
	if (!cell) return null;
	return {
		median: cell.median,
		solved: cell.solvedAt.filter((s) => s !== null).length,
		seeds: study.settings.seeds.length,
		skipped: cell.skipped === true
	};
}

/** The longest lag at which most seeds of a variant reached the target, or null. */
export function longestSolved(study: Study, variant: Variant): number | null {
	const lags = study.cells.filter((c) => c.variant === variant && c.median !== null).map((c) => c.lag);
	return lags.length ? Math.max(...lags) : null;
}

/** The shortest lag at which most seeds of a variant failed (or were not run after failing), or null. */
export function firstFailed(study: Study, variant: Variant): number | null {
	const lags = study.cells.filter((c) => c.variant === variant && c.median === null).map((c) => c.lag);
	return lags.length ? Math.min(...lags) : null;
}

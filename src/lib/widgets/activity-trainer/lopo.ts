/**
 * Leave-one-person-out for the activity trainer, the pure part: one fold per person (that person
 * held out and judged, the others train), what a fold keeps of the worker's judgement, the mean and
 * spread over the folds, the time left, and reading folds back from storage. Every number comes
 * from the worker's evaluations; this file only adds them up.
 */
import { LECTURE_PEOPLE } from '$lib/activity/constants';
import type { StepReport, TrainConfig } from '$lib/worker/protocol';

/** One fold per person of the data. */
export const FOLDS = LECTURE_PEOPLE;
/** The trainer's own split holds out the seventh person. */
export const USUAL_HELD_OUT = LECTURE_PEOPLE - 1;
/** The name the folds are kept under in this browser (saved-runs.ts), per base configuration. */
export const LOPO_STORE = 'activity-lopo';
/** Tables of folds kept (one per configuration); each is a few hundred bytes. */
export const LOPO_KEPT = 12;

export interface Tally {
	correct: number;
	count: number;
}

/** What a finished fold keeps: who was held out and how their steps were judged. */
export interface Fold {
	heldOut: number;
	person: string;
	/** Every labelled step of the held-out person. */
	all: Tally;
	/** Steps near an activity change, and the others. */
	near: Tally;
	elsewhere: Tally;
}

export type Folds = (Fold | null)[];

export const emptyFolds = (): Folds => Array.from({ length: FOLDS }, () => null);

/** The base configuration with person `heldOut` left out. */
export function foldConfig(base: TrainConfig, heldOut: number): TrainConfig {
	if (!base.perStep) throw new Error('Leave-one-person-out needs the activity trainer’s per-step configuration.');
	return { ...base, perStep: { ...base.perStep, heldOut } };
}

export function foldOf(heldOut: number, report: StepReport): Fold {
	return {
		heldOut,
		person: report.person,
		// Every judged step is either near a change or elsewhere.
		all: { correct: report.near.correct + report.elsewhere.correct, count: report.count },
		near: { correct: report.near.correct, count: report.near.count },
		elsewhere: { correct: report.elsewhere.correct, count: report.elsewhere.count }
	};
}

export const rate = (t: Tally): number | null => (t.count > 0 ? t.correct / t.count : null);

/** The first fold not yet done, or null when all are. */
export function nextFold(folds: Folds): number | null {
	const i = folds.findIndex((f) => f === null);
	return i < 0 ? null : i;
}

export const doneCount = (folds: Folds): number => folds.filter((f) => f !== null).length;

export interface Spread {
	/** Folds counted. */
	n: number;
	mean: number;
	/** Sample standard deviation (n − 1); null with fewer than two folds. */
	sd: number | null;
	min: { value: number; person: string };
	max: { value: number; person: string };
}

/** Mean and spread of one accuracy over the finished folds (each fold counts once, whatever its length). */
export function spreadOf(folds: Folds, part: 'all' | 'near' | 'elsewhere'): Spread | null {
	const values: { value: number; person: string }[] = [];
	for (const f of folds) {
		const v = f ? rate(f[part]) : null;
		if (f && v !== null) values.push({ value: v, person: f.person });
	}
	const n = values.length;
	if (n === 0) return null;
	const mean = values.reduce((s, v) => s + v.value, 0) / n;
	const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v.value - mean) ** 2, 0) / (n - 1)) : null;
	let min = values[0];
	let max = values[0];
	for (const v of values) {
		if (v.value < min.value) min = v;
		if (v.value > max.value) max = v;
	}
	return { n, mean, sd, min, max };
}

/**
 * Seconds left for `foldsLeft` folds (the current one included). Once a fold has finished, its
 * measured length (training, setting up and judging) counts for each fold; before that, the
 * updates left at the current speed.
 */
export function lopoTimeLeft(o: { foldsLeft: number; step: number; budget: number; updatesPerSec: number; secondsPerFold: number | null; elapsedInFold: number }): number | null {
	if (o.foldsLeft <= 0) return 0;
	if (o.secondsPerFold !== null) return Math.max(0, o.secondsPerFold - o.elapsedInFold) + (o.foldsLeft - 1) * o.secondsPerFold;
	if (!(o.updatesPerSec > 0)) return null;
	return (Math.max(0, o.budget - o.step) + (o.foldsLeft - 1) * o.budget) / o.updatesPerSec;
}

/** A sentence on the spread, or null before two folds are done. */
export function spreadSentence(folds: Folds, percent: (x: number) => string): string | null {
	const s = spreadOf(folds, 'all');
	if (!s || s.sd === null) return null;
	const of = s.n === FOLDS ? `all ${FOLDS} people` : `the ${s.n} people held out so far`;
	return (
		`Over ${of}, per-step accuracy averages ${percent(s.mean)} with a standard deviation of ${percent(s.sd)}: ` +
		`from ${percent(s.min.value)} on ${s.min.person} to ${percent(s.max.value)} on ${s.max.person}.`
	);
}

const isTally = (t: unknown): t is Tally => {
	const v = t as Tally | null;
	return typeof v === 'object' && v !== null && Number.isInteger(v.correct) && Number.isInteger(v.count) && v.correct >= 0 && v.count >= v.correct;
};

/** Folds read back from storage: anything that does not check out counts as not done. */
export function readFolds(data: unknown): Folds {
	const out = emptyFolds();
	const list = (data as { folds?: unknown } | null)?.folds;
	if (!Array.isArray(list)) return out;
	list.slice(0, FOLDS).forEach((raw, i) => {
		const f = raw as Fold | null;
		if (f && f.heldOut === i && typeof f.person === 'string' && f.person.length <= 80 && isTally(f.all) && isTally(f.near) && isTally(f.elsewhere)) {
			out[i] = { heldOut: i, person: f.person, all: { ...f.all }, near: { ...f.near }, elsewhere: { ...f.elsewhere } };
		}
	});
	return out;
}

/**
 * The long-lag study: how many training steps each network needs to remember the class across a
 * lag, over several seeds, with a step cap. `scripts/long-lag-study.ts` runs the whole grid and
 * writes `study.json` (the table lesson 7 shows); a unit test re-runs a few of its cells, so the
 * file cannot drift from the code. Runs use the lab's worker code (`$lib/training/session`), the
 * widget's network size, optimizer and learning rate, and the lab's task.
 */
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';
import { DEFAULT_CONFIG, gateBiasOf, type LstmInit } from '$lib/training/config';
import type { TrainConfig } from '$lib/worker/protocol';

/** What every run of the study shares: the long-lag widget's defaults (see model.ts). */
export const STUDY_SETTINGS = {
	hidden: 8,
	lr: 0.003,
	/** Global-norm threshold of the clipped RNN. */
	clip: 1,
	/** Test accuracy that counts as solved. */
	target: 0.95,
	/** Test the weights every this many steps. */
	every: 250
} as const;

export type Variant = 'rnn' | 'rnn-clip' | `lstm-${LstmInit}`;
export const VARIANTS: readonly Variant[] = ['rnn', 'rnn-clip', 'lstm-pytorch', 'lstm-keras', 'lstm-chrono'];

export function studyConfig(variant: Variant, lag: number, seed: number, cap: number): TrainConfig {
	const base: TrainConfig = {
		...DEFAULT_CONFIG,
		task: 'lag',
		text: '',
		hidden: STUDY_SETTINGS.hidden,
		optimizer: 'adam',
		lr: STUDY_SETTINGS.lr,
		clip: 0,
		tbptt: 0,
		seed,
		lag,
		steps: cap
	};
	if (variant === 'rnn') return { ...base, cell: 'rnn' };
	if (variant === 'rnn-clip') return { ...base, cell: 'rnn', clip: STUDY_SETTINGS.clip };
	const gateBias = gateBiasOf(variant.slice(5) as LstmInit);
	return { ...base, cell: 'lstm', ...(gateBias ? { gateBias } : {}) };
}

export interface Attempt {
	/** First tested step with test accuracy ≥ target, or null if the cap came first. */
	solvedAt: number | null;
	/** Test accuracy at that step, or at the cap. */
	accuracy: number;
}

/** Trains one run, testing every `every` steps, until it reaches the target or the cap. */
export function stepsToSolve(config: TrainConfig, every: number = STUDY_SETTINGS.every, target: number = STUDY_SETTINGS.target): Attempt {
	const session = createSession(config);
	let accuracy = 0;
	while (!session.finished) {
		session.runSteps(every);
		accuracy = evaluateNow(session).classes!.accuracy;
		if (accuracy >= target) return { solvedAt: session.step, accuracy };
	}
	return { solvedAt: null, accuracy };
}

/** The median of the seeds' step counts, a failed seed counting as more than any; null if most failed. */
export function medianSteps(solvedAt: readonly (number | null)[]): number | null {
	const sorted = [...solvedAt].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
	const mid = sorted[(sorted.length - 1) >> 1];
	// With an even count, take the upper middle, so a "median" is never better than half the seeds.
	return sorted.length % 2 === 1 ? mid : sorted[sorted.length >> 1];
}

export interface StudyCell {
	variant: Variant;
	lag: number;
	/** Per seed, in the order of `seeds`. */
	solvedAt: (number | null)[];
	accuracy: number[];
	median: number | null;
	/** Not run: most seeds already failed at a shorter lag. */
	skipped?: boolean;
}

export interface Study {
	settings: typeof STUDY_SETTINGS & { cap: number; seeds: number[]; lags: number[] };
	cells: StudyCell[];
}

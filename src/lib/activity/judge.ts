/**
 * Judging a per-step classifier on a labelled recording: accuracy over every step, the confusion
 * matrix, accuracy near activity changes against elsewhere, and a coarse timeline of true and
 * predicted activities. Fed chunk by chunk, so a worker can judge 60,000 steps in slices.
 */
import { ACTIVITIES } from '$lib/engine/data/activity';

const K = ACTIVITIES.length;

export interface Share {
	correct: number;
	count: number;
	/** correct / count, or null without steps. */
	accuracy: number | null;
}

export interface StepJudgement {
	/** Steps judged (those with a label). */
	count: number;
	accuracy: number;
	/** confusion[true][predicted] = steps. */
	confusion: number[][];
	/** Steps the data flag as blending from one activity into the next, and all the others. */
	near: Share;
	elsewhere: Share;
	/** The recording in `truth.length` equal bins: the most common true and predicted activity of each. */
	timeline: { binSteps: number; truth: number[]; predicted: number[] };
}

export interface Judge {
	/** Adds predicted activities for steps [start, start + predicted.length). */
	add(start: number, predicted: ArrayLike<number>): void;
	result(): StepJudgement;
}

const share = (correct: number, count: number): Share => ({ correct, count, accuracy: count ? correct / count : null });

function majority(counts: Int32Array, bin: number): number {
	let best = -1;
	let most = 0;
	for (let k = 0; k < K; k++) {
		if (counts[bin * K + k] > most) {
			most = counts[bin * K + k];
			best = k;
		}
	}
	return best;
}

/**
 * `labels`: the true activity per step (negative = unlabelled, not judged); `near`: 1 where a
 * step counts as near an activity change.
 */
export function createJudge(labels: ArrayLike<number>, near: ArrayLike<number>, bins = 480): Judge {
	const n = labels.length;
	const binCount = Math.max(1, Math.min(bins, n));
	const binSteps = Math.max(1, Math.ceil(n / binCount));
	const used = Math.ceil(n / binSteps);
	const truthCounts = new Int32Array(used * K);
	const predictedCounts = new Int32Array(used * K);
	const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
	let nearCorrect = 0;
	let nearCount = 0;
	let otherCorrect = 0;
	let otherCount = 0;
	return {
		add(start, predicted) {
			for (let i = 0; i < predicted.length; i++) {
				const t = start + i;
				const truth = labels[t];
				if (!(truth >= 0)) continue;
				const guess = predicted[i];
				const bin = Math.floor(t / binSteps);
				truthCounts[bin * K + truth]++;
				predictedCounts[bin * K + guess]++;
				confusion[truth][guess]++;
				const right = truth === guess ? 1 : 0;
				if (near[t]) {
					nearCorrect += right;
					nearCount++;
				} else {
					otherCorrect += right;
					otherCount++;
				}
			}
		},
		result() {
			const count = nearCount + otherCount;
			const correct = nearCorrect + otherCorrect;
			return {
				count,
				accuracy: count ? correct / count : 0,
				confusion: confusion.map((row) => [...row]),
				near: share(nearCorrect, nearCount),
				elsewhere: share(otherCorrect, otherCount),
				timeline: {
					binSteps,
					truth: Array.from({ length: used }, (_, b) => majority(truthCounts, b)),
					predicted: Array.from({ length: used }, (_, b) => majority(predictedCounts, b))
				}
			};
		}
	};
}

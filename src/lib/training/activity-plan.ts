/**
 * How lesson 13's trainer plans a run beyond plain updates, as plain logic: the learning-rate
 * schedule, the validation slice cut from the training people, and keeping the weights of the
 * epoch that did best on it. The held-out person is never looked at here: choosing weights by
 * the test person's accuracy would report a number picked with the answer in hand.
 */

/** Warm-up then cosine decay, as fractions: `warmup` of the budget's updates, ending at `floor` × the rate. */
export interface Schedule {
	warmup: number;
	floor: number;
}

/**
 * The learning rate for update `step` (1 = the first) of `total`: rising linearly from base/warm-up
 * to `base` over the warm-up updates (Adam's first steps are large while its moment estimates are
 * young), then following half a cosine down to `floor` × base at the last update, so the last
 * epochs make small moves and the run ends near a minimum instead of jumping between solutions.
 */
export function scheduledRate(base: number, step: number, total: number, schedule: Schedule): number {
	const warm = Math.max(1, Math.round(schedule.warmup * total));
	if (step <= warm) return (base * step) / warm;
	const t = Math.min(1, (step - warm) / Math.max(1, total - warm));
	return base * (schedule.floor + (1 - schedule.floor) * 0.5 * (1 + Math.cos(Math.PI * t)));
}

export interface Labelled {
	xyz: Float64Array;
	labels: ArrayLike<number>;
}

/**
 * Cuts the last `fraction` of every recording off as validation (a training person's later
 * minutes), so validation steps are never trained on and never come from the held-out person.
 * Recordings too short to give both parts at least one step stay whole in training.
 */
export function validationSplit<T extends Labelled>(recordings: readonly T[], fraction: number): { train: Labelled[]; validation: Labelled[] } {
	const train: Labelled[] = [];
	const validation: Labelled[] = [];
	for (const r of recordings) {
		const n = r.labels.length;
		const cut = Math.round(n * (1 - fraction));
		if (!(fraction > 0) || cut < 1 || cut >= n) {
			train.push(r);
			continue;
		}
		train.push({ xyz: r.xyz.subarray(0, 3 * cut), labels: Array.prototype.slice.call(r.labels, 0, cut) });
		validation.push({ xyz: r.xyz.subarray(3 * cut), labels: Array.prototype.slice.call(r.labels, cut) });
	}
	return { train, validation };
}

/**
 * Holds back training person `index` whole as validation: a person the network never trained on,
 * as the held-out person is, instead of later minutes of people it did train on.
 */
export function personSplit<T extends Labelled>(recordings: readonly T[], index: number): { train: Labelled[]; validation: Labelled[] } {
	if (recordings.length < 2 || !(index >= 0 && index < recordings.length)) return { train: [...recordings], validation: [] };
	return { train: recordings.filter((_, i) => i !== index), validation: [recordings[index]] };
}

export interface EpochScore {
	epoch: number;
	/** The update after which it was measured. */
	step: number;
	/** Per-step accuracy on the validation slice. */
	accuracy: number;
}

export interface BestKeeper {
	readonly scores: EpochScore[];
	/** The best score so far (the earliest of equals), or null before the first. */
	readonly best: EpochScore | null;
	/** Records a score; keeps a copy of `params` when it beats every earlier one. */
	observe(score: EpochScore, params: Float64Array): void;
	/** Puts the best weights into `params`; false when there are none to put back. */
	restore(params: Float64Array): boolean;
}

export function bestKeeper(): BestKeeper {
	const scores: EpochScore[] = [];
	let best: EpochScore | null = null;
	let kept: Float64Array | null = null;
	return {
		scores,
		get best() {
			return best;
		},
		observe(score, params) {
			scores.push(score);
			if (best === null || score.accuracy > best.accuracy) {
				best = score;
				kept = params.slice();
			}
		},
		restore(params) {
			if (!kept) return false;
			params.set(kept);
			return true;
		}
	};
}

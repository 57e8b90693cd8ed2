/**
 * Validation and early stopping, as plain logic the session drives: which training sequences are
 * held out, how often the validation loss is measured, and when it has stopped improving. The
 * test set is never touched: validation sequences come only from the training items.
 */
import { TrainingError } from './config';

export interface Split<T> {
	train: T[];
	validation: T[];
	/** Items left out between the two, because they share data with both (overlapping windows). */
	dropped: number;
}

/**
 * Holds out the last round(n · fraction) items (at least one) for validation and trains on the
 * items before them, minus `gap` items in between. The items are in data order: for tasks cut
 * into overlapping windows, `gap` windows are dropped so that no value is in both sets. The
 * order is fixed by the seed, so the same configuration always holds out the same items.
 */
export function splitValidation<T>(items: readonly T[], fraction: number, gap = 0): Split<T> {
	if (!(fraction > 0)) return { train: [...items], validation: [], dropped: 0 };
	const n = items.length;
	const held = Math.max(1, Math.round(n * fraction));
	const trainEnd = n - held - gap;
	if (trainEnd < 1) {
		throw new TrainingError(
			`Holding out ${Math.round(fraction * 100)}% for validation needs at least ${held + gap + 1} training sequences ` +
				`(${held} to validate, ${gap ? `${gap} left out because they overlap both sets, ` : ''}1 to train), but this task has ${n}: ` +
				'lower the validation fraction or give the task more data (a longer text).'
		);
	}
	return { train: items.slice(0, trainEnd), validation: items.slice(n - held), dropped: gap };
}

/**
 * Steps between validation measurements: about 100 over the step budget, but never more often
 * than every `validationCount` steps, so measuring (one forward pass per validation sequence,
 * roughly a third of a training step each) costs at most about a third of the training time.
 */
export function validationEvery(validationCount: number, steps: number): number {
	return Math.max(1, validationCount, Math.ceil(steps / 100));
}

export type Verdict = 'best' | 'wait' | 'stop';

export interface EarlyStopping {
	/** The lowest validation loss so far and its step (null before the first measurement). */
	readonly best: { step: number; loss: number } | null;
	/**
	 * Records the validation loss measured at `step`: 'best' when it is lower than every earlier
	 * one, 'stop' when `patience` steps have passed since the best without a lower one, else 'wait'.
	 */
	observe(step: number, loss: number): Verdict;
}

/** Early stopping on the validation loss, as Keras's EarlyStopping with min_delta 0; patience 0 never stops. */
export function earlyStopping(patience: number): EarlyStopping {
	let best: { step: number; loss: number } | null = null;
	return {
		get best() {
			return best;
		},
		observe(step, loss) {
			if (best === null || loss < best.loss) {
				best = { step, loss };
				return 'best';
			}
			return patience > 0 && step - best.step >= patience ? 'stop' : 'wait';
		}
	};
}

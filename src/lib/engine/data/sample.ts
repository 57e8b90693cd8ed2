/**
 * The shape every sequence dataset in this module has, so the engine trains on any of them.
 *
 * A sample is a sequence of input vectors (one `Float64Array` per time step, all of length
 * `inputSize`) and one target per step:
 * - a class index (whole number in `[0, outputSize)`) for classification,
 * - a `Float64Array` of length `outputSize` for regression,
 * - `null` at steps where the network's output is not scored (e.g. all but the last step of a
 *   many-to-one task).
 */

export type Target = number | Float64Array;

export interface SequenceSample<T extends Target = Target> {
	inputs: Float64Array[];
	targets: (T | null)[];
}

export interface SequenceDataset<T extends Target = Target> {
	samples: SequenceSample<T>[];
	inputSize: number;
	/** Number of classes (class targets) or length of each target vector (vector targets). */
	outputSize: number;
	targetKind: T extends number ? 'class' : 'vector';
	/** 'many-to-one': only the last step has a target; 'many-to-many': (almost) every step does. */
	shape: 'many-to-one' | 'many-to-many';
	/** Names of the classes, in index order (class targets only). */
	classNames?: string[];
}

export type ClassDataset = SequenceDataset<number>;
export type VectorDataset = SequenceDataset<Float64Array>;

/** How many scored targets fall in each class (null steps are skipped). */
export function countTargets(dataset: ClassDataset): number[] {
	const counts = new Array<number>(dataset.outputSize).fill(0);
	for (const sample of dataset.samples) {
		for (const target of sample.targets) if (target !== null) counts[target]++;
	}
	return counts;
}

/** Accuracy of always guessing the most common class: the bar a model has to beat. */
export function majorityBaseline(dataset: ClassDataset): number {
	const counts = countTargets(dataset);
	const total = counts.reduce((a, b) => a + b, 0);
	return total === 0 ? 0 : Math.max(...counts) / total;
}

/** The loss that fits a dataset: softmax cross-entropy for classes, mean squared error for vectors. */
export function lossKindOf(dataset: SequenceDataset): 'softmax-ce' | 'mse' {
	return dataset.targetKind === 'class' ? 'softmax-ce' : 'mse';
}

/**
 * Samples as `{ inputs, loss: { kind, targets } }`, the shape the engine's trainer takes
 * (`trainer.step(item.inputs, item.loss)` or `trainer.stepBatch(items)`).
 */
export function toTrainingItems<T extends Target>(
	dataset: SequenceDataset<T>,
	reduction: 'sum' | 'mean' = 'mean'
): { inputs: Float64Array[]; loss: { kind: 'softmax-ce' | 'mse'; targets: (T | null)[]; reduction: 'sum' | 'mean' } }[] {
	const kind = lossKindOf(dataset as SequenceDataset);
	return dataset.samples.map((s) => ({ inputs: s.inputs, loss: { kind, targets: s.targets, reduction } }));
}

/**
 * Evaluating a classifier: the confusion matrix and the numbers read from it. Rows are the true
 * class, columns the predicted one, so confusion[t][p] counts samples of class t predicted as p.
 */

import { DataError, requireInteger, show } from './errors';

/** Counts true/predicted label pairs into a k × k matrix. */
export function confusionMatrix(truth: readonly number[], predicted: readonly number[], classes: number): number[][] {
	requireInteger('The number of classes', classes, 1, 1000);
	if (truth.length !== predicted.length) {
		throw new DataError('invalid-argument', `There are ${truth.length} true labels but ${predicted.length} predictions; give one prediction per sample.`);
	}
	const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
	truth.forEach((t, i) => {
		const p = predicted[i];
		for (const [what, label] of [['true label', t], ['prediction', p]] as const) {
			if (!Number.isInteger(label) || label < 0 || label >= classes) {
				throw new DataError('invalid-argument', `The ${what} of sample ${i + 1} is ${show(label)}, but a class is a whole number from 0 to ${classes - 1}.`, { index: i });
			}
		}
		matrix[t][p]++;
	});
	return matrix;
}

export interface ClassMetrics {
	/** Samples in the matrix. */
	count: number;
	/** Samples on the diagonal (predicted right). */
	correct: number;
	/** correct / count (0 when there are no samples). */
	accuracy: number;
	/** Samples per true class (row sums). */
	support: number[];
	/** Predictions per class (column sums). */
	predictedCounts: number[];
	/** Accuracy per class, i.e. recall: confusion[c][c] / support[c]; null for a class with no samples. */
	perClass: (number | null)[];
	/** Precision: confusion[c][c] / predictedCounts[c]; null for a class never predicted. */
	precision: (number | null)[];
	/** The mean of perClass over the classes that have samples (balanced accuracy). */
	balancedAccuracy: number;
}

/** Overall accuracy, accuracy per class (recall) and precision of a square confusion matrix of counts. */
export function classMetrics(confusion: readonly (readonly number[])[]): ClassMetrics {
	const k = confusion.length;
	if (k === 0) throw new DataError('empty-input', 'The confusion matrix is empty; it needs at least one class.');
	confusion.forEach((row, t) => {
		if (row.length !== k) {
			throw new DataError('invalid-argument', `Row ${t + 1} of the confusion matrix has ${row.length} entries, but a matrix of ${k} classes needs ${k}.`, { row: t });
		}
		row.forEach((n, p) => {
			if (!Number.isInteger(n) || n < 0) {
				throw new DataError('invalid-argument', `The count in row ${t + 1}, column ${p + 1} is ${show(n)}; counts are whole numbers, 0 or more.`, { row: t, column: p });
			}
		});
	});
	const support = confusion.map((row) => row.reduce((a, b) => a + b, 0));
	const predictedCounts = confusion[0].map((_, p) => confusion.reduce((a, row) => a + row[p], 0));
	const count = support.reduce((a, b) => a + b, 0);
	const correct = confusion.reduce((a, row, c) => a + row[c], 0);
	const perClass = confusion.map((row, c) => (support[c] === 0 ? null : row[c] / support[c]));
	const precision = confusion.map((row, c) => (predictedCounts[c] === 0 ? null : row[c] / predictedCounts[c]));
	const present = perClass.filter((v): v is number => v !== null);
	return {
		count,
		correct,
		accuracy: count === 0 ? 0 : correct / count,
		support,
		predictedCounts,
		perClass,
		precision,
		balancedAccuracy: present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length
	};
}

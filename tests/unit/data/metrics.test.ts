import { describe, expect, it } from 'vitest';
import { DataError, classMetrics, confusionMatrix } from '$lib/engine/data';

describe('confusionMatrix(truth, predicted, classes)', () => {
	it('counts confusion[true][predicted]', () => {
		expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)).toEqual([
			[1, 1, 0],
			[0, 1, 0],
			[1, 0, 2]
		]);
	});

	it('refuses labels out of range and mismatched lengths with a message', () => {
		expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/sample 2.*0 to 2/);
		expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(DataError);
	});
});

describe('classMetrics(confusion)', () => {
	it('the lecture’s six binary predictions: 4 of 6 right', () => {
		// (predicted, truth): (1,1) (0,0) (1,0) (0,0) (1,1) (0,1), classes 0 = N, 1 = P.
		const m = classMetrics(confusionMatrix([1, 0, 0, 0, 1, 1], [1, 0, 1, 0, 1, 0], 2));
		expect(m.count).toBe(6);
		expect(m.correct).toBe(4);
		expect(m.accuracy).toBeCloseTo(4 / 6, 15);
		expect(m.perClass).toEqual([2 / 3, 2 / 3]);
	});

	it('overall accuracy can hide a class that is never recognised', () => {
		const m = classMetrics([
			[480, 15, 5],
			[20, 470, 10],
			[6, 4, 0]
		]);
		expect(m.accuracy).toBeCloseTo(950 / 1010, 15);
		expect(m.perClass[2]).toBe(0);
		expect(m.precision[2]).toBe(0);
		expect(m.support).toEqual([500, 500, 10]);
		expect(m.predictedCounts).toEqual([506, 489, 15]);
		expect(m.balancedAccuracy).toBeCloseTo((480 / 500 + 470 / 500 + 0) / 3, 15);
	});

	it('a class with no samples has no accuracy; one never predicted has no precision', () => {
		const m = classMetrics([
			[3, 0],
			[0, 0]
		]);
		expect(m.perClass).toEqual([1, null]);
		expect(m.precision).toEqual([1, null]);
		expect(classMetrics([[0]]).accuracy).toBe(0);
	});

	it('refuses a non-square matrix or a negative count', () => {
		expect(() => classMetrics([[1, 2], [3]])).toThrow(/Row 2/);
		expect(() => classMetrics([[1, -2], [3, 4]])).toThrow(/row 1, column 2/);
		expect(() => classMetrics([])).toThrow(DataError);
	});
});

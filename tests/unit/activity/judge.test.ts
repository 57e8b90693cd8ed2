import { describe, expect, it } from 'vitest';
import { createJudge } from '$lib/activity/judge';

describe('createJudge: per-step accuracy, confusion, near activity changes vs elsewhere', () => {
	// 0 0 0 | 2 2 2 2 | 4 4 : the first two steps of each new activity blend in the old one.
	const labels = [0, 0, 0, 2, 2, 2, 2, 4, 4];
	const near = [0, 0, 0, 1, 1, 0, 0, 1, 1];
	it('counts right and wrong steps apart near a change and elsewhere', () => {
		const judge = createJudge(labels, near, 3);
		// The network keeps the old activity for one step after each change, as a lagging model would.
		judge.add(0, [0, 0, 0, 0]);
		judge.add(4, [2, 2, 2, 2, 4]);
		const r = judge.result();
		expect(r.count).toBe(9);
		expect(r.accuracy).toBeCloseTo(7 / 9, 12);
		expect(r.near).toEqual({ correct: 2, count: 4, accuracy: 0.5 });
		expect(r.elsewhere).toEqual({ correct: 5, count: 5, accuracy: 1 });
		expect(r.confusion[2][0]).toBe(1);
		expect(r.confusion[4][2]).toBe(1);
		expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(9);
		expect(r.timeline).toEqual({ binSteps: 3, truth: [0, 2, 4], predicted: [0, 2, 2] });
	});
	it('leaves unlabelled steps out and says when there is nothing near a change', () => {
		const judge = createJudge([1, -1, 1], [0, 0, 0]);
		judge.add(0, [1, 3, 0]);
		const r = judge.result();
		expect(r.count).toBe(2);
		expect(r.accuracy).toBe(0.5);
		expect(r.near.accuracy).toBeNull();
	});
});

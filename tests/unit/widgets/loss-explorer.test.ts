import { describe, expect, it } from 'vitest';
import { lossBreakdown } from '$lib/engine';
import { parseQuery, serializeQuery } from '$lib/widgets/params';
import { CLASSES, distributionOf, explore, formatLoss, logitsOf, lossCurve, schema, tidyP } from '$lib/widgets/loss-explorer/model';

const values = (query: string) => parseQuery(schema, query).values;

describe('loss explorer model', () => {
	it('round-trips its state through the URL and refuses bad lists', () => {
		const parsed = parseQuery(schema, 'p=0.7,0.2,0.9,0.35&scored=1,0,1,1&reduction=mean');
		expect(parsed.issues).toEqual([]);
		expect(parseQuery(schema, serializeQuery(schema, parsed.values)).values).toEqual(parsed.values);
		for (const query of ['p=0.7,0.2', 'p=0,0.5,0.5,0.5', 'p=1,0.5,0.5,0.5', 'scored=1,2,1,1', 'reduction=max']) {
			expect(parseQuery(schema, query).issues, query).toHaveLength(1);
		}
	});

	it('the default first step predicts 0.7 for "e": J_1 = −log 0.7 ≈ 0.357', () => {
		const result = explore(values(''));
		expect(CLASSES).toEqual(['h', 'e', 'l', 'o']);
		const first = result.steps[0];
		expect([first.input, first.target, first.p]).toEqual(['h', 'e', 0.7]);
		expect(first.probabilities[first.targetIndex]).toBeCloseTo(0.7, 14);
		expect(first.J).toBeCloseTo(-Math.log(0.7), 14);
		expect(formatLoss(first.J!)).toBe('0.357');
	});

	it('J_t, their sum and mean are the engine’s, for sum and mean reductions', () => {
		for (const reduction of ['sum', 'mean'] as const) {
			const v = values(`p=0.7,0.25,0.9,0.4&scored=1,0,1,1&reduction=${reduction}`);
			const result = explore(v);
			if (!result.ok) throw new Error(result.message);
			const targets = [1, null, 2, 3];
			const b = lossBreakdown(
				{ kind: 'softmax-ce', targets, reduction },
				[1, 2, 2, 3].map((k, t) => logitsOf(distributionOf(v.p[t], k)))
			);
			expect(result.steps.map((s) => s.J)).toEqual(b.stepLosses);
			expect(result.sum).toBe(b.sum);
			expect(result.mean).toBe(b.mean);
			expect(result.loss).toBe(b.loss);
			expect(result.count).toBe(3);
			expect(result.sum).toBeCloseTo(-Math.log(0.7) - Math.log(0.9) - Math.log(0.4), 12);
		}
	});

	it('a sequence with no target gives the engine’s message, not a number', () => {
		const result = explore(values('scored=0,0,0,0'));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toContain('No step has a target');
		expect(result.steps[0].probabilities[1]).toBeCloseTo(0.7, 12);
	});

	it('the −log p curve falls from −log 0.01 to 0', () => {
		const curve = lossCurve(100);
		expect(curve[0].J).toBeCloseTo(-Math.log(0.01), 10);
		expect(curve[curve.length - 1].J).toBeCloseTo(0, 10);
		for (let i = 1; i < curve.length; i++) expect(curve[i].J).toBeLessThan(curve[i - 1].J);
	});

	it('tidies slider values', () => {
		expect(tidyP(0.1 + 0.2)).toBe(0.3);
		expect(tidyP(0)).toBe(0.01);
		expect(tidyP(1)).toBe(0.99);
	});
});

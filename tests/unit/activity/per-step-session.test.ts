import { describe, expect, it } from 'vitest';
import { LECTURE_LENGTHS, lectureData } from '$lib/activity/lecture';
import { checkConfig, TrainingError } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { configOf, updatesPerEpoch, longestStream } from '$lib/widgets/activity-trainer/model';
import { defaults } from '$lib/widgets/params';
import { schema } from '$lib/widgets/activity-trainer/model';

describe('lesson 13 data and per-step session', () => {
	it('the lecture’s six training lengths come out of the generated recordings', () => {
		const data = lectureData();
		expect(data.train.map((r) => r.labels.length)).toEqual([...LECTURE_LENGTHS]);
		expect(data.recordings).toHaveLength(7);
		expect(data.test[0].person.id).toBe(6);
	}, 30_000); // seven recordings of ~55,000 steps: a few seconds on a busy 2-core machine

	it('trains updates over streams and judges every held-out step', () => {
		const config = { ...configOf({ ...defaults(schema), chunk: 20 }), hidden: 4, steps: 3 };
		const session = createSession(config);
		expect(session.info.parameters).toBe(4 * 4 * (3 + 4 + 1) + 5 * 4 + 5);
		const points = session.runSteps(5);
		expect(points.map((p) => p.step)).toEqual([1, 2, 3]);
		expect(session.finished).toBe(true);
		const job = session.evaluation();
		let result = null;
		let slices = 0;
		while (!(result = job.advance(() => true))) slices++;
		expect(slices).toBeGreaterThan(10);
		const report = result.steps!;
		expect(report.steps).toBe(lectureData().test[0].labels.length);
		expect(report.count).toBe(report.steps);
		expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(report.steps);
		expect(report.near.count + report.elsewhere.count).toBe(report.steps);
		expect(report.near.count).toBeGreaterThan(0);
	}, 30_000);

	it('an epoch is the longest stream in chunks', () => {
		expect(updatesPerEpoch(longestStream('quick'), 50)).toBe(Math.ceil(LECTURE_LENGTHS[0] / 4 / 50));
	});

	it('refuses a bad perStep with a sentence', () => {
		const config = configOf(defaults(schema));
		expect(() => checkConfig({ ...config, perStep: { people: 9, streams: 4 } })).toThrow(TrainingError);
		expect(() => checkConfig({ ...config, perStep: { people: 1, streams: 4, extra: [{ name: 'a', xyz: [0, 0], labels: [0] }] } })).toThrow(/extra\[0\]/);
		expect(() => checkConfig({ ...config, task: 'echo' })).toThrow(/belongs to the activity task/);
	});
});

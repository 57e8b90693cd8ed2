import { describe, expect, it } from 'vitest';
import { LECTURE_LENGTHS, lectureData } from '$lib/activity/lecture';
import { checkConfig, TrainingError } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { rotated } from '$lib/training/activity-steps';
import { createRandom } from '$lib/engine';
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

	it('leaves out the person named by heldOut and trains on the first of the others', () => {
		const data = lectureData();
		const base = { ...configOf({ ...defaults(schema), chunk: 20 }), hidden: 4, steps: 2 };
		const fmt = (n: number) => n.toLocaleString('en');
		// The quick setting trains one person: the first who is not held out.
		const first = createSession({ ...base, perStep: { ...base.perStep!, heldOut: 0 } });
		expect(first.info.summary).toContain(`(${fmt(LECTURE_LENGTHS[1])} steps)`);
		expect(first.info.summary).toContain(`tested on ${data.recordings[0].person.name}, held out`);
		first.runSteps(2);
		const job = first.evaluation();
		let result = null;
		while (!(result = job.advance(() => false)));
		expect(result.steps!.person).toBe(data.recordings[0].person.name);
		expect(result.steps!.steps).toBe(LECTURE_LENGTHS[0]);
		// Absent, it is the seventh person, as before: the same run as heldOut 6.
		const seventh = createSession({ ...base, perStep: { ...base.perStep!, heldOut: 6 } });
		const usual = createSession(base);
		expect(usual.info.summary).toBe(seventh.info.summary);
		expect(usual.info.summary).toContain(`(${fmt(LECTURE_LENGTHS[0])} steps)`);
		expect(usual.info.summary).toContain(`tested on ${data.recordings[6].person.name}, held out`);
		expect(usual.runSteps(2)).toEqual(seventh.runSteps(2));
		const judged = (s: typeof usual) => {
			const j = s.evaluation();
			let r = null;
			while (!(r = j.advance(() => false)));
			return r.steps!;
		};
		// So the seventh fold of leave-one-person-out reproduces the trainer's own judgement.
		expect(judged(seventh)).toEqual(judged(usual));
		// Six training people with the fourth held out: everyone else's steps.
		const six = createSession({ ...base, perStep: { people: 6, streams: 12, heldOut: 3 } });
		const steps = data.recordings.filter((_, i) => i !== 3).reduce((sum, r) => sum + r.labels.length, 0);
		expect(six.info.summary).toContain(`(${fmt(steps)} steps)`);
	}, 60_000);

	it('refuses a held-out person outside the seven', () => {
		const config = configOf(defaults(schema));
		expect(() => checkConfig({ ...config, perStep: { people: 1, streams: 4, heldOut: 7 } })).toThrow(/perStep.heldOut must be a whole number from 0 to 6/);
		expect(() => checkConfig({ ...config, perStep: { people: 1, streams: 4, heldOut: 1.5 } })).toThrow(/heldOut/);
		expect(checkConfig({ ...config, perStep: { people: 1, streams: 4, heldOut: 2 } }).perStep!.heldOut).toBe(2);
	});

	it('the recommended setup trains on turned copies of the sensor frame, the same for the same seed', () => {
		const config = configOf({ ...defaults(schema), setup: 'recommended', chunk: 20 });
		expect(config.perStep?.augment).toEqual({ yaw: 180, tilt: 12 });
		expect(() => checkConfig(config)).not.toThrow();
		const small = { ...config, hidden: 3, steps: 2 };
		const run = () => {
			const session = createSession(small);
			return session.runSteps(2).map((p) => p.loss);
		};
		const first = run();
		expect(run()).toEqual(first);
		const plain = createSession({ ...small, perStep: { ...small.perStep!, augment: undefined } }).runSteps(2).map((p) => p.loss);
		expect(plain[0]).not.toBe(first[0]);
		expect(() => checkConfig({ ...config, perStep: { people: 6, streams: 12, augment: { yaw: 'a', tilt: 0 } } })).toThrow(/augment/);
	}, 60_000);

	it('turning the sensor frame keeps every reading’s size and stays within the angles asked for', () => {
		const xyz = Float64Array.of(0, 1, 0, 0.3, 0.9, -0.2, 1, 0, 0);
		const out = rotated(xyz, createRandom('t'), 60, 12);
		for (let i = 0; i < 9; i += 3) expect(Math.hypot(out[i], out[i + 1], out[i + 2])).toBeCloseTo(Math.hypot(xyz[i], xyz[i + 1], xyz[i + 2]), 12);
		// gravity along the phone's long axis (y) is not moved by the turn about it, only by the two tilts
		expect(Math.acos(out[1]) * (180 / Math.PI)).toBeLessThanOrEqual(Math.hypot(12, 12) + 1e-9);
		for (let k = 0; k < 20; k++) expect(rotated(Float64Array.of(0, 1, 0), createRandom(`y${k}`), 180, 0)[1]).toBeCloseTo(1, 12);
		expect(rotated(xyz, createRandom('t'), 60, 12)).toEqual(out);
	});

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

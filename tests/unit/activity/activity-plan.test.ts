import { describe, expect, it } from 'vitest';
import { LECTURE_LENGTHS } from '$lib/activity/lecture';
import { bestKeeper, personSplit, scheduledRate, validationSplit } from '$lib/training/activity-plan';
import { perStepProblems } from '$lib/training/per-step-config';
import { createSession } from '$lib/training/session';
import { evenStreamsOf, type PerStepSession } from '$lib/training/activity-steps';
import { configOf, schema, SETUPS } from '$lib/widgets/activity-trainer/model';
import study from '$lib/widgets/activity-trainer/study.json';
import { defaults } from '$lib/widgets/params';

describe('lesson 13 training plan', () => {
	it('the learning rate warms up, peaks, then falls along a cosine to its floor at the last update', () => {
		const schedule = { warmup: 0.1, floor: 0.05 };
		const rates = Array.from({ length: 100 }, (_, i) => scheduledRate(0.01, i + 1, 100, schedule));
		expect(rates[0]).toBeCloseTo(0.001, 12);
		expect(rates[9]).toBeCloseTo(0.01, 12);
		for (let i = 1; i < 10; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
		for (let i = 10; i < 100; i++) expect(rates[i]).toBeLessThanOrEqual(rates[i - 1]);
		// half-way through the decay, half-way between peak and floor
		expect(scheduledRate(0.01, 55, 100, schedule)).toBeCloseTo(0.01 * (0.05 + 0.95 * 0.5), 12);
		expect(rates[99]).toBeCloseTo(0.0005, 12);
		// past the budget (a resumed run) it stays at the floor
		expect(scheduledRate(0.01, 150, 100, schedule)).toBeCloseTo(0.0005, 12);
	});

	it('the validation slice is the last part of each training recording, disjoint from what is trained', () => {
		const recordings = [100, 41, 1].map((n, r) => ({ xyz: Float64Array.from({ length: 3 * n }, (_, i) => r * 1000 + i), labels: Array.from({ length: n }, (_, i) => i % 5) }));
		const { train, validation } = validationSplit(recordings, 0.15);
		expect(train.map((t) => t.labels.length)).toEqual([85, 35, 1]);
		expect(validation.map((v) => v.labels.length)).toEqual([15, 6]);
		expect(Array.from(validation[0].xyz.subarray(0, 3))).toEqual([255, 256, 257]);
		expect(Array.from(train[1].xyz.subarray(-3))).toEqual([1102, 1103, 1104]);
		expect(validation[1].labels[0]).toBe(35 % 5);
		expect(validationSplit(recordings, 0).validation).toEqual([]);
	});

	it('a whole training person can be held back as validation instead, never one of too few or out of range', () => {
		const recordings = [10, 20, 30].map((n, r) => ({ xyz: new Float64Array(3 * n).fill(r), labels: Array.from({ length: n }, () => r) }));
		const { train, validation } = personSplit(recordings, 1);
		expect(train.map((t) => t.labels.length)).toEqual([10, 30]);
		expect(validation.map((v) => v.labels.length)).toEqual([20]);
		expect(personSplit(recordings.slice(0, 1), 0).validation).toEqual([]);
		expect(perStepProblems({ people: 6, streams: 12, validationPerson: 5 })).toEqual([]);
		expect(perStepProblems({ people: 6, streams: 12, validationPerson: 6 })[0]).toMatch(/validationPerson must be a whole number from 0 to 5/);
		expect(perStepProblems({ people: 1, streams: 4, validationPerson: 0 })[0]).toMatch(/at least two/);
	});

	it('even streams have one length, end together, and hold every training step once, in order', () => {
		const recordings = [70, 23, 44].map((n, r) => ({ xyz: Float64Array.from({ length: 3 * n }, (_, i) => (i % 3 === 2 ? 1 : 0) + r / 4), labels: Array.from({ length: n }, (_, i) => (i + r) % 5) }));
		const streams = evenStreamsOf(recordings, 4);
		expect(streams.map((s) => s.inputs.steps)).toEqual([35, 35, 35, 32]);
		const targets = streams.flatMap((s) => (s.loss as unknown as { targets: (number | null)[] }).targets);
		expect(targets).toEqual(recordings.flatMap((r) => r.labels));
		// the third stream holds the second recording's 23 steps and runs on into the third's
		const x = (s: number, t: number) => streams[s].inputs.dense![3 * t];
		expect([x(1, 34), x(2, 0), x(2, 22), x(2, 23)]).toEqual([0, 1, 1, 2]);
		// turned copies: the same size of every reading, other values
		const turned = evenStreamsOf(recordings, 4, { yaw: 60, tilt: 12, seed: 'x' });
		expect(turned.map((s) => s.inputs.steps)).toEqual([35, 35, 35, 32]);
		expect(turned[0].inputs.dense![0]).not.toBe(streams[0].inputs.dense![0]);
	});

	it('keeps the weights of the best score, the earliest of equals, and puts them back', () => {
		const keeper = bestKeeper();
		const params = Float64Array.of(1, 1);
		expect(keeper.restore(params)).toBe(false);
		keeper.observe({ epoch: 1, step: 10, accuracy: 0.5 }, params);
		params.fill(2);
		keeper.observe({ epoch: 2, step: 20, accuracy: 0.8 }, params);
		params.fill(3);
		keeper.observe({ epoch: 3, step: 30, accuracy: 0.8 }, params);
		params.fill(4);
		keeper.observe({ epoch: 4, step: 40, accuracy: 0.6 }, params);
		expect(keeper.best).toEqual({ epoch: 2, step: 20, accuracy: 0.8 });
		expect(keeper.restore(params)).toBe(true);
		expect(Array.from(params)).toEqual([2, 2]);
		expect(keeper.scores.map((s) => s.epoch)).toEqual([1, 2, 3, 4]);
	});

	it('a run validates on its training people only, after every epoch, and ends with the best epoch’s weights', () => {
		const base = configOf({ ...defaults(schema), setup: 'recommended', chunk: 200 });
		// one person in 64 short streams: an epoch is a handful of updates
		const config = { ...base, hidden: 3, lr: 0.2, seed: 3, perStep: { ...base.perStep!, people: 1, streams: 64 } };
		const probe = createSession({ ...config, steps: 1 }) as PerStepSession;
		const perEpoch = probe.updatesPerEpoch;
		const session = createSession({ ...config, steps: 4 * perEpoch }) as PerStepSession;
		const [ada] = LECTURE_LENGTHS;
		const held = ada - Math.round(ada * 0.85);
		expect(session.selection?.validationSteps).toBe(held);
		expect(session.info.sequenceLength + held).toBe(ada);
		// or a whole training person held back: Ben (the second) is validation, Ada alone is trained on
		const byPerson = createSession({ ...config, steps: 1, perStep: { ...config.perStep, people: 2, validation: undefined, validationPerson: 1 } }) as PerStepSession;
		expect(byPerson.selection?.validationSteps).toBe(LECTURE_LENGTHS[1]);
		expect(byPerson.info.sequenceLength).toBe(ada);
		expect(byPerson.info.validationNote).toMatch(/^Ben's whole recording/);
		const snapshots: Float64Array[] = [];
		while (!session.finished) {
			session.runSteps(1);
			const scores = session.selection!.scores;
			if (scores.length > snapshots.length) snapshots.push(session.network.params.slice());
		}
		const { scores, kept } = session.selection!;
		expect(scores.map((s) => s.step)).toEqual([1, 2, 3, 4].map((e) => e * perEpoch));
		const best = scores.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
		expect(kept).toEqual(best);
		// the case worth testing: the last epoch was not the best, so weights had to be put back
		expect(best.step).toBeLessThan(session.step);
		expect(session.weightsStep).toBe(best.step);
		expect(Array.from(session.network.params)).toEqual(Array.from(snapshots[scores.indexOf(best)]));
		expect(session.evaluation().advance(() => false)?.step).toBe(best.step);
	}, 30_000);

	it('the study lesson 13 quotes was run on the recommended setting as shipped (rerun scripts/activity-accuracy-study.ts after changing it)', () => {
		const { seed: _seed, ...config } = configOf({ ...defaults(schema), setup: 'recommended', epochs: SETUPS.recommended.epochs, seed: study.runs[0].seed });
		expect(study.config).toEqual(JSON.parse(JSON.stringify(config)));
		expect(study.runs.map((r) => r.rows.length)).toEqual(study.runs.map(() => SETUPS.recommended.epochs));
	});
});

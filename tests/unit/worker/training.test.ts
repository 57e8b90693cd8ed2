import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG, LAB_LIMITS, TrainingError, checkConfig, textProblem } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';

const config = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, ...overrides });

describe('training.ts: the lab’s training loop', () => {
	it('the char model on “hello” reaches a loss under 0.05 and greedily writes “hello” within 150 steps (seed 1)', () => {
		const session = createSession(config({ task: 'char', text: 'hello', cell: 'rnn', hidden: 32, optimizer: 'adam', lr: 0.01, seed: 1, steps: 150 }));
		const points = session.runSteps(1000);
		expect(points).toHaveLength(150);
		expect(session.finished).toBe(true);
		expect(points[0].loss).toBeGreaterThan(1);
		expect(points[points.length - 1].loss).toBeLessThan(0.05);
		const samples = evaluateNow(session).samples!;
		expect(samples.prime + samples.greedy).toBe('hello');
	});

	it('the echo task reaches at least 95% test accuracy (RNN, 32 units, Adam 0.01, seed 1, 3,000 steps)', () => {
		const session = createSession(config({ task: 'echo', steps: 3000 }));
		session.runSteps(3000);
		const classes = evaluateNow(session).classes!;
		expect(classes.count).toBe(200);
		expect(classes.accuracy).toBeGreaterThanOrEqual(0.95);
		expect(classes.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
		const total = classes.confusion.flat().reduce((a, b) => a + b, 0);
		expect(total).toBe(200);
		expect(classes.perClass.every((p) => p === null || (p >= 0 && p <= 1))).toBe(true);
	});

	it('the same config and seed give exactly the same losses; another seed does not', () => {
		const a = createSession(config({ task: 'lag', lag: 5, cell: 'gru', hidden: 8 })).runSteps(60);
		const b = createSession(config({ task: 'lag', lag: 5, cell: 'gru', hidden: 8 })).runSteps(60);
		const c = createSession(config({ task: 'lag', lag: 5, cell: 'gru', hidden: 8, seed: 2 })).runSteps(60);
		expect(b).toEqual(a);
		expect(c.map((p) => p.loss)).not.toEqual(a.map((p) => p.loss));
	});

	it('sine forecasting and activity recognition set up, train and evaluate', () => {
		const sine = createSession(config({ task: 'sine', hidden: 8, steps: 50 }));
		sine.runSteps(50);
		const forecast = evaluateNow(sine).forecast!;
		expect(forecast.forecast).toHaveLength(forecast.truth.length);
		expect(forecast.index[0]).toBeGreaterThanOrEqual(forecast.splitIndex);
		expect(forecast.mse).toBeGreaterThan(0);

		const activity = createSession(config({ task: 'activity', cell: 'lstm', hidden: 4, steps: 5 }));
		expect(activity.info.inputSize).toBe(3);
		expect(activity.info.outputSize).toBe(5);
		activity.runSteps(5);
		const classes = evaluateNow(activity).classes!;
		expect(classes.classNames).toContain('walking');
		expect(classes.count).toBe(activity.info.testCount);
	});

	it('truncated BPTT makes one update per chunk; the step budget ends the run', () => {
		const session = createSession(config({ task: 'lag', lag: 10, tbptt: 4, steps: 3 }));
		expect(session.runSteps(10)).toHaveLength(3);
		expect(session.finished).toBe(true);
		expect(session.runSteps(1)).toEqual([]);
	});

	it('divergence is reported with the step and what to do, never as a silent NaN', () => {
		const session = createSession(config({ task: 'sine', optimizer: 'sgd', lr: 10, clip: 0, steps: 2000 }));
		expect(() => session.runSteps(2000)).toThrow(
			/^training diverged: loss became NaN at step \d+ — lower the learning rate or turn on clipping$/
		);
		expect(session.history.loss.every(Number.isFinite)).toBe(true);
	});

	it('the learning rate can change between steps', () => {
		const a = createSession(config({ task: 'echo', steps: 40 }));
		const b = createSession(config({ task: 'echo', steps: 40 }));
		a.runSteps(20);
		b.runSteps(20);
		b.setLearningRate(0.001);
		expect(b.lr).toBe(0.001);
		expect(b.runSteps(20)).not.toEqual(a.runSteps(20));
		expect(() => b.setLearningRate(Number.NaN)).toThrow(TrainingError);
	});
});

describe('bad configurations get clear messages', () => {
	const messageOf = (raw: unknown) => {
		try {
			checkConfig(raw);
			return '';
		} catch (error) {
			expect(error).toBeInstanceOf(TrainingError);
			return (error as Error).message;
		}
	};

	it('names each bad field and what it accepts', () => {
		expect(messageOf({ ...DEFAULT_CONFIG, hidden: 10000 })).toBe('hidden must be a whole number from 1 to 128, but it is 10000.');
		expect(messageOf({ ...DEFAULT_CONFIG, lr: 'abc' })).toBe(`lr must be a number from ${LAB_LIMITS.lr.min} to 10, but it is “abc”.`);
		expect(messageOf({ ...DEFAULT_CONFIG, cell: 'transformer', steps: 0 })).toMatch(/cell must be one of rnn, lstm, gru.*steps must be a whole number from 1 to 20000/);
		expect(messageOf(null)).toMatch(/must be an object/);
		expect(messageOf(DEFAULT_CONFIG)).toBe('');
	});

	it('refuses text outside the vocabulary, too short or too long, for the char task only', () => {
		expect(textProblem('héllo 😀')).toBe(
			'The text has characters outside the lab\'s vocabulary: “é”, “😀” (first at character 2). Use letters, digits, spaces, new lines and ASCII punctuation.'
		);
		expect(textProblem('a')).toMatch(/at least 2 characters/);
		expect(textProblem('x'.repeat(1001))).toBe('The text is too long: 1,001 characters; the lab trains on at most 1,000.');
		expect(textProblem('Hello, world!\nHow are you?')).toBeNull();
		expect(messageOf({ ...DEFAULT_CONFIG, text: 'naïve' })).toMatch(/“ï”/);
		expect(messageOf({ ...DEFAULT_CONFIG, task: 'echo', text: 'naïve' })).toBe('');
		expect(() => createSession({ ...DEFAULT_CONFIG, text: 'x'.repeat(2000) })).toThrow(/too long/);
	});
});

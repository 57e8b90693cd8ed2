import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { evaluateNow } from '$lib/training/evaluation';
import { parseRunFile, runFileOf, serializeRunFile } from '$lib/training/run-file';
import { createSession } from '$lib/training/session';
import { setupTask } from '$lib/training/tasks';
import { earlyStopping, splitValidation, validationEvery } from '$lib/training/validation';
import { configOf, schema } from '$lib/widgets/trainer/model';
import { parseQuery } from '$lib/widgets/params';
import { fromBatch, type FromWorker, type TrainConfig } from '$lib/worker/protocol';
import { createTrainerHandler } from '$lib/worker/trainer.worker';

const TEXT =
	'the cat sat on the mat. the dog sat on the log. the cat saw the dog. the dog saw the cat. the cat ran to the mat. the dog ran to the log. the cat and the dog sat on the mat. the dog and the cat ran to the log.';
const overfit: TrainConfig = { ...DEFAULT_CONFIG, text: TEXT, valFraction: 0.3, steps: 3000, patience: 500 };

/** Mean of the training losses of the 100 steps up to `step`. */
function trainLossAt(loss: number[], step: number): number {
	const part = loss.slice(Math.max(0, step - 100), step);
	return part.reduce((a, b) => a + b, 0) / part.length;
}

describe('validation split', () => {
	it('holds out the last items, leaves out the overlap, and trains on the rest', () => {
		const items = Array.from({ length: 100 }, (_, i) => i);
		const { train, validation, dropped } = splitValidation(items, 0.3, 5);
		expect(validation).toEqual(items.slice(70));
		expect(train).toEqual(items.slice(0, 65));
		expect(dropped).toBe(5);
		expect(splitValidation(items, 0).train).toHaveLength(100);
		expect(() => splitValidation([1, 2, 3], 0.5, 2)).toThrow('needs at least 5 training sequences (2 to validate, 2 left out because they overlap both sets, 1 to train), but this task has 3');
	});

	it('no character of the text is in both sets (char windows overlap), and test sets are never touched', () => {
		for (const fraction of [0.1, 0.3, 0.5]) {
			const task = setupTask({ ...DEFAULT_CONFIG, text: TEXT });
			const length = task.info.sequenceLength;
			const starts = task.train.map((_, i) => i);
			const split = splitValidation(starts, fraction, task.overlap);
			// Window i reads characters i … i + length (inputs and next-character targets).
			expect(Math.max(...split.train) + length).toBeLessThan(Math.min(...split.validation));
		}
		const echo = setupTask({ ...DEFAULT_CONFIG, task: 'echo' });
		const { train, validation } = splitValidation(echo.train, 0.2, echo.overlap);
		const trainSet = new Set(train);
		expect(validation.some((item) => trainSet.has(item))).toBe(false);
		expect(validation.every((item) => echo.train.includes(item))).toBe(true);
		const session = createSession({ ...DEFAULT_CONFIG, task: 'echo', valFraction: 0.2 });
		expect(session.info).toMatchObject({ trainCount: 400, validationCount: 100, testCount: 200 });
	});

	it('measures about 100 times a run, but never more often than once per validation sequence', () => {
		expect(validationEvery(10, 3000)).toBe(30);
		expect(validationEvery(55, 3000)).toBe(55);
		expect(validationEvery(3, 50)).toBe(3);
	});
});

describe('early stopping', () => {
	it('stops at the first measurement `patience` steps after the lowest loss', () => {
		const stopper = earlyStopping(25);
		const losses = [3, 2, 1.5, 1.6, 1.4, 1.7, 1.8, 1.9, 2.0];
		const verdicts = losses.map((loss, i) => stopper.observe(i * 10, loss));
		expect(verdicts).toEqual(['best', 'best', 'best', 'wait', 'best', 'wait', 'wait', 'stop', 'stop']);
		expect(stopper.best).toEqual({ step: 40, loss: 1.4 });
		const never = earlyStopping(0);
		expect(losses.map((loss, i) => never.observe(i * 10, loss))).not.toContain('stop');
	});

	it('a run that stops early holds, and is evaluated with, the weights of its best step', () => {
		const stopped = createSession(overfit);
		while (!stopped.finished) stopped.runSteps(200);
		const stop = stopped.earlyStop!;
		expect(stop).not.toBeNull();
		expect(stopped.step).toBe(stop.step);
		expect(stop.step).toBeLessThan(overfit.steps);
		expect(stop.step - stop.bestStep).toBeGreaterThanOrEqual(overfit.patience!);
		const v = stopped.validation;
		expect(Math.min(...v.loss)).toBe(stop.bestLoss);
		expect(v.step[v.loss.indexOf(stop.bestLoss)]).toBe(stop.bestStep);

		// The same run without early stopping, trained only up to the best step, has the same weights.
		const reference = createSession({ ...overfit, patience: undefined });
		reference.runSteps(stop.bestStep);
		expect(Array.from(stopped.network.params)).toEqual(Array.from(reference.network.params));
		const evaluation = evaluateNow(stopped);
		expect(evaluation.step).toBe(stop.bestStep);
		expect(evaluation.samples).toEqual(evaluateNow(reference).samples);
		expect(stopped.runSteps(10)).toHaveLength(0);
	}, 30_000);

	it('saved runs keep the validation history and the early stop; the stopped run stays finished', () => {
		const session = createSession(overfit);
		while (!session.finished) session.runSteps(500);
		const parsed = parseRunFile(serializeRunFile(runFileOf(session, 'early')));
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.run.config).toMatchObject({ valFraction: 0.3, patience: 500 });
		expect(parsed.run.validation).toEqual(session.validation);
		expect(parsed.run.earlyStop).toEqual(session.earlyStop);
		const { run } = parsed;
		const restored = createSession(run.config, { network: run.network, history: run.history, validation: run.validation, earlyStop: run.earlyStop });
		expect(restored.finished).toBe(true);
		expect(evaluateNow(restored).step).toBe(run.earlyStop!.bestStep);

		const broken = JSON.parse(serializeRunFile(runFileOf(session, 'early')));
		broken.validation.loss[0] = -1;
		expect(parseRunFile(JSON.stringify(broken))).toMatchObject({ ok: false, message: expect.stringMatching(/Validation point 1/) });
	}, 30_000);

	it('the worker says the run stopped early, and sends every validation point', () => {
		const sent: FromWorker[] = [];
		const queue: (() => void)[] = [];
		let time = 0;
		const handle = createTrainerHandler(
			{ postMessage: (message) => sent.push(structuredClone(message)) },
			{ now: () => (time += 1), schedule: (task) => queue.push(task), sliceMs: 12, evaluateEveryMs: 200 }
		);
		handle({ type: 'start', run: 1, config: overfit });
		while (queue.length) queue.shift()!();
		const done = sent.find((m) => m.type === 'done');
		const direct = createSession(overfit);
		while (!direct.finished) direct.runSteps(500);
		expect(done).toMatchObject({ reason: 'early', step: direct.earlyStop!.step, earlyStop: direct.earlyStop });
		const ready = sent.find((m) => m.type === 'ready') as Extract<FromWorker, { type: 'ready' }>;
		const steps = [...(ready.validation?.step ?? [])];
		for (const m of sent) if (m.type === 'progress') steps.push(...(m.validation?.step ?? []));
		expect(steps).toEqual(direct.validation.step);
		const last = sent.filter((m) => m.type === 'progress').flatMap((m) => (m.type === 'progress' ? fromBatch(m.points) : []));
		expect(last.at(-1)?.step).toBe(direct.earlyStop!.step);
	}, 30_000);
});

describe('the overfitting example of the GRU lesson', () => {
	const lesson = readFileSync('lessons/gru.md', 'utf8');
	const link = /\]\((\/lab\?[^)]*val=[^)]*)\)/.exec(lesson)?.[1];

	it.each([1, 2, 3])('seed %i: the validation loss turns upward within a few hundred steps while the training loss keeps falling', (seed) => {
		expect(link).toBeDefined();
		const values = parseQuery(schema, link!.slice('/lab?'.length)).values;
		const config = { ...configOf(values), seed };
		expect(config.valFraction).toBeGreaterThan(0);
		const session = createSession(config);
		while (!session.finished) session.runSteps(500);
		const v = session.validation;
		const lowest = Math.min(...v.loss);
		const best = v.step[v.loss.indexOf(lowest)];
		expect(best).toBeLessThanOrEqual(500);
		expect(v.loss.at(-1)!).toBeGreaterThan(1.2 * lowest);
		const loss = session.history.loss;
		expect(trainLossAt(loss, loss.length)).toBeLessThan(0.8 * trainLossAt(loss, best));
	}, 60_000);
});

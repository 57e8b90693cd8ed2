import { describe, expect, it } from 'vitest';
import { addTrial, chanceOf, outcomeOf, runsOf, schema, verdictOf, type LongLagValues } from '$lib/widgets/long-lag/model';
import { defaults, parseQuery } from '$lib/widgets/params';
import { checkConfig } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';

const base = defaults(schema) as LongLagValues;

/** Trains a run to its budget with the worker's own code and returns its test accuracy. */
function accuracyOf(values: LongLagValues, id: string): number {
	const run = runsOf(values).find((r) => r.id === id)!;
	const session = createSession(run.config);
	session.runSteps(run.config.steps);
	return evaluateNow(session).classes!.accuracy;
}

describe('long-lag model', () => {
	it('three runs differ only in cell, clipping and the LSTM gate biases', () => {
		const [rnn, clip, lstm] = runsOf(base).map((r) => checkConfig(r.config));
		expect(rnn).toMatchObject({ task: 'lag', cell: 'rnn', clip: 0, lag: base.lag, seed: base.seed, steps: base.steps });
		expect(clip).toEqual({ ...rnn, clip: base.clip });
		expect(lstm).toEqual({ ...rnn, cell: 'lstm', gateBias: { forget: 3, input: -3 } });
	});

	it('the worker checks the LSTM gate biases it is sent', () => {
		const lstm = runsOf(base)[2].config;
		expect(() => checkConfig({ ...lstm, gateBias: { forget: 99, input: -3 } })).toThrow(/gateBias must be/);
		expect(() => checkConfig({ ...lstm, gateBias: 'open' })).toThrow(/gateBias must be/);
		expect(createSession(lstm).network.layers[0].params.bf[0]).toBeGreaterThan(2);
	});

	it('chance is one over the task’s classes; verdicts in words', () => {
		expect(chanceOf(base)).toBe(0.5);
		expect(outcomeOf(0.5, 0.5)).toBe('chance');
		expect(outcomeOf(0.58, 0.5)).toBe('chance');
		expect(outcomeOf(0.75, 0.5)).toBe('partly');
		expect(outcomeOf(0.95, 0.5)).toBe('solved');
		expect(verdictOf('RNN', 0.49, 0.5)).toBe('RNN: at chance, it has not learnt to remember (49% right; guessing gives 50%)');
	});

	it('URL values are checked by the schema', () => {
		const parsed = parseQuery(schema, new URLSearchParams('lag=61&steps=10'));
		expect(parsed.values.lag).toBe(base.lag);
		expect(parsed.issues.map((i) => i.param)).toEqual(['lag', 'steps']);
	});

	it('trials: one row per lag, budget and seed, sorted by lag', () => {
		const row = (lag: number, rnn: number) => ({ lag, steps: 1000, seed: 6, accuracy: { rnn, clip: null, lstm: 1 } });
		const trials = addTrial(addTrial(addTrial([], row(40, 0.5)), row(10, 1)), row(40, 0.6));
		expect(trials.map((t) => [t.lag, t.accuracy.rnn])).toEqual([[10, 1], [40, 0.6]]);
	});
});

describe('long-lag comparison, trained with the worker’s code (fixed seed)', () => {
	const chance = chanceOf(base);

	it(`at the default lag (${base.lag}) the RNN and the clipped RNN stay at chance; the LSTM solves it`, () => {
		expect(outcomeOf(accuracyOf(base, 'rnn'), chance)).toBe('chance');
		expect(outcomeOf(accuracyOf(base, 'clip'), chance)).toBe('chance');
		expect(accuracyOf(base, 'lstm')).toBeGreaterThanOrEqual(0.95);
	});

	it('with other seeds (1–5) at the default lag the LSTM still solves it and the RNN stays at chance', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const values = { ...base, seed };
			expect(accuracyOf(values, 'lstm'), `seed ${seed}`).toBeGreaterThanOrEqual(0.95);
			expect(outcomeOf(accuracyOf(values, 'rnn'), chance), `seed ${seed}`).toBe('chance');
		}
	});

	it('at a short lag (10) the plain RNN solves it too', () => {
		expect(accuracyOf({ ...base, lag: 10 }, 'rnn')).toBeGreaterThanOrEqual(0.95);
	});
});

import { describe, expect, it } from 'vitest';
import { addTrial, chanceOf, outcomeOf, runsOf, schema, verdictOf, type LongLagValues } from '$lib/widgets/long-lag/model';
import { defaults, parseQuery } from '$lib/widgets/params';
import { DEFAULT_LSTM_INIT, LSTM_INITS, checkConfig } from '$lib/training/config';
import { configOf, schema as labSchema } from '$lib/widgets/trainer/model';
import { STUDY_SETTINGS, stepsToSolve, studyConfig, type Study, type Variant } from '$lib/widgets/long-lag/study';
import { entryOf, firstFailed, longestSolved } from '$lib/widgets/long-lag/study-view';
import studyFile from '$lib/widgets/long-lag/study.json';
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
	it('three runs differ only in cell, clipping and the LSTM’s initialisation', () => {
		const [rnn, clip, lstm] = runsOf(base).map((r) => checkConfig(r.config));
		expect(rnn).toMatchObject({ task: 'lag', cell: 'rnn', clip: 0, lag: base.lag, seed: base.seed, steps: base.steps });
		expect(clip).toEqual({ ...rnn, clip: base.clip });
		expect(lstm).toEqual({ ...rnn, cell: 'lstm', gateBias: { ...LSTM_INITS[DEFAULT_LSTM_INIT] } });
		const torch = checkConfig(runsOf({ ...base, init: 'pytorch' })[2].config);
		expect(torch).toEqual({ ...rnn, cell: 'lstm' });
		expect(runsOf({ ...base, init: 'keras' })[2].config.gateBias).toEqual({ forget: 1, input: 0 });
	});

	it('one initialisation: the lesson’s LSTM starts as the lab’s does, and the lab’s task is the lesson’s', () => {
		expect(base.init).toBe(DEFAULT_LSTM_INIT);
		const lab = configOf(parseQuery(labSchema, `task=lag&cell=lstm&lag=${base.lag}&hidden=${base.hidden}&lr=${base.lr}&clip=0&seed=${base.seed}&steps=${base.steps}`).values);
		expect(checkConfig({ ...lab, text: '' })).toEqual(checkConfig(runsOf(base)[2].config));
		// …and the study's runs are the widget's at its defaults.
		expect(studyConfig('lstm-chrono', base.lag, base.seed, base.steps)).toEqual(runsOf({ ...base, init: 'chrono' })[2].config);
		expect(studyConfig('rnn-clip', base.lag, base.seed, base.steps)).toEqual(runsOf(base)[1].config);
		expect({ hidden: base.hidden, lr: base.lr, clip: base.clip }).toEqual({ hidden: STUDY_SETTINGS.hidden, lr: STUDY_SETTINGS.lr, clip: STUDY_SETTINGS.clip });
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
		const parsed = parseQuery(schema, new URLSearchParams('lag=201&steps=10&init=glorot'));
		expect(parsed.values.lag).toBe(base.lag);
		expect(parsed.issues.map((i) => i.param).sort()).toEqual(['init', 'lag', 'steps']);
	});

	it('trials: one row per lag, budget, seed and LSTM start, sorted by lag', () => {
		const row = (lag: number, rnn: number, init: LongLagValues['init'] = 'chrono') => ({ lag, steps: 1000, seed: 6, init, accuracy: { rnn, clip: null, lstm: 1 } });
		const trials = addTrial(addTrial(addTrial(addTrial([], row(40, 0.5)), row(10, 1)), row(40, 0.6)), row(40, 0.6, 'pytorch'));
		expect(trials.map((t) => [t.lag, t.accuracy.rnn, t.init])).toEqual([[10, 1, 'chrono'], [40, 0.6, 'chrono'], [40, 0.6, 'pytorch']]);
	});
});

describe('long-lag comparison at the widget’s defaults, trained with the worker’s code (what lesson 7 says)', () => {
	const chance = chanceOf(base);

	it(`at lag ${base.lag}, seed ${base.seed}, ${base.steps} steps: the RNN and the clipped RNN do not solve it; the Chrono LSTM does; the Keras and PyTorch LSTMs do not`, () => {
		expect(outcomeOf(accuracyOf(base, 'rnn'), chance)).not.toBe('solved');
		expect(outcomeOf(accuracyOf(base, 'clip'), chance)).not.toBe('solved');
		expect(accuracyOf(base, 'lstm')).toBeGreaterThanOrEqual(0.95);
		expect(outcomeOf(accuracyOf({ ...base, init: 'keras' }, 'lstm'), chance)).not.toBe('solved');
		expect(outcomeOf(accuracyOf({ ...base, init: 'pytorch' }, 'lstm'), chance)).toBe('chance');
	}, 180_000);

	it('at a short lag (10) the plain RNN solves it too', () => {
		expect(accuracyOf({ ...base, lag: 10 }, 'rnn')).toBeGreaterThanOrEqual(0.95);
	}, 60_000);
});

describe('the long-lag study file (the lesson’s table) is what the code gives', () => {
	const study = studyFile as Study;

	it('covers every variant at every lag, with medians that follow from the seeds', () => {
		for (const lag of study.settings.lags) {
			for (const v of ['rnn', 'rnn-clip', 'lstm-pytorch', 'lstm-keras', 'lstm-chrono'] as Variant[]) expect(entryOf(study, v, lag), `${v} ${lag}`).not.toBeNull();
		}
		for (const cell of study.cells.filter((c) => !c.skipped)) {
			expect(cell.solvedAt).toHaveLength(study.settings.seeds.length);
			const failed = cell.solvedAt.filter((s) => s === null).length;
			expect(cell.median === null, `${cell.variant} ${cell.lag}`).toBe(failed > study.settings.seeds.length / 2);
		}
		expect({ ...study.settings, cap: undefined, seeds: undefined, lags: undefined }).toMatchObject(STUDY_SETTINGS);
	});

	// Re-runs a few of its cells (cheap ones: each stops once solved) and expects the very same step.
	const recheck: [Variant, number, number][] = [
		['rnn', 20, 1],
		['rnn-clip', 30, 3],
		['lstm-keras', 40, 4],
		['lstm-chrono', study.settings.lags[study.settings.lags.length - 1], 2]
	];
	for (const [variant, lag, seed] of recheck) {
		it(`${variant} at lag ${lag}, seed ${seed}: the step recorded`, () => {
			const cell = study.cells.find((c) => c.variant === variant && c.lag === lag)!;
			const recorded = cell.solvedAt[study.settings.seeds.indexOf(seed)];
			expect(recorded).not.toBeNull();
			expect(stepsToSolve(studyConfig(variant, lag, seed, recorded!)).solvedAt).toBe(recorded);
		}, 60_000);
	}

	it('the shape the lesson describes: the Chrono LSTM solves every lag, the RNN fails most seeds at the longest it was run, PyTorch’s LSTM fails before the RNN does', () => {
		expect(longestSolved(study, 'lstm-chrono')).toBe(study.settings.lags[study.settings.lags.length - 1]);
		const rnnFail = firstFailed(study, 'rnn');
		expect(rnnFail).not.toBeNull();
		expect(firstFailed(study, 'lstm-pytorch')!).toBeLessThan(rnnFail!);
	});
});

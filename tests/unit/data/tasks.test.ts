import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DataError,
	buildVocabulary,
	charLanguageModel,
	countTargets,
	echoTask,
	echoTaskContinuous,
	fitStandardizer,
	forecastDataset,
	forecastSplit,
	lossKindOf,
	toTrainingItems,
	longLagTask,
	majorityBaseline,
	sineSeries,
	type SequenceDataset
} from '$lib/engine/data';

function errorOf(fn: () => unknown): DataError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DataError);
		return e as DataError;
	}
	throw new Error('expected a DataError');
}

/** Plain arrays, so two datasets compare with toEqual. */
function plain(d: SequenceDataset) {
	return d.samples.map((s) => ({
		inputs: s.inputs.map((v) => Array.from(v)),
		targets: s.targets.map((t) => (t === null || typeof t === 'number' ? t : Array.from(t)))
	}));
}

/** Every sample has one input of inputSize per step and one target per step, all in range. */
function expectWellFormed(d: SequenceDataset) {
	for (const s of d.samples) {
		expect(s.targets).toHaveLength(s.inputs.length);
		for (const x of s.inputs) {
			expect(x).toBeInstanceOf(Float64Array);
			expect(x).toHaveLength(d.inputSize);
			for (const v of x) expect(Number.isFinite(v)).toBe(true);
		}
		for (const t of s.targets) {
			if (t === null) continue;
			if (d.targetKind === 'class') {
				expect(Number.isInteger(t)).toBe(true);
				expect(t as number).toBeGreaterThanOrEqual(0);
				expect(t as number).toBeLessThan(d.outputSize);
			} else {
				expect(t).toHaveLength(d.outputSize);
			}
		}
	}
}

describe('echo task: five numbers in, output the second', () => {
	it('shows digits one-hot and targets the second digit at the last step only', () => {
		const task = echoTask({ count: 50, seed: 1 });
		expectWellFormed(task);
		task.samples.forEach((s, i) => {
			expect(s.inputs).toHaveLength(5);
			expect(s.inputs.map((v) => v.indexOf(1))).toEqual(task.sequences[i]);
			expect(s.targets.slice(0, 4)).toEqual([null, null, null, null]);
			expect(s.targets[4]).toBe(task.sequences[i][1]);
		});
		expect(task.chance).toBe(0.1);
	});
	it('can recall another position with other lengths and digit counts', () => {
		const task = echoTask({ count: 10, seed: 2, length: 7, recall: 7, digits: 3 });
		expectWellFormed(task);
		task.samples.forEach((s, i) => expect(s.targets[6]).toBe(task.sequences[i][6]));
	});
	it('has a continuous variant with values in [−1, 1)', () => {
		const task = echoTaskContinuous({ count: 30, seed: 3 });
		expectWellFormed(task);
		for (const [i, s] of task.samples.entries()) {
			expect(s.targets[4]![0]).toBe(task.sequences[i][1]);
			for (const x of task.sequences[i]) expect(Math.abs(x)).toBeLessThanOrEqual(1);
		}
	});
	it('is the same for the same seed and different for another', () => {
		expect(plain(echoTask({ count: 20, seed: 'a' }))).toEqual(plain(echoTask({ count: 20, seed: 'a' })));
		expect(plain(echoTask({ count: 20, seed: 'a' }))).not.toEqual(plain(echoTask({ count: 20, seed: 'b' })));
		expect(plain(echoTaskContinuous({ count: 5, seed: 4 }))).toEqual(plain(echoTaskContinuous({ count: 5, seed: 4 })));
		expect(plain(echoTaskContinuous({ count: 5, seed: 4 }))).not.toEqual(plain(echoTaskContinuous({ count: 5, seed: 5 })));
	});
	it('explains a recall position outside the sequence', () => {
		expect(errorOf(() => echoTask({ count: 5, seed: 1, recall: 6 })).message).toMatch(/position to recall.*between 1 and 5/);
	});
});

describe('character language model', () => {
	it('"hello" has vocabulary h, e, l, o and predicts e, l, l, o', () => {
		const task = charLanguageModel();
		expectWellFormed(task);
		expect(task.vocab.tokens).toEqual(['h', 'e', 'l', 'o']);
		expect(task.samples).toHaveLength(1);
		const [s] = task.samples;
		expect(s.inputs.map((v) => Array.from(v))).toEqual([
			[1, 0, 0, 0],
			[0, 1, 0, 0],
			[0, 0, 1, 0],
			[0, 0, 1, 0]
		]);
		expect(s.targets.map((t) => task.classNames![t!])).toEqual(['e', 'l', 'l', 'o']);
	});
	it('names characters outside a given vocabulary, or drops them when asked', () => {
		const e = errorOf(() => charLanguageModel('hello, world', { vocab: ['h', 'e', 'l', 'o'] }));
		expect(e.code).toBe('unknown-token');
		expect(e.message).toContain('","');
		expect(e.message).toContain('"w"');
		expect(e.message).toContain('character 6');
		const dropped = charLanguageModel('hex llo', { vocab: ['h', 'e', 'l', 'o'], unknown: 'drop' });
		expect(dropped.unknown).toEqual([
			{ char: 'x', count: 1, firstIndex: 2 },
			{ char: ' ', count: 1, firstIndex: 3 }
		]);
		expect(dropped.ids).toEqual([0, 1, 2, 2, 3]);
	});
	it('maps unknown characters to <unk> when the vocabulary has it', () => {
		const vocab = buildVocabulary(['a', 'b'], { specials: true });
		const task = charLanguageModel('abz', { vocab });
		expect(task.ids).toEqual([4, 5, 3]);
		expect(task.unknown.map((u) => u.char)).toEqual(['z']);
	});
	it('cuts a long text into samples of a given length', () => {
		const task = charLanguageModel('abcdefghij', { sequenceLength: 3 });
		expect(task.samples).toHaveLength(3);
		expect(task.samples[1].targets).toEqual([4, 5, 6]);
	});
	it('treats emoji as one character and explains a text that is too short', () => {
		expect(charLanguageModel('a😀a').vocab.tokens).toEqual(['a', '😀']);
		expect(errorOf(() => charLanguageModel('a')).code).toBe('series-too-short');
	});
});

describe('sine plus noise', () => {
	it('is a clean sine when noise is 0', () => {
		const { values, clean } = sineSeries({ seed: 1, length: 100, period: 20, amplitude: 2, noise: 0 });
		expect(Array.from(values)).toEqual(Array.from(clean));
		expect(values[5]).toBeCloseTo(2, 12);
		expect(values[10]).toBeCloseTo(0, 12);
	});
	it('adds noise of about the requested size, reproducibly', () => {
		const a = sineSeries({ seed: 7, length: 5000, noise: 0.3 });
		const residual = a.values.map((v, i) => v - a.clean[i]);
		const sd = Math.sqrt(residual.reduce((s, r) => s + r * r, 0) / residual.length);
		expect(sd).toBeGreaterThan(0.28);
		expect(sd).toBeLessThan(0.32);
		expect(sineSeries({ seed: 7, length: 50 }).values).toEqual(sineSeries({ seed: 7, length: 50 }).values);
		expect(sineSeries({ seed: 7, length: 50 }).values).not.toEqual(sineSeries({ seed: 8, length: 50 }).values);
	});
	it('feeds a forecasting dataset: scaled on the training part, split by time', () => {
		const { values } = sineSeries({ seed: 3, length: 300, period: 30, noise: 0.05 });
		const { train, test, splitIndex } = forecastSplit(values, 20, 0.8);
		const scaler = fitStandardizer(values.subarray(0, splitIndex));
		const scaled = forecastDataset({
			inputs: train.inputs.map((w) => Array.from(scaler.apply(w))),
			targets: Array.from(scaler.apply(train.targets)),
			starts: train.starts
		});
		expectWellFormed(scaled);
		expect(scaled.samples).toHaveLength(240 - 20);
		expect(test.targets).toHaveLength(60);
		expect(lossKindOf(scaled)).toBe('mse');
	});
	it('refuses a non-positive period or negative noise', () => {
		expect(errorOf(() => sineSeries({ seed: 1, period: 0 })).message).toMatch(/period/);
		expect(errorOf(() => sineSeries({ seed: 1, noise: -1 })).message).toMatch(/noise/);
	});
});

describe('training items for the engine', () => {
	it('pair each sample’s inputs with a loss of the right kind and its targets', () => {
		const task = echoTask({ count: 3, seed: 1 });
		const items = toTrainingItems(task);
		expect(items).toHaveLength(3);
		expect(items[0].inputs).toBe(task.samples[0].inputs);
		expect(items[0].loss).toEqual({ kind: 'softmax-ce', targets: task.samples[0].targets, reduction: 'mean' });
		expect(toTrainingItems(echoTaskContinuous({ count: 1, seed: 1 }), 'sum')[0].loss.kind).toBe('mse');
	});
});

describe('long-lag memory task', () => {
	it('shows the class at step 0, the cue at step lag + 1, and targets only that step', () => {
		const task = longLagTask({ count: 40, seed: 1, lag: 6, classes: 3, distractors: 4 });
		expectWellFormed(task);
		expect(task.inputSize).toBe(8);
		expect(task.recallStep).toBe(7);
		task.samples.forEach((s, i) => {
			expect(s.inputs).toHaveLength(8);
			expect(s.inputs[0].indexOf(1)).toBe(task.labels[i]);
			for (let t = 1; t <= 6; t++) {
				const hot = s.inputs[t].indexOf(1);
				expect(hot).toBeGreaterThanOrEqual(3);
				expect(hot).toBeLessThan(7);
			}
			expect(s.inputs[7][task.channels.cue]).toBe(1);
			expect(s.targets.filter((t) => t !== null)).toEqual([task.labels[i]]);
			expect(s.targets[7]).toBe(task.labels[i]);
		});
	});
	it('has balanced classes, so chance is exactly 1 / classes', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 6 }), fc.nat(), (count, classes, seed) => {
				const task = longLagTask({ count, seed, lag: 2, classes });
				const counts = countTargets(task);
				expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
				expect(task.chance).toBe(1 / classes);
			}),
			{ numRuns: 50 }
		);
		expect(majorityBaseline(longLagTask({ count: 100, seed: 3, lag: 5 }))).toBe(0.5);
	});
	it('works with lag 0 and noisy distractors, and is reproducible', () => {
		expect(longLagTask({ count: 3, seed: 1, lag: 0 }).samples[0].inputs).toHaveLength(2);
		const a = longLagTask({ count: 10, seed: 9, lag: 20, noise: 0.5 });
		expectWellFormed(a);
		expect(plain(a)).toEqual(plain(longLagTask({ count: 10, seed: 9, lag: 20, noise: 0.5 })));
		expect(plain(a)).not.toEqual(plain(longLagTask({ count: 10, seed: 10, lag: 20, noise: 0.5 })));
	});
	it('explains a negative or fractional lag', () => {
		expect(errorOf(() => longLagTask({ count: 3, seed: 1, lag: -1 })).message).toMatch(/lag/);
		expect(errorOf(() => longLagTask({ count: 3, seed: 1, lag: 1.5 })).code).toBe('invalid-argument');
	});
});

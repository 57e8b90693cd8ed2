import { describe, expect, it } from 'vitest';
import { predict, oneHotSequence } from '$lib/engine';
import { MAX_SAVED_POINTS, RUN_FORMAT, downsampleHistory, parseRunFile, runFileOf, serializeRunFile } from '$lib/training/run-file';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';

function trained() {
	const session = createSession({ ...DEFAULT_CONFIG, hidden: 8, steps: 60 });
	session.runSteps(30);
	return session;
}

describe('run files (unrolled-run/1)', () => {
	it('round-trip: config, history and weights come back exactly, and training continues from them', () => {
		const session = trained();
		const text = serializeRunFile(runFileOf(session, 'hello run', '2025-01-02T03:04:05.000Z'));
		const parsed = parseRunFile(text);
		if (!parsed.ok) throw new Error(parsed.message);
		const { run } = parsed;
		expect(run.format).toBe(RUN_FORMAT);
		expect(run.name).toBe('hello run');
		expect(run.savedAt).toBe('2025-01-02T03:04:05.000Z');
		expect(run.config).toEqual(session.config);
		expect(run.step).toBe(30);
		expect(run.history).toEqual(session.history);

		const restored = createSession(run.config, { network: run.network, history: run.history, epoch: run.epoch });
		expect(Array.from(restored.network.params)).toEqual(Array.from(session.network.params));
		const x = oneHotSequence([0, 1, 2], restored.info.inputSize);
		expect(predict(restored.network, x)).toEqual(predict(session.network, x));
		expect(evaluateNow(restored).samples).toEqual(evaluateNow(session).samples);
		expect(restored.step).toBe(30);
		expect(restored.runSteps(100)).toHaveLength(30);
		expect(restored.history.step.at(-1)).toBe(60);
	});

	it('long histories are averaged into at most 2,000 points, ending at the last step', () => {
		const n = 5000;
		const history = { step: Array.from({ length: n }, (_, i) => i + 1), loss: new Array(n).fill(2), gradNorm: new Array(n).fill(1) };
		const small = downsampleHistory(history);
		expect(small.step).toHaveLength(MAX_SAVED_POINTS);
		expect(small.step.at(-1)).toBe(n);
		expect(new Set(small.loss)).toEqual(new Set([2]));
	});

	it('refuses broken and foreign files with a message', () => {
		const good = JSON.parse(serializeRunFile(runFileOf(trained(), 'x')));
		const refuse = (value: unknown) => {
			const parsed = parseRunFile(typeof value === 'string' ? value : JSON.stringify(value));
			expect(parsed.ok).toBe(false);
			return parsed.ok ? '' : parsed.message;
		};
		expect(refuse('{"format": "unrolled-run/1", ')).toMatch(/^This file is not a run file: it is not valid JSON/);
		expect(refuse([1, 2])).toMatch(/expected a JSON object/);
		expect(refuse({ name: 'a photo' })).toBe('This file is not an Unrolled run: it has no “format” (expected “unrolled-run/1”).');
		expect(refuse({ ...good, format: 'unrolled-network/1' })).toBe(
			'This file is not an Unrolled run: its format is "unrolled-network/1", expected “unrolled-run/1”.'
		);
		expect(refuse({ ...good, config: { ...good.config, hidden: 10000 } })).toMatch(/configuration is not valid: hidden must be/);
		expect(refuse({ ...good, config: { ...good.config, hidden: 9 } })).toMatch(/do not fit the configuration: they are RNN with 8 hidden units.*needs RNN with 9/);
		expect(refuse({ ...good, network: { ...good.network, head: { W: [[1]], b: [0] } } })).toMatch(/^The saved weights/);
		expect(refuse({ ...good, network: undefined })).toMatch(/^The saved weights cannot be read/);
		const nan = structuredClone(good);
		nan.network.layers[0].params.Whh[0][0] = 'NaN';
		expect(refuse(nan)).toMatch(/weights must be finite numbers/);
		expect(refuse({ ...good, history: { ...good.history, loss: good.history.loss.slice(1) } })).toMatch(/differ in length/);
		expect(refuse({ ...good, history: { ...good.history, loss: [null, ...good.history.loss.slice(1)] } })).toMatch(/History point 1 has loss null/);
		expect(refuse({ ...good, step: 31 })).toMatch(/history ends at step 30, but the run says it is at step 31/);
		expect(refuse({ ...good, step: 1e9 })).toMatch(/step count is 1000000000/);
		expect(parseRunFile(42)).toEqual({ ok: false, message: 'A run file must be text (JSON).' });
	});
});

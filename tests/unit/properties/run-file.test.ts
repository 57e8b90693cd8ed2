// Property tests over damaged run files: whatever a file holds, reading it never throws; it is
// refused with a message, or the run it yields is one the trainer can load and save back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { parseRunFile, runFileOf, serializeRunFile } from '$lib/training/run-file';
import { createSession } from '$lib/training/session';

const TIMEOUT = 180_000;

function baseRun(task: string, cell: string) {
	const session = createSession({ ...DEFAULT_CONFIG, task, cell, hidden: 3, steps: 12 });
	session.runSteps(6);
	return serializeRunFile(runFileOf(session, 'a run', '2026-01-02T03:04:05.000Z'));
}
const bases = [baseRun('echo', 'rnn'), baseRun('char', 'lstm'), baseRun('sine', 'gru')];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
	const found = [prefix];
	if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...prefix, i])));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) found.push(...paths(v, [...prefix, k]));
	return found;
}

/** Replaces (or, with `undefined`, removes) the value at `path`. */
function edit(root: Json, path: (string | number)[], replacement: Json | undefined): Json {
	if (path.length === 0) return replacement ?? null;
	const copy = structuredClone(root) as Record<string | number, Json>;
	let parent = copy as Record<string | number, Json>;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
	const last = path[path.length - 1];
	if (replacement === undefined) {
		if (Array.isArray(parent)) parent.splice(last as number, 1);
		else delete parent[last];
	} else parent[last] = replacement;
	return copy as Json;
}

const strangeValue: fc.Arbitrary<Json | undefined> = fc.oneof(
	fc.constant(undefined),
	fc.constantFrom<Json>(null, true, 0, -1, 1e308, -1e308, 0.5, 2 ** 53, '', 'NaN', [], {}, [[]], 'unrolled-run/1', 'unrolled-network/1'),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer(),
	fc.string({ maxLength: 20 }),
	fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>
);

/** A structural change: one value somewhere in the file replaced by something else, or removed. */
const structural = fc
	.record({ base: fc.constantFrom(...bases), pick: fc.nat(), value: strangeValue })
	.map(({ base, pick, value }) => {
		const doc = JSON.parse(base) as Json;
		const all = paths(doc);
		return JSON.stringify(edit(doc, all[pick % all.length], value));
	});

/** A textual change: cut short, characters overwritten, inserted or deleted. */
const textual = fc
	.record({ base: fc.constantFrom(...bases), at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.string({ maxLength: 6 }) })
	.map(({ base, at, length, insert }) => {
		const i = at % base.length;
		return base.slice(0, i) + insert + base.slice(i + length);
	});

function expectRefusedOrSound(text: string) {
	let parsed: ReturnType<typeof parseRunFile>;
	expect(() => (parsed = parseRunFile(text))).not.toThrow();
	parsed = parseRunFile(text);
	if (!parsed.ok) {
		expect(typeof parsed.message).toBe('string');
		expect(parsed.message.length).toBeGreaterThan(15);
		// Says what was found in words, not as a programmer would see it.
		expect(parsed.message).not.toMatch(/undefined|\[object Object\]/);
		return;
	}
	// Accepted: the trainer can resume from it, and saving it again gives the same run.
	const { run } = parsed;
	expect(() => createSession(run.config, { network: run.network, history: run.history, epoch: run.epoch })).not.toThrow();
	const again = parseRunFile(serializeRunFile(run));
	expect(again).toEqual({ ok: true, run });
}

describe('damaged run files', () => {
	it('the untouched files load', () => {
		for (const base of bases) expect(parseRunFile(base).ok).toBe(true);
	});

	it('a value anywhere replaced or removed: refused with a message, or loaded soundly', () => {
		fc.assert(fc.property(structural, expectRefusedOrSound), { numRuns: 400 });
	}, TIMEOUT);

	it('text cut, overwritten or spliced: refused with a message, or loaded soundly', () => {
		fc.assert(fc.property(textual, expectRefusedOrSound), { numRuns: 300 });
	}, TIMEOUT);

	it('anything that is not a run file is refused with a message', () => {
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string(), fc.anything()), (value) => {
				const parsed = parseRunFile(value);
				expect(parsed.ok).toBe(false);
				if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(15);
			}),
			{ numRuns: 300 }
		);
	}, TIMEOUT);
});

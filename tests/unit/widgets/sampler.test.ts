import { describe, expect, it } from 'vitest';
import { sample, softmax, toJSON } from '$lib/engine';
import { charLanguageModel } from '$lib/engine/data';
import { parseQuery } from '$lib/widgets/params';
import { configOf, generate, labelRows, LIKELY_ROWS, tableRows, WHOLE_TABLE, generatedText, networkFromSnapshot, primeIds, readSnapshot, schema, textMessage, untrainedNetwork, vocabularyOf } from '$lib/widgets/sampler/model';
import { runFileOf, serializeRunFile } from '$lib/training/run-file';
import { createSession } from '$lib/training/session';
import { spreadLabels } from '$lib/ui/charts/spread';
import { BAR_BOTTOM, LABEL, labelTop, ROW, sliceColour, stripLayout } from '$lib/widgets/sampler/strip';

const values = (query = '') => parseQuery(schema, query).values;

/** Trains the widget's configuration the way the worker does and returns the snapshot's network. */
function trained(query = '') {
	const v = values(query);
	const session = createSession(configOf(v));
	session.runSteps(v.steps);
	const network = networkFromSnapshot(serializeRunFile(runFileOf(session, 'test')));
	if (!network) throw new Error('snapshot did not parse');
	return { v, network, session };
}

describe('sampler model', () => {
	it('the configuration reads only the training settings, so a new step or temperature does not work it out again', () => {
		const read = new Set<string | symbol>();
		const watched = new Proxy(values('text=hello&at=3&temperature=2'), {
			get(target, key, receiver) {
				read.add(key);
				return Reflect.get(target, key, receiver);
			},
			ownKeys(target) {
				read.add('(every key)');
				return Reflect.ownKeys(target);
			}
		});
		expect(configOf(watched)).toEqual(configOf(values('text=hello')));
		expect([...read].sort()).toEqual(['cell', 'hidden', 'seed', 'steps', 'text']);
	});

	it('the vocabulary of “hello” is h, e, l, o with one-hot rows, from the data module', () => {
		const { vocab, rows } = vocabularyOf('hello');
		expect(vocab.tokens).toEqual(['h', 'e', 'l', 'o']);
		expect(vocab.tokens).toEqual(charLanguageModel('hello').vocab.tokens);
		expect(rows.map((r) => r.oneHot)).toEqual([
			[1, 0, 0, 0],
			[0, 1, 0, 0],
			[0, 0, 1, 0],
			[0, 0, 0, 1]
		]);
	});

	it('each step’s distribution is the engine’s softmax(y / T), and the draws are sample()’s', () => {
		const { v, network } = trained();
		for (const temperature of [0.5, 1, 2]) {
			const steps = generate(network, { ...v, temperature }, [0]);
			for (const s of steps) expect(Array.from(s.probabilities)).toEqual(Array.from(softmax(s.logits, temperature)));
			expect(steps.map((s) => s.next)).toEqual(sample(network, { prime: [0], length: v.length, temperature, seed: v.draw }));
		}
	});

	it('the same draw seed reproduces the sample; another seed may differ', () => {
		const network = untrainedNetwork(values());
		const a = generate(network, values('temperature=1.5&draw=7'), [0]).map((s) => s.next);
		const b = generate(network, values('temperature=1.5&draw=7'), [0]).map((s) => s.next);
		const c = generate(network, values('temperature=1.5&draw=8'), [0]).map((s) => s.next);
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
	});

	it('the untrained model is close to uniform; the trained one writes “hello” at low temperature', () => {
		const first = generate(untrainedNetwork(values()), values('length=4'), [0])[0].probabilities;
		for (const p of first) expect(Math.abs(p - 0.25)).toBeLessThan(0.15);
		const { network, v } = trained('length=4');
		const { vocab } = vocabularyOf('hello');
		for (const temperature of [0, 0.2]) {
			expect(generatedText('h', generate(network, { ...v, temperature }, [0]), vocab)).toBe('hello');
		}
	});

	it('a start character the text never uses gets a message naming it', () => {
		const { vocab } = vocabularyOf('hello');
		expect(primeIds('he', vocab)).toEqual({ ok: true, ids: [0, 1] });
		const bad = primeIds('hz', vocab);
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.message).toContain('“z”');
			expect(bad.message).toContain('h, e, l, o');
		}
		expect(textMessage('héllo')).toContain('“é”');
		expect(textMessage('hello')).toBeNull();
	});

	it('a broken snapshot gives null, not weights', () => {
		expect(networkFromSnapshot('{}')).toBeNull();
		const { session } = trained('steps=5');
		const text = serializeRunFile(runFileOf(session, 'x'));
		expect(toJSON(networkFromSnapshot(text)!)).toEqual(toJSON(session.network));
		// One parse gives the weights and the step they were saved at.
		const read = readSnapshot(text)!;
		expect(read.step).toBe(5);
		expect(toJSON(read.network)).toEqual(toJSON(session.network));
		expect(readSnapshot('not json')).toBeNull();
	});
});

describe('sampler: the probability strip keeps one height while stepping', () => {
	it('reserves as many label rows as any set of visible slices can need', () => {
		for (const width of [120, 300, 343, 600, 1100]) {
			for (const vocabulary of [1, 5, 8, 27, 50, 80]) {
				const reserved = labelRows(vocabulary, 16, width);
				// Any subset of the vocabulary may be visible at a step, anywhere along the strip.
				for (let visible = 1; visible <= vocabulary; visible++) {
					const anchors = Array.from({ length: visible }, (_, i) => ((i + 0.5) / visible) * width);
					const needed = Math.max(...spreadLabels(anchors, 16, 0, width).map((l) => l.row + 1));
					expect(needed).toBeLessThanOrEqual(reserved);
					if (visible === vocabulary) expect(needed).toBe(reserved);
				}
			}
		}
	});
});

describe('sampler: the probability strip’s layout (strip.ts, drawn on a canvas)', () => {
	const uniform = (n: number) => Array.from({ length: n }, () => 1 / n);
	const random = (n: number, seed: number) => {
		let s = seed;
		const raw = Array.from({ length: n }, () => {
			s = (s * 16807) % 2147483647;
			return (s / 2147483647) ** 4;
		});
		const total = raw.reduce((a, b) => a + b, 0);
		return raw.map((v) => v / total);
	};

	it('“hello world” near uniform: eight slices in eight colours, end to end across the strip', () => {
		const layout = stripLayout(uniform(8), 600, 0.3);
		expect(layout.slices.map((s) => s.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(new Set(layout.slices.map((s) => sliceColour(s.i))).size).toBe(8);
		expect(layout.slices[0].left).toBeCloseTo(1);
		expect(layout.slices[7].right).toBeCloseTo(599);
		for (let k = 1; k < 8; k++) expect(layout.slices[k].left).toBeCloseTo(layout.slices[k - 1].right);
		// The draw u = 0.3 lands in the third slice (from 0.25 to 0.375).
		expect(layout.marker!).toBeGreaterThan(layout.slices[2].left);
		expect(layout.marker!).toBeLessThan(layout.slices[2].right);
		expect(stripLayout(uniform(8), 600, null).marker).toBeNull();
	});

	it('no two labels touch, none leaves the strip or reaches the bar and the marker above it, and the height never changes', () => {
		for (const width of [300, 343, 600, 1100]) {
			const heights = new Set<number>();
			for (let seed = 1; seed <= 30; seed++) {
				const layout = stripLayout(random(55, seed), width, (seed % 10) / 10);
				heights.add(layout.height);
				for (const s of layout.slices) {
					expect(s.labelX - LABEL / 2).toBeGreaterThanOrEqual(-1e-9);
					expect(s.labelX + LABEL / 2).toBeLessThanOrEqual(width + 1e-9);
					expect(labelTop(s.row)).toBeGreaterThan(BAR_BOTTOM);
					expect(labelTop(s.row) + ROW).toBeLessThanOrEqual(layout.height);
				}
				const rows = new Map<number, number[]>();
				for (const s of layout.slices) rows.set(s.row, [...(rows.get(s.row) ?? []), s.labelX]);
				for (const xs of rows.values()) for (let k = 1; k < xs.length; k++) expect(xs[k] - xs[k - 1]).toBeGreaterThanOrEqual(LABEL - 1e-9);
			}
			expect(heights.size).toBe(1);
		}
	});
});

describe('the step table’s rows', () => {
	const uniform = (n: number) => Array.from({ length: n }, () => 1 / n);

	it('shows a small vocabulary whole, in vocabulary order, whatever is asked', () => {
		const p = [0.1, 0.6, 0.05, 0.25];
		expect(tableRows(p, 2, 'likely')).toEqual([0, 1, 2, 3]);
		expect(tableRows(uniform(WHOLE_TABLE), 0, 'likely')).toHaveLength(WHOLE_TABLE);
	});

	it('shows a large one’s most likely characters first, ties by id, and always the drawn one', () => {
		const p = uniform(50).map((_, i) => (i === 7 ? 0.3 : i === 40 ? 0.2 : 0.5 / 48));
		const rows = tableRows(p, 40, 'likely');
		expect(rows).toHaveLength(LIKELY_ROWS);
		expect(rows.slice(0, 4)).toEqual([7, 40, 0, 1]);
		// A draw from the tail is added after the most likely, so its row can be highlighted.
		const tail = tableRows(p, 49, 'likely');
		expect(tail).toHaveLength(LIKELY_ROWS + 1);
		expect(tail.at(-1)).toBe(49);
		expect(new Set(tail).size).toBe(tail.length);
	});

	it('shows every character in vocabulary order when all are asked for', () => {
		expect(tableRows(uniform(50), 3, 'all')).toEqual(Array.from({ length: 50 }, (_, i) => i));
	});

	it('reads `rows` from the URL and refuses anything else by name', () => {
		expect(parseQuery(schema, 'rows=all').values.rows).toBe('all');
		const bad = parseQuery(schema, 'rows=some');
		expect(bad.values.rows).toBe('likely');
		expect(bad.issues.map((i) => i.param)).toEqual(['rows']);
	});
});

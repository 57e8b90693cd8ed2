import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { widgets } from '$lib/widgets/registry';
import { DOC_PATH, paramTable, renderEmbeddingDocs } from '../../../scripts/embedding-docs';

// Loading every widget's definition compiles its components: allow for a busy machine.
describe('docs/embedding.md parameter tables', () => {
	it('match every registered schema (run npm run docs:embedding when this fails)', async () => {
		const doc = readFileSync(DOC_PATH, 'utf8');
		const defs = await Promise.all(widgets.map(async (w) => ({ name: w.name, schema: (await w.load()).schema })));
		expect(renderEmbeddingDocs(doc, defs)).toBe(doc);
	}, 120_000);

	it('a changed default, range or doc line makes the committed doc stale', async () => {
		const doc = readFileSync(DOC_PATH, 'utf8');
		const power = (await widgets.find((w) => w.name === 'power')!.load()).schema;
		const changed = { ...power, steps: { ...power.steps, default: 11, max: 77 } } as typeof power;
		const next = renderEmbeddingDocs(doc, [{ name: 'power', schema: changed }]);
		expect(next).not.toBe(doc);
		expect(next).toContain('| `steps` | a whole number from 1 to 77 | `11` |');
	}, 120_000);

	it('writes what a parameter accepts, its default and its meaning', () => {
		const table = paramTable({
			n: { kind: 'int', min: 1, max: 9, default: 3, doc: 'How many | rows.' },
			mode: { kind: 'enum', values: ['a', 'b'], default: 'a', doc: 'The mode.' },
			list: { kind: 'number-list', min: 0, max: 1, minLength: 1, maxLength: 30, default: [], doc: 'Absent: seeded.' }
		});
		expect(table.split('\n').slice(2)).toEqual([
			'| `n` | a whole number from 1 to 9 | `3` | How many \\| rows. |',
			'| `mode` | `a`, `b` | `a` | The mode. |',
			'| `list` | 1 to 30 comma-separated numbers from 0 to 1 | none | Absent: seeded. |'
		]);
	});
});

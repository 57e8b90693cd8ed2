import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { widgets } from '$lib/widgets/registry';

const docs = readFileSync('docs/embedding.md', 'utf8');

function section(name: string): string {
	const start = docs.indexOf(`\n## ${name}\n`);
	if (start < 0) return '';
	const end = docs.indexOf('\n## ', start + 1);
	return docs.slice(start, end < 0 ? undefined : end);
}

describe('widget registry and docs/embedding.md', () => {
	for (const entry of widgets) {
		it(`${entry.name}: every URL parameter and hideable control is documented`, async () => {
			const definition = await entry.load();
			expect(definition.name).toBe(entry.name);
			const text = section(entry.name);
			expect(text, `docs/embedding.md needs a "## ${entry.name}" section`).not.toBe('');
			for (const param of Object.keys(definition.schema)) expect(text).toContain(`| \`${param}\` |`);
			for (const control of definition.controls) expect(text).toContain(`\`${control}\``);
		});
	}

	it('widget names are unique', () => {
		expect(new Set(widgets.map((w) => w.name)).size).toBe(widgets.length);
	});
});

/**
 * Writes the parameter table of every widget in docs/embedding.md from the widget's schema
 * (what it accepts, its default, its doc line), so the tables cannot drift from the code. The
 * prose around the tables is hand-written and left alone; a table sits between
 * `<!-- params:NAME -->` and `<!-- /params:NAME -->` under the widget's `## NAME` heading.
 *
 *   npm run docs:embedding            rewrite the doc
 *   npm run docs:embedding -- --check exit 1 if the doc is stale (tests/unit/widgets/embedding-docs.test.ts does the same)
 */
import { describeAccepted, formatValue, type ParamSpec, type Schema } from '../src/lib/widgets/params';

export const DOC_PATH = 'docs/embedding.md';

export interface DocWidget {
	name: string;
	schema: Schema;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

/** A long list default is cut after a few entries, with its length. */
function defaultText(spec: ParamSpec): string {
	if (Array.isArray(spec.default) && spec.default.length > 12) {
		return `${code(`${formatValue(spec, spec.default.slice(0, 6))},…`)} (${spec.default.length} numbers)`;
	}
	const shown = formatValue(spec, spec.default);
	return shown === '' ? 'none' : code(shown);
}

function acceptsText(spec: ParamSpec): string {
	return spec.kind === 'enum' ? spec.values.map(code).join(', ') : describeAccepted(spec);
}

/** The markdown table of one schema: parameter, what it accepts, default, meaning. */
export function paramTable(schema: Schema): string {
	const rows = Object.entries(schema).map(
		([name, spec]) => `| \`${name}\` | ${cell(acceptsText(spec))} | ${cell(defaultText(spec))} | ${cell(spec.doc)} |`
	);
	return ['| parameter | accepts | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function sectionBounds(doc: string, name: string): [number, number] {
	const start = doc.indexOf(`\n## ${name}\n`);
	if (start < 0) throw new Error(`${DOC_PATH} has no "## ${name}" section: add its prose first.`);
	const next = doc.indexOf('\n## ', start + 1);
	return [start, next < 0 ? doc.length : next];
}

/** The doc with every widget's table regenerated (a table without markers is replaced once). */
export function renderEmbeddingDocs(doc: string, widgets: readonly DocWidget[]): string {
	let out = doc;
	for (const widget of widgets) {
		const [start, end] = sectionBounds(out, widget.name);
		let section = out.slice(start, end);
		const open = `<!-- params:${widget.name} -->`;
		const close = `<!-- /params:${widget.name} -->`;
		const block = `${open}\n${paramTable(widget.schema)}\n${close}`;
		const a = section.indexOf(open);
		const b = section.indexOf(close);
		if (a >= 0 && b > a) {
			section = section.slice(0, a) + block + section.slice(b + close.length);
		} else {
			const lines = section.split('\n');
			const first = lines.findIndex((line) => line.startsWith('| parameter |'));
			if (first < 0) {
				section = `${section.trimEnd()}\n\n${block}\n`;
			} else {
				let last = first;
				while (last + 1 < lines.length && lines[last + 1].startsWith('|')) last++;
				lines.splice(first, last - first + 1, block);
				section = lines.join('\n');
			}
		}
		out = out.slice(0, start) + section + out.slice(end);
	}
	return out;
}

/** Every registered widget's name and schema, loaded through Vite (the definitions import Svelte components). */
async function loadWidgets(): Promise<DocWidget[]> {
	const { createServer } = await import('vite');
	const server = await createServer({ server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'error' });
	try {
		const registry = await server.ssrLoadModule('/src/lib/widgets/registry.ts');
		const entries = registry.widgets as { name: string; load: () => Promise<DocWidget> }[];
		return await Promise.all(entries.map(async (entry) => ({ name: entry.name, schema: (await entry.load()).schema })));
	} finally {
		await server.close();
	}
}

async function main() {
	const { readFileSync, writeFileSync } = await import('node:fs');
	const doc = readFileSync(DOC_PATH, 'utf8');
	const next = renderEmbeddingDocs(doc, await loadWidgets());
	if (process.argv.includes('--check')) {
		if (next !== doc) {
			console.error(`${DOC_PATH} is stale: run npm run docs:embedding.`);
			process.exit(1);
		}
		console.log(`${DOC_PATH} is up to date.`);
		return;
	}
	if (next !== doc) writeFileSync(DOC_PATH, next);
	console.log(next === doc ? `${DOC_PATH} was already up to date.` : `${DOC_PATH} rewritten.`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

/**
 * Mistakes in a lesson's Markdown that still build but show broken text to the reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(process.cwd(), 'lessons');
const lessons = readdirSync(dir)
	.filter((name) => name.endsWith('.md'))
	.map((name) => ({ name, lines: readFileSync(join(dir, name), 'utf8').split('\n') }));

/** The lines outside the front matter and the <script> block, with their line numbers. */
function proseLines(lines: string[]): { line: number; text: string }[] {
	const out: { line: number; text: string }[] = [];
	let inFront = lines[0] === '---';
	let inScript = false;
	lines.forEach((text, i) => {
		if (i > 0 && inFront) {
			if (text === '---') inFront = false;
			return;
		}
		if (/^<script/.test(text)) inScript = true;
		if (!inScript && i > 0) out.push({ line: i + 1, text });
		if (/^<\/script>/.test(text)) inScript = false;
	});
	return out;
}

describe('lesson sources', () => {
	it('there are lessons to check', () => {
		expect(lessons.length).toBeGreaterThan(5);
	});

	for (const { name, lines } of lessons) {
		it(`${name}: no prose line starts with an inline component followed by text`, () => {
			// mdsvex's Markdown parser reads such a line as raw HTML, and the rest of the paragraph
			// shows its $…$ and **…** as typed. Display maths on its own line is fine.
			const offending = proseLines(lines)
				.filter(({ text }) => /^\s*<(Tex|Sym)\b(?![^>]*\bdisplay\b)[^>]*\/>\s*\S/.test(text))
				.map(({ line, text }) => `${name}:${line}: ${text.trim().slice(0, 60)}`);
			expect(offending).toEqual([]);
		});

		it(`${name}: no string literal inside {…} in the prose`, () => {
			// mdsvex turns the quotes into typographic ones there, and the build fails or shows them.
			const offending = proseLines(lines)
				.filter(({ text }) => /\{[^}]*['"][^}]*\}/.test(text) && !/^\s*</.test(text))
				.map(({ line, text }) => `${name}:${line}: ${text.trim().slice(0, 60)}`);
			expect(offending).toEqual([]);
		});

		it(`${name}: no {expression} inside backtick code in the prose`, () => {
			// Markdown code is shown as typed: the reader would see the braces, not the number.
			const offending = proseLines(lines)
				.filter(({ text }) => /`[^`]*\{[A-Za-z_$][^`}]*\}[^`]*`/.test(text))
				.map(({ line, text }) => `${name}:${line}: ${text.trim().slice(0, 60)}`);
			expect(offending).toEqual([]);
		});
	}
});

/**
 * The course catalogue, read from lessons/*.md at build time.
 *
 * Server-only on purpose: the raw Markdown of every lesson is needed for titles, reading times and
 * tables of contents, but must not be shipped to the browser. Prerendering serialises what the
 * load functions return, so pages get only the small summaries.
 */
import { slugify } from '$lib/lesson/slug.js';
import type { LessonSummary, TocEntry } from '$lib/lesson/types';

const rawLessons = import.meta.glob('/lessons/*.md', {
	eager: true,
	query: '?raw',
	import: 'default'
}) as Record<string, string>;

const WORDS_PER_MINUTE = 200;

interface ParsedLesson extends LessonSummary {
	toc: TocEntry[];
}

/** A small front-matter reader: `key: value` lines between the leading `---` fences. */
export function parseFrontMatter(source: string): { data: Record<string, string>; body: string } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
	if (!match) return { data: {}, body: source };
	const data: Record<string, string> = {};
	for (const line of match[1].split(/\r?\n/)) {
		const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
		if (!field) continue;
		data[field[1]] = field[2].trim().replace(/^(['"])(.*)\1$/, '$2');
	}
	return { data, body: source.slice(match[0].length) };
}

function stripMarkup(text: string): string {
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\$\$[\s\S]*?\$\$/g, ' formula ')
		.replace(/\$[^$\n]+\$/g, ' x ')
		.replace(/[#*_`>[\]()]/g, ' ');
}

function readLesson(path: string, source: string): ParsedLesson {
	const slug = path.replace(/^.*\/(.+)\.md$/, '$1');
	const { data, body } = parseFrontMatter(source);
	const order = Number(data.order);
	if (!data.title || !data.summary || !Number.isFinite(order)) {
		throw new Error(`lessons/${slug}.md needs front matter with title, summary and a numeric order`);
	}
	const prose = body.replace(/<script[\s\S]*?<\/script>/g, '');
	const words = stripMarkup(prose).split(/\s+/).filter(Boolean).length;
	const toc: TocEntry[] = [];
	let inFence = false;
	for (const line of prose.split(/\r?\n/)) {
		if (/^```/.test(line)) inFence = !inFence;
		const heading = !inFence && /^(##|###)\s+(.+?)\s*$/.exec(line);
		if (heading) {
			const text = heading[2].replace(/[`*_]/g, '');
			toc.push({ depth: heading[1].length, text, id: slugify(text) });
		}
	}
	return {
		slug,
		title: data.title,
		summary: data.summary,
		order,
		readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
		toc
	};
}

const lessons: ParsedLesson[] = Object.entries(rawLessons)
	.map(([path, source]) => readLesson(path, source))
	.sort((a, b) => a.order - b.order);

export function listLessons(): LessonSummary[] {
	return lessons.map(({ toc: _toc, ...summary }) => summary);
}

export function findLesson(slug: string) {
	const index = lessons.findIndex((lesson) => lesson.slug === slug);
	if (index < 0) return null;
	const strip = (lesson: ParsedLesson | undefined) =>
		lesson ? { slug: lesson.slug, title: lesson.title } : null;
	return {
		lesson: lessons[index],
		previous: strip(lessons[index - 1]),
		next: strip(lessons[index + 1])
	};
}

/**
 * Which lesson each widget belongs to, read from the lessons' own imports at build time, so the
 * gallery never goes stale when a lesson gains or moves a widget.
 */
import { parseFrontMatter } from './catalog';

const rawLessons = import.meta.glob('/lessons/*.md', {
	eager: true,
	query: '?raw',
	import: 'default'
}) as Record<string, string>;

export interface WidgetUse {
	slug: string;
	title: string;
	order: number;
	/** The key Widget.svelte uses for the figure's anchor (its `id`, else the widget's name). */
	key: string;
}

/** The first lesson (by order) that places each widget, keyed by widget name. */
export function widgetUses(names: readonly string[]): Record<string, WidgetUse> {
	const uses: Record<string, WidgetUse> = {};
	const lessons = Object.entries(rawLessons)
		.map(([path, source]) => ({ slug: path.replace(/^.*\/(.+)\.md$/, '$1'), ...parseFrontMatter(source) }))
		.sort((a, b) => Number(a.data.order) - Number(b.data.order));
	for (const { slug, data, body } of lessons) {
		const aliases = new Map<string, string>();
		for (const match of body.matchAll(
			/import\s*\{\s*definition(?:\s+as\s+(\w+))?\s*\}\s*from\s*['"]\$lib\/widgets\/([\w-]+)['"]/g
		)) {
			aliases.set(match[1] ?? 'definition', match[2]);
		}
		const placed = new Map<string, string>();
		for (const match of body.matchAll(/<Widget\s+definition=\{(\w+)\}([^>]*)>/g)) {
			const name = aliases.get(match[1]);
			const id = /\bid="([^"]+)"/.exec(match[2])?.[1];
			if (name && !placed.has(name)) placed.set(name, id ?? name);
		}
		// The lazy form (LazyWidget.svelte): <Widget name="…" id="…" …>.
		for (const match of body.matchAll(/<Widget\s+name="([\w-]+)"([^>]*)>/g)) {
			const id = /\bid="([^"]+)"/.exec(match[2])?.[1];
			if (!placed.has(match[1])) placed.set(match[1], id ?? match[1]);
		}
		// A lesson may place a widget through its own wrapper component (unrolled/UnrolledWithCheck).
		for (const match of body.matchAll(/from\s*['"]\$lib\/widgets\/([\w-]+)\/[\w-]+\.svelte['"]/g)) {
			if (!placed.has(match[1])) placed.set(match[1], match[1]);
		}
		for (const [name, key] of placed) {
			if (names.includes(name) && !uses[name]) {
				uses[name] = { slug, title: data.title, order: Number(data.order), key };
			}
		}
	}
	return uses;
}

/**
 * How lessons load their widgets (LazyWidget.svelte): how near the viewport a widget starts, and
 * the height its place keeps until then, so the page does not jump when it arrives.
 */

/** A widget starts when it is within this distance of the viewport (IntersectionObserver rootMargin). */
export const NEAR_MARGIN = '75% 0px';

/** Used for a widget not in the table below. */
export const DEFAULT_RESERVE = { wide: 480, narrow: 640 };

/**
 * Heights (px, frame included) of each widget as a lesson first shows it, at 1280 px and at
 * 375 px wide, measured on the built site; by `id` where one lesson shows the same widget twice
 * in different states, else by name. Estimates: a widget whose content depends on its query can
 * end up a little taller or shorter, which only moves what is below it.
 */
const RESERVE: Record<string, { wide: number; narrow: number }> = {};

export function reservedHeight(name: string, id?: string): { wide: number; narrow: number } {
	return (id !== undefined ? RESERVE[`${name}#${id}`] : undefined) ?? RESERVE[name] ?? DEFAULT_RESERVE;
}

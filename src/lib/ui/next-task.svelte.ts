import { untrack } from 'svelte';
import { afterFrame } from './after-frame';

/**
 * `read()`'s value as shown a task after it changes; call while a component initialises. A part of
 * a widget that is costly to redraw (a 50-row table, a confusion matrix and timeline) then follows
 * the update that changed it in a task of its own: two shorter tasks on a slow phone instead of
 * one long one. A change that comes before the task runs replaces the waiting one. `same` says
 * when two readings show the same thing (a reading that builds a new object each time).
 *
 * `{ frame: true }` waits until the next frame has been drawn: for a part whose appearance costs a
 * frame's layout and paint of its own (a zero-delay task can run before the frame, and both
 * changes are then laid out and painted in one long frame).
 *
 * `{ now }` says which changes are cheap enough to show at once, in the update that made them (a
 * click that only moves to another row): each frame has a fixed cost, so one frame beats two.
 */
export function nextTask<T>(
	read: () => T,
	same: (a: T, b: T) => boolean = Object.is,
	{ frame = false, now }: { frame?: boolean; now?: (next: T, shown: T) => boolean } = {}
): { readonly current: T } {
	let current = $state.raw(untrack(read));
	$effect(() => {
		const next = read();
		const shown = untrack(() => current);
		if (same(next, shown)) return;
		if (now?.(next, shown)) return void (current = next);
		if (frame) return afterFrame(() => (current = next));
		const timer = setTimeout(() => (current = next), 0);
		return () => clearTimeout(timer);
	});
	return {
		get current() {
			return current;
		}
	};
}

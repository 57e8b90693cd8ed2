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
 */
export function nextTask<T>(read: () => T, same: (a: T, b: T) => boolean = Object.is, { frame = false } = {}): { readonly current: T } {
	let current = $state.raw(untrack(read));
	$effect(() => {
		const next = read();
		if (same(next, untrack(() => current))) return;
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

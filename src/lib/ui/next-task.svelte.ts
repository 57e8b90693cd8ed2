import { untrack } from 'svelte';

/**
 * `read()`'s value as shown a task after it changes; call while a component initialises. A part of
 * a widget that is costly to redraw (a 50-row table, a confusion matrix and timeline) then follows
 * the update that changed it in a task of its own: two shorter tasks on a slow phone instead of
 * one long one. A change that comes before the task runs replaces the waiting one. `same` says
 * when two readings show the same thing (a reading that builds a new object each time).
 */
export function nextTask<T>(read: () => T, same: (a: T, b: T) => boolean = Object.is): { readonly current: T } {
	let current = $state.raw(untrack(read));
	$effect(() => {
		const next = read();
		if (same(next, untrack(() => current))) return;
		const timer = setTimeout(() => (current = next), 0);
		return () => clearTimeout(timer);
	});
	return {
		get current() {
			return current;
		}
	};
}

/**
 * URL parameters of the widgets that train three runs side by side (cell-race, depth, long-lag).
 * The three runs share one seed, so only what the widget varies differs between them.
 */
import { LAB_LIMITS } from '$lib/training/config';
import type { IntParam } from './params';

/** The seed of all three runs, within the lab's range. */
export function sharedSeed(defaultSeed: number): IntParam {
	return {
		kind: 'int',
		min: LAB_LIMITS.seed.min,
		max: LAB_LIMITS.seed.max,
		default: defaultSeed,
		doc: 'Seed of the data, the initial weights and the order of the sequences (the same for all three runs).'
	};
}

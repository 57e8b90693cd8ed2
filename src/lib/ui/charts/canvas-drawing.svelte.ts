import { untrack } from 'svelte';
import { theme } from '$lib/theme.svelte';

/**
 * What a canvas chart needs around its drawing; call while a component initialises.
 * - `palette` names the colours in force: the theme choice, and under a 'system' choice the
 *   system's scheme, which can change while the page is open. A chart looks its colours up again
 *   when it changes (a lookup restyles a probe, so not on every draw): `paletteChanged()`, asked
 *   while drawing, is true on the first draw and the first one after each change.
 * - `request()` draws in a task of its own, once, however many updates asked for it: the charts of
 *   a page updated together are then several short tasks instead of one long one on a slow phone.
 * Without `draw`, only the palette is used: a canvas that draws in its own effect (the sampler's
 * strip, drawn with its table).
 */
export function canvasDrawing(draw: () => void = () => {}): { readonly palette: string; paletteChanged: () => boolean; request: () => void } {
	let scheme = $state(0);
	$effect(() => {
		const media = matchMedia('(prefers-color-scheme: dark)');
		const changed = () => scheme++;
		media.addEventListener('change', changed);
		return () => media.removeEventListener('change', changed);
	});
	let timer: ReturnType<typeof setTimeout> | null = null;
	let drawnWith: string | null = null;
	$effect(() => () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
	});
	const palette = () => `${theme.choice} ${scheme}`;
	return {
		get palette() {
			return palette();
		},
		paletteChanged() {
			const now = palette();
			if (now === drawnWith) return false;
			drawnWith = now;
			return true;
		},
		request() {
			timer ??= setTimeout(() => {
				timer = null;
				untrack(draw);
			}, 0);
		}
	};
}

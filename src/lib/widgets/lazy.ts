/**
 * How lessons load their widgets (LazyWidget.svelte): how near the viewport a widget starts, and
 * the height its place keeps until then, so the page does not jump when it arrives.
 */

/** A widget starts when it is within this distance of the viewport (IntersectionObserver rootMargin). */
export const NEAR_MARGIN = '75% 0px';

/** Used for a widget not in the table below. */
export const DEFAULT_RESERVE = { wide: 480, narrow: 640 };

/**
 * Heights (px, frame included) of each lesson widget as it first appears, at 1280 px and at 375 px
 * wide, measured on the built site, by `<lesson slug>#<key>` (key = the widget's id, else its
 * name). Estimates: a reader's saved state or another width changes them a little, which only
 * moves what is below the widget. A widget not listed keeps DEFAULT_RESERVE.
 */
const RESERVE: Record<string, { wide: number; narrow: number }> = {
	'activity-recognition#lopo': { wide: 1071, narrow: 1761 },
	'bptt#bptt': { wide: 1986, narrow: 2881 },
	'char-language-model#longer': { wide: 1071, narrow: 1660 },
	'char-language-model#sampler': { wide: 1136, narrow: 1421 },
	'deep-rnns#broken': { wide: 1108, narrow: 1547 },
	'deep-rnns#depth': { wide: 1332, narrow: 1782 },
	'deep-rnns#stack': { wide: 1067, narrow: 1521 },
	'forecasting#forecaster': { wide: 1025, narrow: 1303 },
	'gru#cell-race': { wide: 1212, narrow: 1445 },
	'gru#gru-cell': { wide: 1617, narrow: 2377 },
	'gru#param-counter': { wide: 875, narrow: 1072 },
	'loss-over-time#activity': { wide: 1071, narrow: 1217 },
	'loss-over-time#confusion': { wide: 806, narrow: 952 },
	'loss-over-time#loss-explorer': { wide: 962, narrow: 2054 },
	'lstm#carousel': { wide: 2508, narrow: 4198 },
	'lstm#cell': { wide: 2504, narrow: 3924 },
	'lstm#keras': { wide: 1074, narrow: 1201 },
	'paradigms#paradigms': { wide: 1013, narrow: 1358 },
	'paradigms#trainer': { wide: 1126, narrow: 1760 },
	'recurrent-cell#keras': { wide: 811, narrow: 938 },
	'recurrent-cell#lecture': { wide: 611, narrow: 738 },
	'recurrent-cell#tanh': { wide: 778, narrow: 882 },
	'recurrent-cell#unrolled': { wide: 1948, narrow: 3568 },
	'shaping-sequences#reviews': { wide: 1234, narrow: 1800 },
	'shaping-sequences#tokens': { wide: 1122, narrow: 1601 },
	'shaping-sequences#window-weights': { wide: 891, narrow: 1227 },
	'shaping-sequences#windows': { wide: 707, narrow: 826 },
	'vanishing-exploding#clipping': { wide: 1047, narrow: 1226 },
	'vanishing-exploding#long-lag': { wide: 1290, narrow: 1579 },
	'vanishing-exploding#power': { wide: 896, narrow: 1095 },
	'vanishing-exploding#radius': { wide: 1325, narrow: 1946 },
	'vanishing-exploding#saturation': { wide: 1371, narrow: 1990 },
	'why-sequences#bag-of-words': { wide: 768, narrow: 1097 }
};

/** The height to keep for widget `key` on the page at `pathname` (a lesson's /lessons/<slug>). */
export function reservedHeight(pathname: string, key: string): { wide: number; narrow: number } {
	const slug = pathname.replace(/\/$/, '').split('/').pop() ?? '';
	return RESERVE[`${slug}#${key}`] ?? DEFAULT_RESERVE;
}

/**
 * Svelte action: calls `start` once, when the element comes within NEAR_MARGIN of the viewport
 * (at once where IntersectionObserver is missing).
 */
export function near(node: Element, start: () => void): { destroy(): void } {
	return observeOnce(node, start, { rootMargin: NEAR_MARGIN });
}

/**
 * Svelte action: calls `start` once, when at least half of the element is on screen. For the
 * gallery's previews, each a whole embed page: starting the ones merely near would load several
 * widgets' code before the reader has scrolled at all.
 */
export function inView(node: Element, start: () => void): { destroy(): void } {
	return observeOnce(node, start, { threshold: 0.5 });
}

function observeOnce(node: Element, start: () => void, options: IntersectionObserverInit): { destroy(): void } {
	if (typeof IntersectionObserver === 'undefined') {
		start();
		return { destroy() {} };
	}
	const observer = new IntersectionObserver((entries) => {
		if (!entries.some((entry) => entry.isIntersecting)) return;
		observer.disconnect();
		start();
	}, options);
	observer.observe(node);
	return { destroy: () => observer.disconnect() };
}

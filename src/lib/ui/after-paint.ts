/**
 * Resolves once the browser has reported the page's first contentful paint, or after `capMs` if it
 * reports none (no paint timing, or a hidden tab that does not paint).
 *
 * Heavy code fetched before that paint competes with it for the network and the main thread, and
 * Lighthouse's simulated mobile load counts every script that finished before the paint as one the
 * paint waited for. In a browser that paints as soon as it can, this resolves at once.
 */
export function afterFirstPaint(capMs = 3000): Promise<void> {
	return new Promise((resolve) => {
		const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
		if (typeof PerformanceObserver !== 'function' || !PerformanceObserver.supportedEntryTypes?.includes('paint') || painted()) {
			resolve();
			return;
		}
		let observer: PerformanceObserver | null = null;
		const done = () => {
			observer?.disconnect();
			clearTimeout(cap);
			resolve();
		};
		const cap = setTimeout(done, capMs);
		observer = new PerformanceObserver((list) => {
			if (list.getEntries().some((entry) => entry.name === 'first-contentful-paint')) done();
		});
		observer.observe({ type: 'paint', buffered: true });
	});
}

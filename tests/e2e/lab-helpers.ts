import type { Page } from '@playwright/test';

export const step = async (page: Page) => Number((await page.getByTestId('step').textContent())!.replace(/,/g, ''));
/**
 * Long tasks (> 50 ms) of the main thread during `ms` milliseconds; with `animate`, a control
 * runs meanwhile: a counter redrawn every animation frame and nothing else.
 */
export function longTasksDuring(page: Page, ms: number, animate = false): Promise<number[]> {
	return page.evaluate(
		({ ms, animate }) =>
			new Promise<number[]>((resolve) => {
				const durations: number[] = [];
				const observer = new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) durations.push(Math.round(entry.duration));
				});
				observer.observe({ type: 'longtask' });
				const out = animate ? document.body.appendChild(document.createElement('output')) : null;
				const start = performance.now();
				const frame = () => {
					if (out) out.textContent = String(Math.round(performance.now() - start));
					if (performance.now() - start < ms) requestAnimationFrame(frame);
				};
				if (out) requestAnimationFrame(frame);
				setTimeout(() => {
					observer.disconnect();
					out?.remove();
					resolve(durations);
				}, ms);
			}),
		{ ms, animate }
	);
}

export const loss = async (page: Page) => Number((await page.getByTestId('loss').textContent())!.replace('−', '-'));

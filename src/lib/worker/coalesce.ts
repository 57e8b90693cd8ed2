/**
 * Chart updates of every training run on a page, gathered into one task per period. A widget
 * comparing three runs has three clients, each told of new steps at its own moments; bumped one by
 * one, their charts would be recomputed and redrawn three times per period instead of once.
 */
export interface Clock {
	now(): number;
	setTimer(callback: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
}

export interface Coalescer {
	/**
	 * Runs `callback` now if a period has passed since the last run (or `urgent`), else at the
	 * period's end together with every other callback asked for meanwhile. Asking again for a
	 * waiting callback does not run it twice.
	 */
	request(callback: () => void, urgent?: boolean): void;
	/** Forgets a waiting callback (its owner was disposed). */
	cancel(callback: () => void): void;
}

const browserClock: Clock = {
	now: () => performance.now(),
	setTimer: (callback, ms) => setTimeout(callback, ms),
	clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export function createCoalescer(periodMs: number, clock: Clock = browserClock): Coalescer {
	let last = -Infinity;
	let timer: unknown = null;
	const waiting = new Set<() => void>();

	function fire() {
		if (timer !== null) clock.clearTimer(timer);
		timer = null;
		last = clock.now();
		const due = [...waiting];
		waiting.clear();
		for (const callback of due) callback();
	}

	return {
		request(callback, urgent = false) {
			waiting.add(callback);
			const wait = last + periodMs - clock.now();
			if (urgent || wait <= 0) return fire();
			timer ??= clock.setTimer(fire, wait);
		},
		cancel(callback) {
			waiting.delete(callback);
			if (waiting.size === 0 && timer !== null) {
				clock.clearTimer(timer);
				timer = null;
			}
		}
	};
}

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

/**
 * `ownTask`: a request that is due does not run inside the caller's task but in a task of its own
 * right after (a zero-delay timer). The page's charts use it: the animation frame that updates the
 * counters and the task that redraws the charts then stay two short tasks instead of one long one
 * on a slow phone. Urgent requests still run at once.
 */
export function createCoalescer(periodMs: number, clock: Clock = browserClock, { ownTask = false } = {}): Coalescer {
	let last = -Infinity;
	let timer: unknown = null;
	const waiting = new Set<() => void>();

	function fire() {
		if (timer !== null) clock.clearTimer(timer);
		timer = null;
		last = clock.now();
		const due = [...waiting];
		waiting.clear();
		// One failing callback (a chart, a run) must not leave the others' updates undone for good.
		for (const callback of due) {
			try {
				callback();
			} catch (error) {
				queueMicrotask(() => {
					throw error;
				});
			}
		}
	}

	return {
		request(callback, urgent = false) {
			waiting.add(callback);
			const wait = last + periodMs - clock.now();
			if (urgent || (wait <= 0 && !ownTask)) return fire();
			timer ??= clock.setTimer(fire, Math.max(0, wait));
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

/** Schedules callbacks in animation frames (`request` returns a handle for `cancel`). */
export type FrameScheduler = { request(callback: () => void): number; cancel(handle: number): void };

/** A clock whose timers end in the animation frame after their delay. */
const frameClock: Clock = {
	now: () => performance.now(),
	setTimer(callback, ms) {
		const handle = { timer: undefined as ReturnType<typeof setTimeout> | undefined, frame: 0 };
		handle.timer = setTimeout(() => (handle.frame = requestAnimationFrame(() => callback())), ms);
		return handle;
	},
	clearTimer(handle) {
		const { timer, frame } = handle as { timer?: ReturnType<typeof setTimeout>; frame: number };
		clearTimeout(timer);
		if (frame) cancelAnimationFrame(frame);
	}
};

/**
 * Animation frames shared by every run of the page, at most one per `periodMs`: the progress of
 * all runs is applied in the same frame. Three workers (the long-lag race) report at moments of
 * their own; applied each in its own frame, that was three layouts and paints of a whole lesson
 * where one shows the same. A single run reports every 250 ms, so the period rarely holds it back
 * (and then by less than a frame or two).
 */
export function coalescedFrames(periodMs: number, clock: Clock = frameClock): FrameScheduler {
	const frames = createCoalescer(periodMs, clock, { ownTask: true });
	const waiting = new Map<number, () => void>();
	let next = 1;
	return {
		request(callback) {
			const handle = next++;
			const run = () => {
				waiting.delete(handle);
				callback();
			};
			waiting.set(handle, run);
			frames.request(run);
			return handle;
		},
		cancel(handle) {
			const run = waiting.get(handle);
			if (!run) return;
			waiting.delete(handle);
			frames.cancel(run);
		}
	};
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from '../../../src/lib/ui/after-paint';

/** A browser's paint timing, reduced to what afterFirstPaint reads; `paint()` reports the first paint. */
function fakePaintTiming({ supported = true, paintedAlready = false } = {}) {
	const entries: { name: string }[] = paintedAlready ? [{ name: 'first-contentful-paint' }] : [];
	const observers: ((list: { getEntries: () => { name: string }[] }) => void)[] = [];
	let disconnected = 0;
	class Observer {
		static supportedEntryTypes = supported ? ['paint', 'largest-contentful-paint'] : ['mark'];
		constructor(private callback: (list: { getEntries: () => { name: string }[] }) => void) {}
		observe() {
			observers.push(this.callback);
		}
		disconnect() {
			disconnected++;
		}
	}
	vi.stubGlobal('PerformanceObserver', Observer);
	vi.stubGlobal('performance', { getEntriesByName: (name: string) => entries.filter((e) => e.name === name) });
	return {
		paint() {
			entries.push({ name: 'first-paint' }, { name: 'first-contentful-paint' });
			for (const callback of observers) callback({ getEntries: () => entries });
		},
		get disconnected() {
			return disconnected;
		}
	};
}

async function settled(promise: Promise<void>): Promise<boolean> {
	let done = false;
	promise.then(() => (done = true));
	await vi.advanceTimersByTimeAsync(0);
	return done;
}

describe('afterFirstPaint (the lab fetches its trainer once the page has painted)', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('waits for the first contentful paint, then stops observing', async () => {
		vi.useFakeTimers();
		const timing = fakePaintTiming();
		const waiting = afterFirstPaint(3000);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(1000);
		expect(await settled(waiting)).toBe(false);
		timing.paint();
		expect(await settled(waiting)).toBe(true);
		expect(timing.disconnected).toBe(1);
	});

	it('does not wait when the page has painted already, or the browser reports no paint timing', async () => {
		vi.useFakeTimers();
		fakePaintTiming({ paintedAlready: true });
		expect(await settled(afterFirstPaint(3000))).toBe(true);
		vi.unstubAllGlobals();
		fakePaintTiming({ supported: false });
		expect(await settled(afterFirstPaint(3000))).toBe(true);
	});

	it('gives up waiting after the cap (a hidden tab does not paint), so the lab still loads', async () => {
		vi.useFakeTimers();
		const timing = fakePaintTiming();
		const waiting = afterFirstPaint(3000);
		await vi.advanceTimersByTimeAsync(2999);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(waiting)).toBe(true);
		expect(timing.disconnected).toBe(1);
	});
});

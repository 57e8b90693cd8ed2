import { describe, expect, it } from 'vitest';
import { coalescedFrames, createCoalescer, type Clock } from '$lib/worker/coalesce';

/** A clock the test moves by hand, with the timers it holds. */
function fakeClock() {
	let time = 0;
	let timers: { at: number; callback: () => void; id: number }[] = [];
	let next = 1;
	const clock: Clock = {
		now: () => time,
		setTimer: (callback, ms) => {
			timers.push({ at: time + ms, callback, id: next });
			return next++;
		},
		clearTimer: (id) => void (timers = timers.filter((t) => t.id !== id))
	};
	const advance = (ms: number) => {
		time += ms;
		const due = timers.filter((t) => t.at <= time);
		timers = timers.filter((t) => t.at > time);
		due.forEach((t) => t.callback());
	};
	return { clock, advance, pending: () => timers.length };
}

describe('chart updates of several runs, gathered', () => {
	it('runs the first request at once, then gathers the requests of one period into one task', () => {
		const { clock, advance, pending } = fakeClock();
		const updates = createCoalescer(200, clock);
		const seen: string[] = [];
		const a = () => seen.push('a');
		const b = () => seen.push('b');
		const c = () => seen.push('c');
		updates.request(a);
		expect(seen).toEqual(['a']);
		advance(50);
		updates.request(b);
		updates.request(c);
		updates.request(b);
		expect(seen).toEqual(['a']);
		expect(pending()).toBe(1);
		advance(149);
		expect(seen).toEqual(['a']);
		advance(1);
		// Together, at the end of the period that began with the first run; b only once.
		expect(seen).toEqual(['a', 'b', 'c']);
		expect(pending()).toBe(0);
	});

	it('an urgent request (a run ended) runs at once, taking the waiting ones along', () => {
		const { clock, advance, pending } = fakeClock();
		const updates = createCoalescer(200, clock);
		const seen: string[] = [];
		updates.request(() => seen.push('first'));
		advance(10);
		updates.request(() => seen.push('waiting'));
		updates.request(() => seen.push('ended'), true);
		expect(seen).toEqual(['first', 'waiting', 'ended']);
		expect(pending()).toBe(0);
	});

	it('a cancelled request never runs, and an empty wait leaves no timer behind', () => {
		const { clock, advance, pending } = fakeClock();
		const updates = createCoalescer(200, clock);
		const seen: string[] = [];
		updates.request(() => seen.push('first'));
		const gone = () => seen.push('gone');
		updates.request(gone);
		updates.cancel(gone);
		expect(pending()).toBe(0);
		advance(500);
		expect(seen).toEqual(['first']);
	});

	it('with ownTask, a due request runs in a task of its own right after, not inside the caller', () => {
		const { clock, advance } = fakeClock();
		const c = createCoalescer(200, clock, { ownTask: true });
		let runs = 0;
		c.request(() => runs++);
		expect(runs).toBe(0);
		advance(0);
		expect(runs).toBe(1);
		// Within the period: gathered until its end, as without the option.
		c.request(() => runs++);
		advance(100);
		expect(runs).toBe(1);
		advance(100);
		expect(runs).toBe(2);
		// Urgent still runs at once.
		c.request(() => runs++, true);
		expect(runs).toBe(3);
	});
});

describe('progress frames shared by the runs of a page', () => {
	it('three runs reporting at their own moments are applied together, at most once per period', () => {
		const { clock, advance } = fakeClock();
		const frames = coalescedFrames(200, clock);
		const applied: string[] = [];
		frames.request(() => applied.push('rnn'));
		advance(0);
		expect(applied).toEqual(['rnn']);
		// The other two report 60 and 130 ms later: both wait for the period's end, and go together.
		advance(60);
		frames.request(() => applied.push('lstm'));
		advance(70);
		frames.request(() => applied.push('gru'));
		advance(69);
		expect(applied).toEqual(['rnn']);
		advance(1);
		expect(applied).toEqual(['rnn', 'lstm', 'gru']);
	});

	it('a report that throws does not stop the others applied with it', async () => {
		const { clock, advance } = fakeClock();
		const frames = coalescedFrames(200, clock);
		const applied: string[] = [];
		const thrown: unknown[] = [];
		const listener = (error: unknown) => thrown.push(error);
		process.on('uncaughtException', listener);
		try {
			frames.request(() => {
				throw new Error('a broken chart');
			});
			frames.request(() => applied.push('counters'));
			advance(0);
			expect(applied).toEqual(['counters']);
			await new Promise((resolve) => setTimeout(resolve, 0));
		} finally {
			process.off('uncaughtException', listener);
		}
		expect(thrown).toHaveLength(1);
	});

	it('a single run reporting every 250 ms is applied at once each time, and a cancelled report is not applied', () => {
		const { clock, advance } = fakeClock();
		const frames = coalescedFrames(200, clock);
		let applied = 0;
		for (let i = 0; i < 4; i++) {
			frames.request(() => applied++);
			advance(0);
			expect(applied).toBe(i + 1);
			advance(250);
		}
		const handle = frames.request(() => applied++);
		frames.cancel(handle);
		advance(500);
		expect(applied).toBe(4);
	});
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCellClient, TIMEOUT_MESSAGE, type WorkerLike } from '$lib/mathcell/client';
import { evaluateExpression } from '$lib/mathcell/evaluator';
import type { FromWorker, ToWorker } from '$lib/mathcell/protocol';

/** A worker stand-in: answers with the real evaluator, unless an expression is marked "hang". */
class FakeWorker implements WorkerLike {
	static made: FakeWorker[] = [];
	onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	received: ToWorker[] = [];
	constructor() {
		FakeWorker.made.push(this);
		queueMicrotask(() => this.send({ type: 'ready' }));
	}
	send(message: FromWorker) {
		if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
	}
	postMessage(message: ToWorker) {
		this.received.push(message);
		if (message.expression === 'hang') return;
		setTimeout(() => this.send({ type: 'result', id: message.id, outcome: evaluateExpression(message.expression, message.scope) }), 5);
	}
	terminate() {
		this.terminated = true;
	}
}

describe('MathCell worker client', () => {
	beforeEach(() => {
		FakeWorker.made = [];
		vi.useFakeTimers();
	});
	afterEach(() => vi.useRealTimers());

	it('waits for the worker, then evaluates', async () => {
		const client = createCellClient(() => new FakeWorker());
		const result = client.evaluate('a * 2', { a: 3 });
		await vi.advanceTimersByTimeAsync(10);
		expect(await result).toEqual({ ok: true, value: { kind: 'number', value: 6 } });
		client.dispose();
	});

	it('stops a worker that takes too long, says so, and carries on with a new one', async () => {
		const client = createCellClient(() => new FakeWorker(), 1000);
		const slow = client.evaluate('hang', {});
		await vi.advanceTimersByTimeAsync(999);
		expect(FakeWorker.made[0].terminated).toBe(false);
		await vi.advanceTimersByTimeAsync(2);
		expect(await slow).toEqual({ ok: false, kind: 'timeout', message: TIMEOUT_MESSAGE });
		expect(FakeWorker.made[0].terminated).toBe(true);
		expect(FakeWorker.made).toHaveLength(2);
		const next = client.evaluate('1 + 1', {});
		await vi.advanceTimersByTimeAsync(10);
		expect(await next).toEqual({ ok: true, value: { kind: 'number', value: 2 } });
		client.dispose();
	});

	it('keeps only the newest waiting request', async () => {
		const client = createCellClient(() => new FakeWorker());
		const first = client.evaluate('1', {});
		const second = client.evaluate('2', {});
		await vi.advanceTimersByTimeAsync(10);
		expect(await first).toBeNull();
		expect(await second).toEqual({ ok: true, value: { kind: 'number', value: 2 } });
		client.dispose();
	});

	it('restarts after a crash', async () => {
		const client = createCellClient(() => new FakeWorker());
		const crashing = client.evaluate('hang', {});
		await vi.advanceTimersByTimeAsync(1);
		FakeWorker.made[0].onerror?.({ preventDefault() {} } as ErrorEvent);
		expect(await crashing).toMatchObject({ ok: false, kind: 'crash' });
		expect(FakeWorker.made).toHaveLength(2);
		client.dispose();
		expect(FakeWorker.made[1].terminated).toBe(true);
	});
});

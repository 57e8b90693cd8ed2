/**
 * The page's side of the MathCell worker: one evaluation at a time, only the newest waiting
 * request kept, and a time limit after which the worker is stopped and replaced so the page
 * never freezes. Takes a worker factory, so it runs with a fake worker in tests.
 */
import { EVALUATION_TIMEOUT_MS, type CellOutcome, type CellScope, type FromWorker, type ToWorker } from './protocol';

export interface WorkerLike {
	postMessage(message: ToWorker): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

export interface CellClient {
	/** Resolves with the outcome, or null when a newer request replaced this one before it ran. */
	evaluate(expression: string, scope: CellScope): Promise<CellOutcome | null>;
	dispose(): void;
}

interface Job {
	expression: string;
	scope: CellScope;
	resolve: (outcome: CellOutcome | null) => void;
}

export const TIMEOUT_MESSAGE = `That took too long (over ${EVALUATION_TIMEOUT_MS / 1000} s), so it was stopped. Is something very large, or a function that calls itself many times?`;

export function createCellClient(makeWorker: () => WorkerLike, timeoutMs = EVALUATION_TIMEOUT_MS): CellClient {
	let worker: WorkerLike | null = null;
	let ready = false;
	let disposed = false;
	let nextId = 1;
	let running: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | null = null;
	let waiting: Job | null = null;

	function start() {
		ready = false;
		const current = makeWorker();
		worker = current;
		current.onmessage = (event) => {
			if (worker !== current) return;
			const message = event.data;
			if (message.type === 'ready') {
				ready = true;
				pump();
			} else if (message.type === 'result' && running && message.id === running.id) {
				clearTimeout(running.timer);
				const { job } = running;
				running = null;
				job.resolve(message.outcome);
				pump();
			}
		};
		current.onerror = (event) => {
			event.preventDefault?.();
			if (worker !== current) return;
			if (!ready) {
				// It never started (e.g. the script failed to load): answer, and try again next time.
				current.terminate();
				worker = null;
				waiting?.resolve({ ok: false, kind: 'crash', message: 'The calculator could not start. Reload the page to try again.' });
				waiting = null;
				return;
			}
			stopRunning({ ok: false, kind: 'crash', message: 'The calculation crashed (it may have needed too much memory), so the calculator was restarted.' });
		};
	}

	function stopRunning(outcome: CellOutcome) {
		worker?.terminate();
		worker = null;
		if (running) {
			clearTimeout(running.timer);
			running.job.resolve(outcome);
			running = null;
		}
		if (!disposed) {
			start();
			pump();
		}
	}

	function pump() {
		if (disposed) return;
		if (!worker) start();
		if (!ready || running || !waiting || !worker) return;
		const job = waiting;
		waiting = null;
		const id = nextId++;
		const timer = setTimeout(() => stopRunning({ ok: false, kind: 'timeout', message: TIMEOUT_MESSAGE }), timeoutMs);
		running = { id, job, timer };
		worker.postMessage({ type: 'evaluate', id, expression: job.expression, scope: job.scope });
	}

	start();

	return {
		evaluate(expression, scope) {
			return new Promise((resolve) => {
				if (disposed) return resolve(null);
				waiting?.resolve(null);
				waiting = { expression, scope, resolve };
				pump();
			});
		},
		dispose() {
			disposed = true;
			if (running) clearTimeout(running.timer);
			running?.job.resolve(null);
			waiting?.resolve(null);
			running = null;
			waiting = null;
			worker?.terminate();
			worker = null;
		}
	};
}

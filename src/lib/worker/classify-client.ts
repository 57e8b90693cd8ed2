/**
 * The page's side of the worker's `classify` request (lesson 13's recorder): a finished or
 * imported recording is named step by step in a training worker of its own, so the page never
 * runs the network over tens of thousands of steps itself. The worker is created on the first
 * request and ended by `dispose()`; a new request replaces an unfinished one.
 */
import type { FromWorker } from './protocol';
import { createTrainerWorker, type WorkerLike } from './client.svelte';

export interface Classification {
	/** Every step's activity; rejects with a sentence when the worker cannot name them. */
	result: Promise<Int8Array>;
	/** Drops the request (its promise then never settles). */
	cancel(): void;
}

interface Waiting {
	id: number;
	resolve: (predicted: Int8Array) => void;
	reject: (error: Error) => void;
	progress: (fraction: number) => void;
}

export class RecordingClassifier {
	#worker: WorkerLike | null = null;
	#next = 1;
	#waiting: Waiting | null = null;
	#makeWorker: () => WorkerLike;

	constructor(makeWorker: () => WorkerLike = createTrainerWorker) {
		this.#makeWorker = makeWorker;
	}

	/** `network`: engine `toJSON` layout; `xyz`: x, y, z interleaved in g at `rate` per second. */
	classify(network: unknown, xyz: Float64Array, rate: number, progress: (fraction: number) => void = () => {}): Classification {
		const id = this.#next++;
		const result = new Promise<Int8Array>((resolve, reject) => {
			this.#waiting = { id, resolve, reject, progress };
		});
		try {
			this.#connect().postMessage({ type: 'classify', id, network, rate, xyz });
		} catch (error) {
			this.#settle(id, (w) => w.reject(new Error(`The network could not be started in the background (${(error as Error).message}). Reload the page to try again.`)));
		}
		return {
			result,
			cancel: () => {
				if (this.#waiting?.id !== id) return;
				this.#waiting = null;
				this.#worker?.postMessage({ type: 'cancel-classify', id });
			}
		};
	}

	dispose(): void {
		this.#waiting = null;
		this.#worker?.terminate();
		this.#worker = null;
	}

	#connect(): WorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.#makeWorker();
		worker.onmessage = (event) => this.#receive(event.data);
		worker.onerror = (event) => {
			event.preventDefault?.();
			const waiting = this.#waiting;
			this.dispose();
			waiting?.reject(new Error(`The background worker stopped unexpectedly${event.message ? ` (${event.message})` : ''}.`));
		};
		this.#worker = worker;
		return worker;
	}

	#settle(id: number, act: (waiting: Waiting) => void): void {
		const waiting = this.#waiting;
		if (!waiting || waiting.id !== id) return;
		this.#waiting = null;
		act(waiting);
	}

	#receive(message: FromWorker): void {
		if (!message) return;
		switch (message.type) {
			case 'classify-progress':
				if (this.#waiting?.id === message.id) this.#waiting.progress(message.fraction);
				return;
			case 'classified':
				return this.#settle(message.id, (w) => w.resolve(message.predicted));
			case 'classify-error':
				return this.#settle(message.id, (w) => w.reject(new Error(message.message)));
		}
	}
}

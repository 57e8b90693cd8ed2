/**
 * The page's side of the eigs worker: one worker for every Jacobian widget on the page, started
 * on first use, so mathjs is loaded only when a widget asks for eigenvalues. Without Worker
 * support (or if the worker fails to start) it falls back to a dynamic import on the page.
 */
import type { EigsResult } from './eigs';

export interface EigsRequest {
	id: number;
	rows: number[][];
}

export interface EigsReply {
	id: number;
	result: EigsResult | null;
	error: string;
}

let worker: Worker | null = null;
let broken = false;
let users = 0;
let nextId = 1;
const waiting = new Map<number, { resolve: (result: EigsResult) => void; reject: (error: Error) => void; rows: number[][] }>();

async function onPage(rows: number[][]): Promise<EigsResult> {
	const { eigsRadius } = await import('./eigs');
	return eigsRadius(rows);
}

function start(): Worker {
	const created = new Worker(new URL('./eigs.worker.ts', import.meta.url), { type: 'module', name: 'unrolled-eigs' });
	created.onmessage = (event: MessageEvent<EigsReply>) => {
		const job = waiting.get(event.data.id);
		if (!job) return;
		waiting.delete(event.data.id);
		if (event.data.result) job.resolve(event.data.result);
		else job.reject(new Error(event.data.error));
	};
	created.onerror = (event) => {
		event.preventDefault();
		// The worker could not run: answer everything waiting on the page instead, from now on.
		broken = true;
		created.terminate();
		worker = null;
		for (const job of waiting.values()) onPage(job.rows).then(job.resolve, job.reject);
		waiting.clear();
	};
	return created;
}

/** Eigenvalues and spectral radius of W (row by row), computed by mathjs off the page's thread. */
export function eigsOf(rows: number[][]): Promise<EigsResult> {
	if (broken || typeof Worker === 'undefined') return onPage(rows);
	worker ??= start();
	const id = nextId++;
	return new Promise((resolve, reject) => {
		waiting.set(id, { resolve, reject, rows });
		worker?.postMessage({ id, rows } satisfies EigsRequest);
	});
}

/**
 * A widget holds the worker while it is on the page; when the last one goes (the reader moved to
 * another lesson), the worker is stopped rather than left running in the background.
 */
export function useEigs(): () => void {
	users++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		users--;
		if (users > 0 || !worker) return;
		worker.terminate();
		worker = null;
		for (const job of waiting.values()) job.reject(new Error('The page no longer shows a Jacobian widget.'));
		waiting.clear();
	};
}

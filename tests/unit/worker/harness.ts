import type { FromWorker, ToWorker } from '$lib/worker/protocol';
import { createTrainerHandler } from '$lib/worker/trainer.worker';

/**
 * The worker's handler with a fake port, a fake clock (every reading advances it by 1 ms, so a
 * 12 ms slice holds a few steps) and a hand-pumped scheduler standing in for the event loop.
 */
export function harness(progressEveryMs = 20, sliceMs = 12) {
	const sent: FromWorker[] = [];
	const queue: (() => void)[] = [];
	let time = 0;
	const handle = createTrainerHandler(
		{ postMessage: (message) => sent.push(structuredClone(message)) },
		{ now: () => (time += 1), schedule: (task) => queue.push(task), sliceMs, evaluateEveryMs: 200, progressEveryMs }
	);
	return {
		sent,
		send: (message: ToWorker) => handle(structuredClone(message)),
		/** Runs up to n queued tasks (event-loop turns); returns how many ran. */
		pump(n = Infinity) {
			let ran = 0;
			while (queue.length && ran < n) {
				queue.shift()!();
				ran++;
			}
			return ran;
		},
		of: <T extends FromWorker['type']>(type: T) => sent.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type)
	};
}

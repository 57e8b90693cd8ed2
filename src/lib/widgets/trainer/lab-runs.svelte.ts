/**
 * The lab's runs around the worker's current one: earlier runs, thinned, kept on the charts to
 * compare; the current run's label and colour; the message after a load; and the last run, written
 * to the browser's storage so a reload can offer it back. The worker holds only the current run.
 */
import type { TrainingClient } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import type { RunFile } from '$lib/training/run-format';
import type { ChartSeries } from './LineChart.svelte';
import { MAX_COMPARED, RUN_COLOURS, bucketLine, formatInt, runLabel, type Line } from './model';
import { saveLastRun, type StorageLike } from './storage';

export interface PastRun {
	id: number;
	label: string;
	colour: string;
	loss: Line;
	grad: Line;
	last: number | null;
	steps: number;
	ending: string;
}

export class LabRuns {
	compared = $state.raw<PastRun[]>([]);
	colour = $state<string>(RUN_COLOURS[0]);
	label = $state('');
	notice = $state('');

	#client: TrainingClient;
	#comparing: () => boolean;
	#count = 0;
	#saving = false;

	/** `comparing()` is false when the instructor hid the comparison: finished runs are then dropped. */
	constructor(client: TrainingClient, comparing: () => boolean) {
		this.#client = client;
		this.#comparing = comparing;
	}

	/** Keeps the current run (if it trained at all) as an earlier run on the charts. */
	archive(): void {
		const client = this.#client;
		const h = client.history;
		if (!client.config || h.step.length === 0 || !this.#comparing()) return;
		const ending = client.status === 'done' ? 'finished' : client.status === 'error' ? 'diverged' : 'stopped';
		this.compared = [
			...this.compared,
			{
				id: this.#count,
				label: this.label,
				colour: this.colour,
				loss: bucketLine(h.step, h.loss),
				grad: bucketLine(h.step, h.gradNorm),
				last: h.loss[h.loss.length - 1],
				steps: h.step[h.step.length - 1],
				ending
			}
		].slice(-MAX_COMPARED);
	}

	/** Before the client starts a new run of `config`: archives the old one, names the new one. */
	begin(config: TrainConfig): void {
		this.archive();
		this.#count++;
		this.colour = RUN_COLOURS[(this.#count - 1) % RUN_COLOURS.length];
		this.label = runLabel(config);
		this.notice = '';
	}

	/** Carries on from a saved run (paused at its step), saying what happened. */
	resume(run: RunFile, how: string): void {
		this.begin(run.config);
		this.#client.start(run.config, { network: run.network, history: run.history, epoch: run.epoch, paused: true });
		this.notice = `${how} “${run.name}” at step ${formatInt(run.step)}.${run.step < run.config.steps ? ' Press Train to carry on (the optimizer starts afresh).' : ''}`;
	}

	reset(): void {
		this.archive();
		this.#client.reset();
		this.notice = '';
	}

	clear(): void {
		this.compared = [];
	}

	/** The lines of one chart: earlier runs faded, then the current run (once it exists). */
	series(which: 'loss' | 'grad', current: Line): ChartSeries[] {
		const past = this.compared.map((r) => ({ id: `run-${r.id}`, label: r.label, colour: r.colour, faded: true, line: r[which] }));
		const client = this.#client;
		if (client.history.step.length === 0 && client.status === 'idle') return past;
		return [...past, { id: 'current', label: this.label, colour: this.colour, faded: false, line: current }];
	}

	/** Writes the current run to storage as the last run; one snapshot at a time. */
	keepLast(storage: StorageLike | null): void {
		if (this.#saving || !storage || this.#client.step === 0) return;
		this.#saving = true;
		this.#client
			.snapshot(this.label || 'Last run')
			.then((text) => saveLastRun(storage, text))
			.catch(() => undefined)
			.finally(() => (this.#saving = false));
	}
}

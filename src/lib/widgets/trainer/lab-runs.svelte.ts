/**
 * The lab's runs around the worker's current one: earlier runs, thinned, kept on the charts to
 * compare; the current run's label and colour; the message after a load; and the last run, written
 * to the browser's storage so a reload can offer it back. The worker holds only the current run.
 */
import type { TrainingClient } from '$lib/worker/client.svelte';
import type { TaskKind, TrainConfig } from '$lib/worker/protocol';
import type { RunFile } from '$lib/training/run-format';
import type { ChartSeries } from './LineChart.svelte';
import { MAX_COMPARED, RUN_COLOURS, bucketLine, runLabel, type Line, type LrChange } from './model';
import { count } from '$lib/ui/format';
import { keepLastRun, saveLastRun, type StorageLike } from './storage';

export interface PastRun {
	id: number;
	label: string;
	task: TaskKind;
	colour: string;
	loss: Line;
	/** Its validation loss, when it had a validation set. */
	validation: Line | null;
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
	#task: () => TaskKind;
	#count = 0;
	#saving = false;
	/** The current run's configuration as it started, and the learning rates set since. */
	#config: TrainConfig | null = null;
	#lrChanges: LrChange[] = [];
	/** The latest snapshot of a running run, not yet written to storage (see `holdLast`). */
	#held: string | null = null;
	#next: (() => void) | null = null;

	/**
	 * `comparing()` is false when the instructor hid the comparison: finished runs are then
	 * dropped. `task()` is the task on the charts: earlier runs of other tasks are listed apart.
	 */
	constructor(client: TrainingClient, comparing: () => boolean, task: () => TaskKind) {
		this.#client = client;
		this.#comparing = comparing;
		this.#task = task;
	}

	/** Earlier runs of another task than the charts': listed, not drawn (their losses measure something else). */
	get otherTask(): PastRun[] {
		const task = this.#task();
		return this.compared.filter((r) => r.task !== task);
	}

	/** Earlier runs of the charts' task. */
	get sameTask(): PastRun[] {
		const task = this.#task();
		return this.compared.filter((r) => r.task === task);
	}

	/** The learning rate changed to `lr` after `step` steps of the current run: its label says so. */
	lrChanged(step: number, lr: number): void {
		if (!this.#config) return;
		const changes = this.#lrChanges.filter((c) => c.step < step);
		const before = changes.length ? changes[changes.length - 1].lr : this.#config.lr;
		if (before !== lr) changes.push({ step, lr });
		this.#lrChanges = changes;
		this.label = runLabel(this.#config, changes);
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
				task: client.config.task,
				colour: this.colour,
				loss: bucketLine(h.step, h.loss),
				validation: client.validation.step.length ? { x: [...client.validation.step], y: [...client.validation.loss] } : null,
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
		this.#config = { ...config };
		this.#lrChanges = [];
		this.label = runLabel(config);
		this.notice = '';
	}

	/** Carries on from a saved run (paused at its step), saying what happened. */
	resume(run: RunFile, how: string): void {
		this.begin(run.config);
		this.#client.start(run.config, {
			network: run.network,
			history: run.history,
			validation: run.validation,
			earlyStop: run.earlyStop,
			epoch: run.epoch,
			paused: true
		});
		this.notice = `${how} “${run.name}” at step ${count(run.step)}.${run.step < run.config.steps ? ' Press Train to carry on (the optimizer starts afresh).' : ''}`;
	}

	reset(): void {
		this.archive();
		this.#client.reset();
		this.notice = '';
	}

	clear(): void {
		this.compared = [];
	}

	/**
	 * The lines of one chart: earlier runs of the same task faded, then the current run (once it
	 * exists); on the loss chart, each run's validation loss too (dashed).
	 */
	series(which: 'loss' | 'grad', current: Line): ChartSeries[] {
		const out: ChartSeries[] = [];
		for (const r of this.sameTask) {
			out.push({ id: `run-${r.id}`, label: r.label, colour: r.colour, faded: true, line: r[which] });
			if (which === 'loss' && r.validation) {
				out.push({ id: `run-${r.id}-val`, label: `${r.label} (validation)`, colour: r.colour, faded: true, dashed: true, line: r.validation });
			}
		}
		const client = this.#client;
		if (client.history.step.length === 0 && client.status === 'idle') return out;
		out.push({ id: 'current', label: this.label, colour: this.colour, faded: false, line: current });
		const v = client.validation;
		if (which === 'loss' && v.step.length) {
			out.push({ id: 'current-val', label: `${this.label} (validation)`, colour: this.colour, faded: false, dashed: true, line: { x: v.step, y: v.loss } });
		}
		return out;
	}

	/** Writes the current run to storage as the last run; one snapshot at a time. */
	keepLast(storage: StorageLike | null): void {
		this.#snapshot((text) => {
			this.#held = null;
			void keepLastRun(storage, text);
		}, storage);
	}

	/**
	 * While training: asks for a snapshot and keeps it in memory only. Writing a run of a big
	 * network to localStorage blocks the page for tens of milliseconds (hundreds on a slow phone),
	 * so it is written when it matters instead: on pause, stop and finish (`keepLast`) and when
	 * the page is hidden or left (`writeHeld`).
	 */
	holdLast(storage: StorageLike | null): void {
		this.#snapshot((text) => (this.#held = text), storage);
	}

	/** Writes the snapshot `holdLast` kept, if any (synchronous: safe in `pagehide`). */
	writeHeld(storage: StorageLike | null): void {
		if (this.#held === null) return;
		saveLastRun(storage, this.#held);
		this.#held = null;
	}

	#snapshot(then: (text: string) => void, storage: StorageLike | null): void {
		if (!storage || this.#client.step === 0) return;
		// One snapshot at a time; a wish made meanwhile (the final weights) is served right after.
		if (this.#saving) return void (this.#next = () => this.#snapshot(then, storage));
		this.#saving = true;
		this.#client
			.snapshot(this.label || 'Last run')
			.then(then)
			.catch(() => undefined)
			.finally(() => {
				this.#saving = false;
				const next = this.#next;
				this.#next = null;
				next?.();
			});
	}
}

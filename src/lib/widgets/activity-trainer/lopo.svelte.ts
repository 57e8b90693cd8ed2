/**
 * Leave-one-person-out, run from the page: the folds train one after another in a training worker
 * of their own (quiet runs: judged once, at their end), each finished fold is kept in this browser
 * at once, and a stopped or reloaded run carries on with the folds still missing. The folds'
 * networks are not kept: the trainer's saved network (the one the recorder uses) stays untouched.
 *
 * Nothing here runs effects: the component calls `observe()` when the client's status changes and
 * `show(config)` when its settings change, so Node tests drive the same logic by hand.
 */
import { TrainingClient } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import { browserStorage, findRun, keepRun, type StorageLike } from '$lib/widgets/saved-runs';
import { FOLDS, LOPO_KEPT, LOPO_STORE, doneCount, emptyFolds, foldConfig, foldOf, lopoTimeLeft, nextFold, readFolds, type Folds } from './lopo';

export type LopoPhase = 'idle' | 'queued' | 'running' | 'stopped' | 'done' | 'error';

export interface LopoOptions {
	client?: TrainingClient;
	storage?: () => StorageLike | null;
	/** Milliseconds, monotonic. */
	now?: () => number;
}

export class LeaveOneOut {
	readonly client: TrainingClient;
	/** The base configuration the folds on show belong to. */
	config = $state.raw<TrainConfig | null>(null);
	folds = $state.raw<Folds>(emptyFolds());
	/** The fold training now, or null. */
	current = $state<number | null>(null);
	#phase = $state<'idle' | 'running' | 'stopped' | 'done' | 'error'>('idle');
	error = $state<string | null>(null);
	/** When the folds on show were last kept, if they came from storage. */
	savedAt = $state<string | null>(null);
	#storage: () => StorageLike | null;
	#now: () => number;
	#foldStarted = 0;
	/** The current fold's clock starts when it gets a core, not while it waits for one. */
	#clockRunning = false;
	#foldSeconds: number[] = [];

	constructor(options: LopoOptions = {}) {
		this.client = options.client ?? new TrainingClient();
		this.#storage = options.storage ?? browserStorage;
		this.#now = options.now ?? (() => performance.now());
	}

	get phase(): LopoPhase {
		return this.#phase === 'running' && this.client.queued ? 'queued' : this.#phase;
	}

	get running(): boolean {
		return this.#phase === 'running';
	}

	get done(): number {
		return doneCount(this.folds);
	}

	/** Shows the folds kept for `config` (nothing while running: the running folds stay on show). */
	show(config: TrainConfig): void {
		if (this.running) return;
		if (this.config && JSON.stringify(this.config) === JSON.stringify(config)) return;
		this.config = config;
		const found = findRun(this.#storage(), LOPO_STORE, config);
		this.folds = found ? readFolds(found.data) : emptyFolds();
		this.savedAt = found?.savedAt ?? null;
		this.error = null;
		this.#phase = this.done === FOLDS ? 'done' : this.done > 0 ? 'stopped' : 'idle';
	}

	/** Trains the folds still missing for `config`. */
	start(config: TrainConfig): void {
		if (this.running) return;
		this.show(config);
		this.#foldSeconds = [];
		this.#next();
	}

	stop(): void {
		if (!this.running) return;
		this.client.stop();
		this.current = null;
		this.#phase = 'stopped';
	}

	dispose(): void {
		this.client.dispose();
	}

	/** Reacts to the client: a finished fold is kept and the next one started; an error stops. */
	observe(): void {
		if (!this.running || this.current === null) return;
		const client = this.client;
		if (client.status === 'running' && !this.#clockRunning) {
			this.#clockRunning = true;
			this.#foldStarted = this.#now();
		}
		if (client.status === 'error') {
			this.error = client.error;
			this.current = null;
			this.#phase = 'error';
			return;
		}
		// A quiet run's only evaluation comes just before its end (of the weights it ends with, which
		// may be an earlier epoch's when the setup keeps the best one).
		const report = client.evaluation?.steps;
		const held = client.config?.perStep?.heldOut;
		if (client.status !== 'done' || !report || held !== this.current) return;
		const folds = [...this.folds];
		folds[held] = foldOf(held, report);
		this.folds = folds;
		this.#foldSeconds.push((this.#now() - this.#foldStarted) / 1000);
		const savedAt = new Date().toISOString();
		if (this.config) void keepRun(this.#storage(), LOPO_STORE, this.config, { folds }, savedAt, LOPO_KEPT).then((kept) => kept && (this.savedAt = savedAt));
		this.#next();
	}

	/** Seconds until every fold is done, or null while unknown. */
	timeLeft(now = this.#now()): number | null {
		if (!this.running || this.current === null) return null;
		const measured = this.#foldSeconds.length ? this.#foldSeconds.reduce((a, b) => a + b, 0) / this.#foldSeconds.length : null;
		const budget = this.client.config?.steps ?? this.config?.steps ?? 0;
		return lopoTimeLeft({
			foldsLeft: FOLDS - this.done,
			step: this.client.step,
			budget,
			updatesPerSec: this.client.stepsPerSec,
			secondsPerFold: measured,
			elapsedInFold: (now - this.#foldStarted) / 1000
		});
	}

	#next(): void {
		const k = nextFold(this.folds);
		if (k === null || !this.config) {
			this.current = null;
			this.#phase = k === null ? 'done' : 'idle';
			return;
		}
		this.current = k;
		this.error = null;
		this.#phase = 'running';
		this.#foldStarted = this.#now();
		this.#clockRunning = false;
		this.client.start(foldConfig(this.config, k), { quiet: true });
	}
}

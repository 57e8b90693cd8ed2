/**
 * One widget's training run, wired once for every widget that trains in the worker: the client
 * (its worker started by the first run, disposed on destroy), the run kept in the browser (saved when it finishes,
 * stops or pauses; brought back on load and when the settings return to a configuration trained
 * before), the Train / Pause / Resume / Train again button with its guard against double clicks,
 * and the status words (queued runs wait for a free core, a run of other settings is stale).
 *
 * Create it while the component initialises (it sets up effects):
 *
 *   const run = new TrainingRun({ widget: 'forecaster', config: () => config, usable: () => split.ok });
 *   <button onclick={(e) => run.toggle(e)}>{run.actionLabel}</button> <span>{run.statusWord()}</span>
 */
import { untrack } from 'svelte';
import { TrainingClient, type RunStatus } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import { keepClientRun, restoreClientRun } from '$lib/widgets/saved-runs';

/** Where a run is, as a student sees it: `queued` is a started run waiting for a free core. */
export type RunPhase = RunStatus | 'queued';

export type StatusWords = Record<RunPhase, string>;

/** Words for a widget's one run, as a sentence on their own. */
export const STATUS_WORDS: StatusWords = {
	idle: 'Not trained yet',
	queued: 'Waiting for a free core',
	starting: 'Starting…',
	running: 'Training',
	paused: 'Paused',
	done: 'Trained',
	stopped: 'Stopped',
	error: 'Stopped by an error'
};

/** Words for one run among several, in a table cell. */
export const RUN_STATUS_WORDS: StatusWords = {
	idle: 'not started',
	queued: 'waiting for a free core',
	starting: 'starting…',
	running: 'training',
	paused: 'paused',
	done: 'finished',
	stopped: 'stopped',
	error: 'error'
};

/**
 * The second click of a double click (`detail` 2 or more): a button that turns from Train into
 * Pause under the pointer would undo the first click. Keys and programmatic clicks give 0.
 */
export function isRepeatClick(event?: MouseEvent | Event): boolean {
	return ((event as MouseEvent | undefined)?.detail ?? 0) > 1;
}

export function phaseOf(client: TrainingClient): RunPhase {
	return client.queued ? 'queued' : client.status;
}

export interface TrainingRunOptions {
	/** The configuration the widget's settings describe now. */
	config: () => TrainConfig;
	/** Keep the run in the browser under this widget name (omit to keep nothing). */
	widget?: string;
	/** False while the settings cannot train (a bad text or series); nothing starts or restores then. */
	usable?: () => boolean;
	/** Runs just before a fresh start (e.g. telling the client the forecast horizon). */
	beforeStart?: () => void;
	/** True when the widget should start training once mounted (its `autostart=1`), not restore a kept run. */
	autostart?: () => boolean;
	/** For tests: a client with a fake worker. */
	client?: TrainingClient;
}

export class TrainingRun {
	readonly client: TrainingClient;
	/** When the run on show was saved, if it came back from the browser (null once trained on). */
	restoredAt = $state<string | null>(null);
	#options: TrainingRunOptions;
	/** The widget's configuration as JSON: what a run is compared and kept by. */
	configKey = $derived.by(() => JSON.stringify(this.#options.config()));
	/** Training or about to (waiting for a core counts). */
	running = $derived.by(() => this.client.status === 'running' || this.client.status === 'starting');
	/** A run exists (in any state but idle). */
	trained = $derived.by(() => this.client.config !== null && this.client.status !== 'idle');
	/** The run on show was trained with other settings than the widget's now. */
	stale = $derived.by(() => this.trained && JSON.stringify(this.client.config) !== this.configKey);

	constructor(options: TrainingRunOptions) {
		this.#options = options;
		const client = (this.client = options.client ?? new TrainingClient());
		// An effect, not onMount, so the helper also lives in an `$effect.root` (tests); it runs
		// after mount, never during server rendering. The worker itself starts with the first run
		// (the client connects on its first message), so a page nobody trains on never loads it.
		$effect(() => {
			untrack(() => {
				// Before the restore below looks: a running client is never replaced by a kept run.
				if (options.autostart?.()) this.start();
			});
			return () => client.dispose();
		});
		const widget = options.widget;
		if (widget === undefined) return;
		$effect(() => {
			const status = client.status;
			if ((status === 'done' || status === 'stopped' || status === 'paused') && this.restoredAt === null) untrack(() => void keepClientRun(client, widget));
		});
		$effect(() => {
			const wanted = this.configKey;
			untrack(() => {
				if (!this.#usable() || this.running || (client.status !== 'idle' && JSON.stringify(client.config) === wanted)) return;
				void restoreClientRun(client, widget, options.config(), (at) => {
					if (this.configKey !== wanted || this.running) return false;
					this.restoredAt = at;
					return true;
				});
			});
		});
	}

	#usable(): boolean {
		return this.#options.usable?.() ?? true;
	}


	get phase(): RunPhase {
		return phaseOf(this.client);
	}

	statusWord(words: StatusWords = STATUS_WORDS): string {
		return words[this.phase];
	}

	/** The main button's label: Pause, Resume (a paused run of these settings), Train again or Train. */
	get actionLabel(): string {
		if (this.running) return 'Pause';
		if (this.client.status === 'paused' && !this.stale) return 'Resume';
		return this.trained ? 'Train again' : 'Train';
	}

	/** The main button: pauses a running run, resumes a paused one of these settings, or trains afresh. */
	toggle(event?: MouseEvent | Event): void {
		if (isRepeatClick(event)) return;
		if (this.running) return this.client.pause();
		// Training on (resumed or afresh) makes a run of the student's to keep again.
		if (this.client.status === 'paused' && !this.stale) {
			this.restoredAt = null;
			return this.client.resume();
		}
		this.start();
	}

	/** A fresh run of the widget's configuration (nothing when the settings cannot train). */
	start(event?: MouseEvent | Event): void {
		if (isRepeatClick(event) || !this.#usable()) return;
		this.restoredAt = null;
		this.#options.beforeStart?.();
		this.client.start(this.#options.config());
	}

	stop(event?: MouseEvent | Event): void {
		if (isRepeatClick(event)) return;
		this.client.stop();
	}
}

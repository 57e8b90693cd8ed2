/**
 * Several runs a widget trains side by side (the long-lag, depth and cell-race comparisons), wired
 * once: one `TrainingRun` per run (its own worker; on a 2-core machine they take turns, see
 * `trainingThreads`), one Start / Stop pair with the double-click guard, "the settings changed"
 * against the runs on show, and, with `widget`, the runs kept in the browser together once all
 * have their final result and brought back on load or when the settings return to them.
 *
 * Create it while the component initialises (it sets up effects):
 *
 *   const race = new TrainingRuns({ ids: ['rnn', 'lstm'], specs: () => runsOf(values) });
 *   <button onclick={(e) => race.start(e)}>Start</button> {race.statusWord('rnn')}
 */
import { untrack } from 'svelte';
import type { TrainingClient } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import { findClientRuns, keepClientRuns } from '$lib/widgets/saved-runs';
import { RUN_STATUS_WORDS, TrainingRun, isRepeatClick, phaseOf, type RunPhase, type StatusWords } from './training-run.svelte';

export interface RunSpecOf<Id extends string> {
	id: Id;
	config: TrainConfig;
}

/** What came back from the browser: when it was kept and the fields kept beside the runs. */
export interface RestoredRuns {
	savedAt: string;
	extra: Record<string, unknown>;
}

export interface TrainingRunsOptions<Id extends string> {
	ids: readonly Id[];
	/** The runs the widget's settings describe now, one per id. */
	specs: () => readonly RunSpecOf<Id>[];
	/** Keep the runs together in the browser under this widget name (omit to keep nothing). */
	widget?: string;
	/** When a run has its final result (what keeping waits for); default: finished and evaluated at its last step. */
	final?: (client: TrainingClient) => boolean;
	/** Fields kept beside the runs (e.g. speeds seen while training). */
	extra?: () => Record<string, unknown>;
	/** Runs on every start of fresh runs, before the clients start. */
	onStart?: () => void;
	/** Runs when kept runs come back, before they are loaded into the workers. */
	onRestore?: (found: RestoredRuns) => void;
	/** For tests: clients with fake workers. */
	clients?: Partial<Record<Id, TrainingClient>>;
}

/** Finished (done or stopped) and evaluated at the step it reached: the worker evaluates once more at the end. */
export function hasFinalResult(client: TrainingClient): boolean {
	return (client.status === 'done' || client.status === 'stopped') && client.evaluation?.step === client.step;
}

export class TrainingRuns<Id extends string> {
	readonly ids: readonly Id[];
	readonly runs: Record<Id, TrainingRun>;
	readonly clients: Record<Id, TrainingClient>;
	/** The configurations of the runs on show (null before the first start or restore). */
	shownKey = $state<string | null>(null);
	/** When the runs on show were kept, if they came back from the browser (null once trained afresh). */
	restoredAt = $state<string | null>(null);
	#options: TrainingRunsOptions<Id>;
	/** Bumped by every start and restore: the runs on show are kept once per showing. */
	#showing = $state(0);
	#kept = -1;

	/** The configurations the settings describe now, as JSON. */
	key = $derived.by(() => JSON.stringify(this.#options.specs().map((spec) => spec.config)));
	/** Any run is training, paused or waiting for a core. */
	active = $derived.by(() => this.ids.some((id) => this.clients[id].active));
	/** The first error of any run. */
	failed = $derived.by(() => this.ids.map((id) => this.clients[id].error).find((e) => e !== null) ?? null);
	/** The settings are not those of the runs on show. */
	changed = $derived.by(() => this.shownKey !== null && this.shownKey !== this.key);
	/** Every run has its final result. */
	allFinal = $derived.by(() => this.ids.every((id) => this.final(id)));

	constructor(options: TrainingRunsOptions<Id>) {
		this.#options = options;
		this.ids = options.ids;
		const specOf = (id: Id) => options.specs().find((spec) => spec.id === id)!;
		this.runs = Object.fromEntries(options.ids.map((id) => [id, new TrainingRun({ config: () => specOf(id).config, client: options.clients?.[id] })])) as Record<Id, TrainingRun>;
		this.clients = Object.fromEntries(options.ids.map((id) => [id, this.runs[id].client])) as Record<Id, TrainingClient>;
		const widget = options.widget;
		if (widget === undefined) return;
		$effect(() => {
			const showing = this.#showing;
			if (this.restoredAt !== null || this.shownKey === null || this.#kept === showing || !this.allFinal) return;
			this.#kept = showing;
			untrack(() => void keepClientRuns(this.clients, widget, options.extra?.() ?? {}));
		});
		$effect(() => {
			const key = this.key;
			untrack(() => {
				if (!this.active && (this.shownKey === null || this.changed)) void this.#restore(widget, key);
			});
		});
	}

	/** The run has its final result (the widget's rule, or finished and evaluated at its last step). */
	final(id: Id): boolean {
		return (this.#options.final ?? hasFinalResult)(this.clients[id]);
	}

	phase(id: Id): RunPhase {
		return phaseOf(this.clients[id]);
	}

	statusWord(id: Id, words: StatusWords = RUN_STATUS_WORDS): string {
		return words[this.phase(id)];
	}

	/** Fresh runs of the settings now, all at once (the second click of a double click is ignored). */
	start(event?: MouseEvent | Event): void {
		if (isRepeatClick(event)) return;
		this.shownKey = this.key;
		this.restoredAt = null;
		this.#showing++;
		this.#options.onStart?.();
		for (const id of this.ids) this.runs[id].start();
	}

	stop(event?: MouseEvent | Event): void {
		if (isRepeatClick(event)) return;
		for (const id of this.ids) this.runs[id].stop();
	}

	// A run stopped early comes back with its budget cut to the step it reached, so it reports as
	// done there; the workers evaluate the runs again.
	async #restore(widget: string, key: string): Promise<void> {
		const specs = this.#options.specs();
		const found = await findClientRuns(widget, specs);
		if (!found || found.runs.some((run) => run.step === 0) || key !== this.key || this.active) return;
		this.shownKey = key;
		this.restoredAt = found.savedAt;
		this.#showing++;
		this.#options.onRestore?.({ savedAt: found.savedAt, extra: found.extra });
		specs.forEach((spec, i) => {
			const run = found.runs[i];
			const config = run.step < spec.config.steps ? { ...spec.config, steps: run.step } : spec.config;
			this.clients[spec.id].start(config, { network: run.network, history: run.history, epoch: run.epoch, paused: true });
		});
	}
}

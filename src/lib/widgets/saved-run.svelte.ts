/**
 * One training widget's run kept in the browser (see `saved-runs.ts`): saved when it finishes,
 * stops or pauses, and brought back into the worker on load and whenever the settings return to a
 * configuration trained before. Create it while the component initialises (it sets up effects).
 */
import { untrack } from 'svelte';
import type { TrainingClient } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import { keepClientRun, restoreClientRun } from './saved-runs';

const busy = (client: TrainingClient) => client.status === 'running' || client.status === 'starting';

export class SavedRun {
	/** When the run on show was saved, if it came back from the browser (null once retrained). */
	restoredAt = $state<string | null>(null);

	/**
	 * `key` is the configuration as JSON (the effect follows it), `config` the configuration itself,
	 * `usable` false while the settings cannot train (a bad text or series).
	 */
	constructor(client: TrainingClient, widget: string, key: () => string, config: () => TrainConfig, usable: () => boolean) {
		$effect(() => {
			const status = client.status;
			if ((status === 'done' || status === 'stopped' || status === 'paused') && this.restoredAt === null) untrack(() => void keepClientRun(client, widget));
		});
		$effect(() => {
			const wanted = key();
			untrack(() => {
				if (!usable() || busy(client) || (client.status !== 'idle' && JSON.stringify(client.config) === wanted)) return;
				void restoreClientRun(client, widget, config(), (at) => {
					if (key() !== wanted || busy(client)) return false;
					this.restoredAt = at;
					return true;
				});
			});
		});
	}
}

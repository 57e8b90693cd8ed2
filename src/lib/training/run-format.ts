/**
 * The run file's shape and limits, without the engine, so the page can know them without loading
 * it. Reading a file (`parseRunFile` in `run-file.ts`) checks the weights with the engine; the
 * page loads that reader only when it reads a run (see `readRunFile` in the trainer's storage.ts).
 */
import type { NetworkJSON } from '$lib/engine';
import type { EarlyStop, TrainConfig, ValidationHistory } from '$lib/worker/protocol';
import type { History } from './session';

export const RUN_FORMAT = 'unrolled-run/1';
/** Points a saved history keeps at most (longer ones are averaged into buckets). */
export const MAX_SAVED_POINTS = 2000;
/** Largest file accepted, in characters (a 128-unit LSTM on a large vocabulary is about 3 MB). */
export const MAX_RUN_FILE_CHARS = 20_000_000;

export interface RunFile {
	format: typeof RUN_FORMAT;
	name: string;
	/** ISO date and time. */
	savedAt: string;
	config: TrainConfig;
	/** Training steps done. */
	step: number;
	epoch: number;
	history: History;
	/** Validation losses, when the run held out a validation set (absent in older files). */
	validation?: ValidationHistory;
	/** Where early stopping ended the run; `network` then holds the weights of its best step. */
	earlyStop?: EarlyStop;
	network: NetworkJSON;
}

export type ParsedRun = { ok: true; run: RunFile } | { ok: false; message: string };

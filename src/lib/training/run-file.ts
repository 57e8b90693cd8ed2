/**
 * A run as a file: `{ format: 'unrolled-run/1', name, savedAt, config, step, epoch, history,
 * network }`, for localStorage and for export/import. Reading one checks everything — the format,
 * the configuration, the history and that the weights fit the configuration — before anything is
 * used, and explains what is wrong; a broken or foreign file changes nothing.
 */
import type { EarlyStop, TrainConfig, ValidationHistory } from '$lib/worker/protocol';
import { MAX_RUN_FILE_CHARS, MAX_SAVED_POINTS, RUN_FORMAT, type ParsedRun, type RunFile } from './run-format';
import { LAB_LIMITS, TrainingError, checkConfig, show } from './config';
import { networkForConfig } from './network';
import type { History, Session } from './session';
import { toJSON, type NetworkJSON } from '$lib/engine';

// The format, limits and types live in run-format.ts (the page's engine-free side); re-exported here.
export { MAX_RUN_FILE_CHARS, MAX_SAVED_POINTS, RUN_FORMAT, type ParsedRun, type RunFile };

/**
 * A history with at most `max` points: consecutive steps are averaged in equal buckets, each
 * point placed at its bucket's last step. Shorter histories are copied unchanged.
 */
export function downsampleHistory(history: History, max = MAX_SAVED_POINTS): History {
	const n = history.step.length;
	if (n <= max) return { step: [...history.step], loss: [...history.loss], gradNorm: [...history.gradNorm] };
	const out: History = { step: [], loss: [], gradNorm: [] };
	for (let b = 0; b < max; b++) {
		const from = Math.floor((b * n) / max);
		const to = Math.floor(((b + 1) * n) / max);
		let loss = 0;
		let grad = 0;
		for (let i = from; i < to; i++) {
			loss += history.loss[i];
			grad += history.gradNorm[i];
		}
		out.step.push(history.step[to - 1]);
		out.loss.push(loss / (to - from));
		out.gradNorm.push(grad / (to - from));
	}
	return out;
}

/** The session as a run file (weights through the engine's `toJSON`). */
export function runFileOf(session: Session, name: string, savedAt = new Date().toISOString()): RunFile {
	return {
		format: RUN_FORMAT,
		name: name.slice(0, 100),
		savedAt,
		config: { ...session.config, lr: session.lr },
		step: session.step,
		epoch: session.epoch,
		history: downsampleHistory(session.history),
		...(session.validation.step.length
			? { validation: { step: session.validation.step.slice(-MAX_SAVED_POINTS), loss: session.validation.loss.slice(-MAX_SAVED_POINTS) } }
			: {}),
		...(session.earlyStop ? { earlyStop: { ...session.earlyStop } } : {}),
		network: toJSON(session.network)
	};
}

export function serializeRunFile(run: RunFile): string {
	return JSON.stringify(run);
}

function fail(message: string): never {
	throw new TrainingError(message);
}

function checkHistory(value: unknown, steps: number): History {
	if (typeof value !== 'object' || value === null) fail('The run has no loss history (expected { step, loss, gradNorm }).');
	const h = value as Record<string, unknown>;
	const lists = (['step', 'loss', 'gradNorm'] as const).map((name) => {
		const list = h[name];
		if (!Array.isArray(list)) fail(`The history's “${name}” must be a list of numbers.`);
		return list as unknown[];
	});
	const [step, loss, gradNorm] = lists;
	if (loss.length !== step.length || gradNorm.length !== step.length) {
		fail(`The history's lists differ in length (step ${step.length}, loss ${loss.length}, gradNorm ${gradNorm.length}).`);
	}
	if (step.length > LAB_LIMITS.steps.max) fail(`The history has ${step.length} points; at most ${LAB_LIMITS.steps.max} are allowed.`);
	let previous = 0;
	for (let i = 0; i < step.length; i++) {
		const s = step[i];
		if (typeof s !== 'number' || !Number.isInteger(s) || s <= previous || s > steps) {
			fail(`History point ${i + 1} has step ${JSON.stringify(s)}; steps must be whole numbers that increase, up to ${steps}.`);
		}
		previous = s;
		for (const [name, list] of [['loss', loss], ['gradNorm', gradNorm]] as const) {
			const v = list[i];
			if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
				fail(`History point ${i + 1} has ${name} ${JSON.stringify(v)}; it must be a finite number of at least 0.`);
			}
		}
	}
	return { step: step as number[], loss: loss as number[], gradNorm: gradNorm as number[] };
}

function checkValidation(value: unknown, step: number): ValidationHistory | undefined {
	if (value === undefined) return undefined;
	const v = value as Record<string, unknown> | null;
	if (typeof v !== 'object' || v === null || !Array.isArray(v.step) || !Array.isArray(v.loss) || v.step.length !== v.loss.length) {
		fail('The run\'s validation history must be { step, loss }: two lists of numbers of the same length.');
	}
	if (v.step.length > MAX_SAVED_POINTS) fail(`The validation history has ${v.step.length} points; at most ${MAX_SAVED_POINTS} are allowed.`);
	let previous = -1;
	v.step.forEach((s: unknown, i: number) => {
		const loss = (v.loss as unknown[])[i];
		if (typeof s !== 'number' || !Number.isInteger(s) || s <= previous || s > step) {
			fail(`Validation point ${i + 1} has step ${JSON.stringify(s)}; steps must be whole numbers that increase, up to the run's step ${step}.`);
		}
		if (typeof loss !== 'number' || !Number.isFinite(loss) || loss < 0) {
			fail(`Validation point ${i + 1} has loss ${JSON.stringify(loss)}; it must be a finite number of at least 0.`);
		}
		previous = s;
	});
	return { step: [...(v.step as number[])], loss: [...(v.loss as number[])] };
}

function checkEarlyStop(value: unknown, step: number): EarlyStop | undefined {
	if (value === undefined) return undefined;
	const e = value as Record<string, unknown> | null;
	const whole = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
	if (typeof e !== 'object' || e === null || e.step !== step || !whole(e.bestStep) || (e.bestStep as number) > step || typeof e.bestLoss !== 'number' || !Number.isFinite(e.bestLoss)) {
		fail(`The run's early stop must be { step, bestStep, bestLoss } with step ${step} (the run's) and bestStep at most that.`);
	}
	return { step, bestStep: e.bestStep as number, bestLoss: e.bestLoss as number };
}

/** Reads and fully validates a run file. Never throws: a problem comes back as a message. */
export function parseRunFile(text: unknown): ParsedRun {
	try {
		if (typeof text !== 'string') fail('A run file must be text (JSON).');
		if (text.length > MAX_RUN_FILE_CHARS) {
			fail(`The file is too large (${(text.length / 1e6).toFixed(1)} MB); a run file is at most ${MAX_RUN_FILE_CHARS / 1e6} MB.`);
		}
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			fail(`This file is not a run file: it is not valid JSON (${(error as Error).message}).`);
		}
		return parseRunValue(value);
	} catch (error) {
		if (error instanceof TrainingError) return { ok: false, message: error.message };
		return { ok: false, message: `The run cannot be read: ${(error as Error).message}` };
	}
}

/** `parseRunFile` for a run already parsed from JSON (one kept in the browser's storage). */
export function parseRunValue(value: unknown): ParsedRun {
	try {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('This file is not a run file: expected a JSON object.');
		const raw = value as Record<string, unknown>;
		if (raw.format !== RUN_FORMAT) {
			fail(
				raw.format === undefined
					? `This file is not an Unrolled run: it has no “format” (expected “${RUN_FORMAT}”).`
					: `This file is not an Unrolled run: its format is ${JSON.stringify(raw.format).slice(0, 60)}, expected “${RUN_FORMAT}”.`
			);
		}
		const name = typeof raw.name === 'string' ? raw.name.slice(0, 100) : 'Imported run';
		const savedAt = typeof raw.savedAt === 'string' && !Number.isNaN(Date.parse(raw.savedAt)) ? raw.savedAt : new Date(0).toISOString();
		let config: TrainConfig;
		try {
			config = checkConfig(raw.config);
		} catch (error) {
			fail(`The run's configuration is not valid: ${(error as Error).message}`);
		}
		const step = raw.step;
		if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > config.steps) {
			fail(`The run's step count is ${show(step)}; it must be a whole number from 0 to its budget, ${config.steps}.`);
		}
		const epoch = typeof raw.epoch === 'number' && Number.isFinite(raw.epoch) && raw.epoch >= 0 ? raw.epoch : 0;
		const history = checkHistory(raw.history, config.steps);
		if (history.step.length && history.step[history.step.length - 1] !== step) {
			fail(`The history ends at step ${history.step[history.step.length - 1]}, but the run says it is at step ${step}.`);
		}
		const validation = checkValidation(raw.validation, step);
		const earlyStop = checkEarlyStop(raw.earlyStop, step);
		networkForConfig(raw.network, config);
		return {
			ok: true,
			run: {
				format: RUN_FORMAT,
				name,
				savedAt,
				config,
				step,
				epoch,
				history,
				...(validation ? { validation } : {}),
				...(earlyStop ? { earlyStop } : {}),
				network: raw.network as NetworkJSON
			}
		};
	} catch (error) {
		if (error instanceof TrainingError) return { ok: false, message: error.message };
		return { ok: false, message: `The run cannot be read: ${(error as Error).message}` };
	}
}

/**
 * The page's side of the training worker: a small reactive class. Progress arrives as fast as the
 * worker trains; it is buffered and applied once per animation frame, so a fast run cannot flood
 * the main thread with updates. The worker is created by the first message the client sends (or by
 * `connect()`; never during server rendering), so a page loads it only once someone trains, and
 * terminated by `dispose()`.
 */
import type { EarlyStop, Evaluation, FromWorker, GenerateOptions, Generated, PointBatch, Progress, TaskInfo, ToWorker, TrainConfig, ValidationHistory } from './protocol';
import type { History } from '$lib/training/session';
import type { LayerGradientReport } from '$lib/engine/layer-gradients';
import { coalescedFrames, createCoalescer, type Coalescer, type FrameScheduler } from './coalesce';

export interface WorkerLike {
	postMessage(message: ToWorker): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

export interface StartOptions {
	network?: unknown;
	history?: History;
	validation?: ValidationHistory;
	earlyStop?: EarlyStop;
	epoch?: number;
	paused?: boolean;
	/** Evaluate only when the run ends or pauses (see the `start` message). */
	quiet?: boolean;
}

/** A request waiting for the worker's answer (see `#ask`). */
interface Request {
	kind: 'snapshot' | 'gradients' | 'generate';
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
}

/** Counters of all runs on the page follow together, in one frame at most every 200 ms. */
const PROGRESS_INTERVAL_MS = 200;
const progressFrames = coalescedFrames(PROGRESS_INTERVAL_MS);

/**
 * Training threads that may run at once. One core is left to the page: on a 2-core phone three
 * busy workers (the long-lag comparison) would stretch every main-thread task past 50 ms. Runs
 * beyond the limit wait their turn, in order, with the status 'starting'. Outside a browser
 * (unit tests) there is no limit.
 */
const training = new Set<TrainingClient>();
export const trainingThreads = {
	max: typeof navigator === 'undefined' || !navigator.hardwareConcurrency ? Infinity : Math.max(1, navigator.hardwareConcurrency - 1),
	/** Runs holding a thread now. */
	get running(): number {
		return training.size;
	}
};
const queue: { owner: TrainingClient; go: () => void }[] = [];

/** Runs `go` now if a thread is free, or when one frees; a later claim by the same owner replaces it. */
function claimThread(owner: TrainingClient, go: () => void): void {
	releaseThread(owner, false);
	queue.push({ owner, go });
	owner.queued = true;
	pumpThreads();
}

function releaseThread(owner: TrainingClient, pump = true): void {
	training.delete(owner);
	owner.queued = false;
	const index = queue.findIndex((entry) => entry.owner === owner);
	if (index >= 0) queue.splice(index, 1);
	if (pump) pumpThreads();
}

function pumpThreads(): void {
	while (training.size < trainingThreads.max && queue.length > 0) {
		const next = queue.shift()!;
		next.owner.queued = false;
		training.add(next.owner);
		next.go();
	}
}

/** Charts of all runs on the page follow together, a few times a second (see `revision`). */
const CHART_INTERVAL_MS = 400;
const chartUpdates = createCoalescer(CHART_INTERVAL_MS, undefined, { ownTask: true });

export function createTrainerWorker(): WorkerLike {
	return new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'unrolled-trainer' }) as unknown as WorkerLike;
}

export class TrainingClient {
	status = $state<RunStatus>('idle');
	/** Started, but waiting for a free thread (see `trainingThreads`). */
	queued = $state(false);
	step = $state(0);
	epoch = $state(0);
	loss = $state<number | null>(null);
	gradNorm = $state<number | null>(null);
	stepsPerSec = $state(0);
	/** The speed last reported for this run; kept when it ends (a short run may end before the page's next frame). */
	lastStepsPerSec = $state(0);
	/** The running configuration (the step budget is `config.steps`). */
	config = $state.raw<TrainConfig | null>(null);
	info = $state.raw<TaskInfo | null>(null);
	evaluation = $state.raw<Evaluation | null>(null);
	error = $state<string | null>(null);
	/** Where early stopping ended the run (the evaluation then tests the best step's weights), or null. */
	earlyStop = $state.raw<EarlyStop | null>(null);
	/**
	 * Bumped when `history` has grown (read `history` to depend on it): at most every 400 ms
	 * while training, for all clients of the page in the same task (not the frame that updates
	 * the counters), so charts redraw a few times a second (once for several runs) while the
	 * counters follow at most every 200 ms (see `coalescedFrames`).
	 */
	revision = $state(0);

	#history: History = { step: [], loss: [], gradNorm: [] };
	#validation: ValidationHistory = { step: [], loss: [] };
	#pending: PointBatch[] = [];
	#pendingValidation: ValidationHistory[] = [];
	#latest: Progress | null = null;
	#frame: number | null = null;
	#bump = () => {
		this.revision++;
	};
	#worker: WorkerLike | null = null;
	#run = 0;
	#nextRequest = 1;
	#temperature = 1;
	#horizon = 0;
	#requests = new Map<number, Request>();
	#makeWorker: () => WorkerLike;
	#frames: FrameScheduler;
	#charts: Coalescer;

	constructor(makeWorker: () => WorkerLike = createTrainerWorker, frames: FrameScheduler = progressFrames, charts: Coalescer = chartUpdates) {
		this.#makeWorker = makeWorker;
		this.#frames = frames;
		this.#charts = charts;
	}

	/** Every step of the current run (only the latest run; earlier ones are the page's to keep). */
	get history(): History {
		void this.revision;
		return this.#history;
	}

	/** Validation losses of the current run (empty without a validation set); read like `history`. */
	get validation(): ValidationHistory {
		void this.revision;
		return this.#validation;
	}

	get active(): boolean {
		return this.status === 'running' || this.status === 'paused' || this.status === 'starting';
	}

	/** Creates the worker now (the first message creates it otherwise). */
	connect(): void {
		if (this.#worker) return;
		let worker: WorkerLike;
		try {
			worker = this.#makeWorker();
		} catch (error) {
			this.#fail(`The training worker could not start (${(error as Error).message}). Reload the page to try again.`);
			return;
		}
		this.#worker = worker;
		worker.onmessage = (event) => this.#receive(event.data);
		worker.onerror = (event) => {
			event.preventDefault?.();
			this.#fail(`The training worker stopped unexpectedly${event.message ? ` (${event.message})` : ''}. Press Reset to start again.`);
			this.#worker?.terminate();
			this.#worker = null;
		};
	}

	dispose(): void {
		releaseThread(this);
		this.#charts.cancel(this.#bump);
		if (this.#frame !== null) this.#frames.cancel(this.#frame);
		this.#frame = null;
		this.#worker?.terminate();
		this.#worker = null;
		for (const waiting of this.#requests.values()) waiting.reject(new Error('The lab was closed.'));
		this.#requests.clear();
	}

	#send(message: ToWorker): void {
		if (!this.#worker) this.connect();
		this.#worker?.postMessage(message);
	}

	/** Starts a new run (forgetting the current one's history unless `options.history` is given). */
	start(config: TrainConfig, options: StartOptions = {}): void {
		const wasTraining = training.has(this);
		this.#run++;
		if (this.#frame !== null) this.#frames.cancel(this.#frame);
		this.#frame = null;
		this.#pending = [];
		this.#pendingValidation = [];
		this.#latest = null;
		const h = options.history;
		this.#history = h ? { step: [...h.step], loss: [...h.loss], gradNorm: [...h.gradNorm] } : { step: [], loss: [], gradNorm: [] };
		const v = options.validation;
		this.#validation = v ? { step: [...v.step], loss: [...v.loss] } : { step: [], loss: [] };
		this.earlyStop = null;
		const last = this.#history.step.length - 1;
		this.step = last >= 0 ? this.#history.step[last] : 0;
		this.loss = last >= 0 ? this.#history.loss[last] : null;
		this.gradNorm = last >= 0 ? this.#history.gradNorm[last] : null;
		this.epoch = options.epoch ?? 0;
		this.stepsPerSec = 0;
		this.lastStepsPerSec = 0;
		this.evaluation = null;
		this.info = null;
		this.error = null;
		this.config = { ...config };
		this.status = options.paused ? 'paused' : 'starting';
		this.revision++;
		const message: ToWorker = {
			type: 'start',
			run: this.#run,
			config: { ...config },
			network: options.network,
			history: h ? { step: [...h.step], loss: [...h.loss], gradNorm: [...h.gradNorm] } : undefined,
			validation: v ? { step: [...v.step], loss: [...v.loss] } : undefined,
			earlyStop: options.earlyStop ? { ...options.earlyStop } : undefined,
			epoch: options.epoch,
			paused: options.paused,
			temperature: this.#temperature,
			horizon: this.#horizon,
			...(options.quiet ? { quiet: true } : {})
		};
		if (options.paused) {
			releaseThread(this);
			this.#send(message);
		} else {
			claimThread(this, () => this.#send(message));
			// Replaced while the new run waits for a thread: the old one must not train meanwhile.
			if (wasTraining && !training.has(this)) this.#send({ type: 'stop' });
		}
	}

	pause(): void {
		if (this.status !== 'running' && this.status !== 'starting') return;
		this.status = 'paused';
		this.#send({ type: 'pause' });
		releaseThread(this);
	}

	resume(): void {
		if (this.status !== 'paused') return;
		this.status = 'running';
		claimThread(this, () => this.#send({ type: 'resume' }));
	}

	stepOnce(): void {
		if (!this.active || this.queued) return;
		this.status = 'paused';
		this.#send({ type: 'step' });
	}

	stop(): void {
		if (!this.active) return;
		this.status = 'stopped';
		this.stepsPerSec = 0;
		this.#send({ type: 'stop' });
		releaseThread(this);
	}

	setLearningRate(lr: number): void {
		if (this.config) this.config = { ...this.config, lr };
		if (this.active) this.#send({ type: 'set-lr', lr });
	}

	requestSamples(temperature: number): void {
		this.#temperature = temperature;
		if (this.status !== 'idle' && this.status !== 'error') this.#send({ type: 'samples', temperature });
	}

	/** Steps of the recursive forecast (sine task) this and later evaluations include; 0 = none. */
	requestForecast(horizon: number): void {
		this.#horizon = horizon;
		if (this.status !== 'idle' && this.status !== 'error') this.#send({ type: 'forecast', horizon });
	}

	/** The run as `unrolled-run/1` JSON text, made by the worker (which holds the weights); `points` thins its history. */
	snapshot(name: string, timeoutMs = 10_000, points?: number): Promise<string> {
		if (!this.#worker || this.status === 'idle') return Promise.reject(new Error('There is no run to save yet: train first.'));
		return this.#ask('snapshot', (id) => ({ type: 'snapshot', id, name, ...(points ? { points } : {}) }), timeoutMs);
	}

	/**
	 * The gradient each layer receives on held-out sequences, measured by the worker: of the
	 * untrained network `config` starts from, or (without it) of the run's weights now. Asked
	 * apart from any run, so a run started meanwhile does not drop the answer.
	 */
	gradients(config?: TrainConfig, timeoutMs = 30_000): Promise<LayerGradientReport> {
		return this.#ask('gradients', (id) => ({ type: 'gradients', id, ...(config ? { config: { ...config } } : {}) }), timeoutMs);
	}

	/** A generation by the worker with the run's weights now, and their step (the page only shows it). */
	generate(options: GenerateOptions, timeoutMs = 10_000): Promise<Generated> {
		return this.#ask('generate', (id) => ({ type: 'generate', id, ...options, prime: [...options.prime] }), timeoutMs);
	}

	/** Sends a request the worker answers by its id, and waits for the answer (or the time limit). */
	#ask<T>(kind: Request['kind'], message: (id: number) => ToWorker, timeoutMs: number): Promise<T> {
		return new Promise((resolve, reject) => {
			const id = this.#nextRequest++;
			const timer = setTimeout(() => {
				this.#requests.delete(id);
				reject(new Error('The training worker did not answer in time; try again.'));
			}, timeoutMs);
			this.#requests.set(id, {
				kind,
				resolve: (value) => (clearTimeout(timer), resolve(value as T)),
				reject: (error) => (clearTimeout(timer), reject(error))
			});
			this.#send(message(id));
		});
	}

	/** Settles the request `id` (an answer to an earlier page's request is ignored). */
	#answer(id: number, value: unknown, error?: string): void {
		const waiting = this.#requests.get(id);
		this.#requests.delete(id);
		if (error === undefined) waiting?.resolve(value);
		else waiting?.reject(new Error(error));
	}

	/** Forgets the run (the worker keeps nothing the page shows). */
	reset(): void {
		if (this.active) this.#send({ type: 'stop' });
		releaseThread(this);
		this.#run++;
		this.#pending = [];
		this.#pendingValidation = [];
		this.#latest = null;
		this.#history = { step: [], loss: [], gradNorm: [] };
		this.#validation = { step: [], loss: [] };
		this.earlyStop = null;
		this.status = 'idle';
		this.step = 0;
		this.epoch = 0;
		this.loss = null;
		this.gradNorm = null;
		this.stepsPerSec = 0;
		this.lastStepsPerSec = 0;
		this.evaluation = null;
		this.info = null;
		this.error = null;
		this.config = null;
		this.revision++;
	}

	#fail(message: string): void {
		releaseThread(this);
		this.#flush();
		this.status = 'error';
		this.stepsPerSec = 0;
		this.error = message;
	}

	#receive(message: FromWorker): void {
		if (!message) return;
		if (message.type === 'gradients' || message.type === 'generated') return 'message' in message ? this.#answer(message.id, null, message.message) : this.#answer(message.id, message.type === 'gradients' ? message.report : { steps: message.steps, step: message.step });
		if (message.run !== this.#run) return;
		switch (message.type) {
			case 'ready':
				this.info = message.info;
				if (message.validation) {
					this.#validation = { step: [...message.validation.step], loss: [...message.validation.loss] };
					this.revision++;
				}
				if (this.status === 'starting') this.status = 'running';
				return;
			case 'progress':
				this.#pending.push(message.points);
				if (message.validation) this.#pendingValidation.push(message.validation);
				this.#latest = message;
				if (this.#frame === null) this.#frame = this.#frames.request(() => this.#flush());
				return;
			case 'evaluation':
				this.evaluation = message.evaluation;
				return;
			case 'paused':
				if (this.status === 'running' || this.status === 'starting') this.status = 'paused';
				releaseThread(this);
				return;
			case 'done':
				releaseThread(this);
				this.#flush();
				this.status = message.reason === 'stopped' ? 'stopped' : 'done';
				this.earlyStop = message.earlyStop ?? null;
				this.stepsPerSec = 0;
				// At once: the page shows the finished run whole (its last loss with its accuracy).
				this.#bumpRevision(true);
				return;
			case 'snapshot':
				return this.#answer(message.id, message.text);
			case 'error': {
				// The worker answers a snapshot it cannot make with an error (there is no run yet).
				const snapshots = [...this.#requests].filter(([, waiting]) => waiting.kind === 'snapshot');
				if (snapshots.length && !this.active) {
					for (const [id] of snapshots) this.#answer(id, null, message.message);
					return;
				}
				this.#fail(message.message);
				return;
			}
		}
	}

	/** Applies buffered progress: once per animation frame at most. */
	#flush(): void {
		if (this.#frame !== null) this.#frames.cancel(this.#frame);
		this.#frame = null;
		const latest = this.#latest;
		if (!latest && this.#pending.length === 0) return;
		const h = this.#history;
		for (const batch of this.#pending) {
			for (let i = 0; i < batch.step.length; i++) {
				h.step.push(batch.step[i]);
				h.loss.push(batch.loss[i]);
				h.gradNorm.push(batch.gradNorm[i]);
			}
		}
		this.#pending = [];
		for (const batch of this.#pendingValidation) {
			this.#validation.step.push(...batch.step);
			this.#validation.loss.push(...batch.loss);
		}
		this.#pendingValidation = [];
		this.#latest = null;
		if (latest) {
			this.step = latest.step;
			this.epoch = latest.epoch;
			this.loss = latest.loss;
			this.gradNorm = latest.gradNorm;
			if (this.status === 'running') {
				this.stepsPerSec = latest.stepsPerSec;
				if (latest.stepsPerSec > 0) this.lastStepsPerSec = latest.stepsPerSec;
			}
		}
		this.#bumpRevision(this.status !== 'running' && this.status !== 'starting');
	}

	#bumpRevision(now: boolean): void {
		this.#charts.request(this.#bump, now);
	}
}

/**
 * The training worker. It only passes messages to and from `training.ts`, and trains in short
 * time slices with a yield in between, so that pause, stop and learning-rate messages are read
 * within one slice (≤ 15 ms of work plus one step). Evaluations also run in slices, between
 * training slices.
 *
 * The handler is exported and takes its port, clock and scheduler as arguments, so Node tests
 * drive exactly this logic with a fake port; the bottom of the file connects it to the worker.
 */
import { toBatch, type Evaluation, type FromWorker, type Point, type ToWorker } from './protocol';
import { downsampleHistory, runFileOf, serializeRunFile } from '$lib/training/run-file';
import { TrainingError, checkConfig } from '$lib/training/config';
import { createSession, type Session } from '$lib/training/session';
import type { EvaluationJob } from '$lib/training/evaluation';
import { fromJSON, sampleTrace } from '$lib/engine';
import { createClassifyJob, type ClassifyJob } from '$lib/activity/stepwise';
import { seededNetwork } from '$lib/training/network';
import { runGradients } from '$lib/training/layer-gradients';

export interface Port {
	postMessage(message: FromWorker): void;
}

export interface HandlerOptions {
	/** Milliseconds, monotonic. */
	now?: () => number;
	/** Runs `task` soon, after pending messages (a yield to the event loop). */
	schedule?: (task: () => void) => void;
	/** Work per slice before yielding, in ms. */
	sliceMs?: number;
	/** Least time between periodic evaluations while training, in ms. */
	evaluateEveryMs?: number;
	/** Least time between progress messages while training, in ms (default 250: four a second,
	 * as often as a reader can follow a changing number; each message costs the page a layout and
	 * a paint, a quarter of its time at ten a second on a slow phone. Pause, stop, a single step
	 * and the end send at once). */
	progressEveryMs?: number;
}

type Mode = 'idle' | 'running' | 'paused' | 'finished' | 'failed';

function messageOf(error: unknown): string {
	if (error instanceof TrainingError) return error.message;
	const text = error instanceof Error ? error.message : String(error);
	return `Training stopped: ${text}`;
}

const plainMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTrainerHandler(port: Port, options: HandlerOptions = {}): (message: ToWorker) => void {
	const now = options.now ?? (() => performance.now());
	const schedule = options.schedule ?? ((task: () => void) => setTimeout(task, 0));
	const sliceMs = options.sliceMs ?? 12;
	const evaluateEveryMs = options.evaluateEveryMs ?? 1000;
	const progressEveryMs = options.progressEveryMs ?? 250;

	let session: Session | null = null;
	let run = 0;
	let mode: Mode = 'idle';
	let temperature = 1;
	let horizon = 0;
	let quiet = false;
	let scheduled = false;
	let pending: Point[] = [];
	// Validation points already sent to the page.
	let validationSent = 0;
	let evaluating: { job: EvaluationJob; started: number; then?: () => void } | null = null;
	let lastEvaluation: Evaluation | null = null;
	let lastEvaluationAt = 0;
	let evaluationCost = 0;
	let lastProgressAt = -Infinity;
	// Speed over a sliding window of (time, step) marks.
	let marks: { time: number; step: number }[] = [];

	const post = (message: FromWorker) => port.postMessage(message);

	function stepsPerSec(): number {
		if (!session || marks.length < 2) return 0;
		const first = marks[0];
		const last = marks[marks.length - 1];
		const seconds = (last.time - first.time) / 1000;
		return seconds > 0 ? (last.step - first.step) / seconds : 0;
	}

	function mark() {
		if (!session) return;
		const time = now();
		marks.push({ time, step: session.step });
		while (marks.length > 2 && time - marks[0].time > 1500) marks.shift();
	}

	function flushProgress() {
		if (!session || pending.length === 0) return;
		lastProgressAt = now();
		const last = pending[pending.length - 1];
		const v = session.validation;
		const validation = v.step.length > validationSent ? { step: v.step.slice(validationSent), loss: v.loss.slice(validationSent) } : undefined;
		validationSent = v.step.length;
		post({
			type: 'progress',
			run,
			step: session.step,
			epoch: session.epoch,
			loss: last.loss,
			gradNorm: last.gradNorm,
			stepsPerSec: stepsPerSec(),
			points: toBatch(pending),
			...(validation ? { validation } : {})
		});
		pending = [];
	}

	function fail(error: unknown) {
		flushProgress();
		mode = 'failed';
		evaluating = null;
		post({ type: 'error', run, message: messageOf(error) });
	}

	/** The end of a run's budget, or of its patience: evaluated (best weights, after early stopping), then done. */
	function finish() {
		mode = 'finished';
		const current = run;
		const ended = session;
		evaluate(() =>
			post(
				ended?.earlyStop
					? { type: 'done', run: current, reason: 'early', step: ended.step, earlyStop: { ...ended.earlyStop } }
					: { type: 'done', run: current, reason: 'budget', step: ended?.step ?? 0 }
			)
		);
	}

	function evaluate(then?: () => void) {
		if (!session) return;
		evaluating = { job: session.evaluation(temperature, horizon), started: now(), then };
		wake();
	}

	function wake() {
		if (scheduled) return;
		scheduled = true;
		schedule(tick);
	}

	function tick() {
		scheduled = false;
		if (!session) return;
		const deadline = now() + sliceMs;
		const late = () => now() >= deadline;
		if (evaluating) {
			let result: Evaluation | null;
			try {
				result = evaluating.job.advance(late);
			} catch (error) {
				return fail(error);
			}
			if (!result) return wake();
			const { then, started } = evaluating;
			evaluating = null;
			evaluationCost = now() - started;
			lastEvaluation = result;
			lastEvaluationAt = now();
			post({ type: 'evaluation', run, evaluation: result });
			then?.();
			if (mode !== 'running' || late()) {
				if (mode === 'running') wake();
				return;
			}
		}
		if (mode !== 'running') return;
		try {
			do pending.push(...session.runSteps(1));
			while (!late() && !session.finished);
		} catch (error) {
			return fail(error);
		}
		mark();
		// Progress is batched: about a dozen messages a second are plenty for the page.
		if (session.finished || now() - lastProgressAt >= progressEveryMs) flushProgress();
		if (session.finished) return finish();
		// Evaluate now and then, taking at most about a fifth of the time.
		if (!quiet && now() - lastEvaluationAt >= Math.max(evaluateEveryMs, 4 * evaluationCost)) evaluate();
		else wake();
	}

	function start(message: Extract<ToWorker, { type: 'start' }>) {
		session = null;
		evaluating = null;
		lastEvaluation = null;
		pending = [];
		marks = [];
		validationSent = 0;
		run = message.run;
		temperature = message.temperature ?? 1;
		horizon = message.horizon ?? 0;
		quiet = message.quiet === true;
		mode = 'idle';
		try {
			session = createSession(message.config, {
				network: message.network,
				history: message.history,
				validation: message.validation,
				earlyStop: message.earlyStop,
				epoch: message.epoch
			});
		} catch (error) {
			return fail(error);
		}
		const v = session.validation;
		validationSent = v.step.length;
		post({ type: 'ready', run, info: session.info, step: session.step, ...(v.step.length ? { validation: { step: [...v.step], loss: [...v.loss] } } : {}) });
		mark();
		lastEvaluationAt = now();
		if (session.finished) finish();
		else if (message.paused) {
			mode = 'paused';
			evaluate(() => post({ type: 'paused', run, step: session?.step ?? 0 }));
		} else {
			mode = 'running';
			wake();
		}
	}

	function pause() {
		if (mode !== 'running' || !session) return;
		mode = 'paused';
		flushProgress();
		marks = [];
		post({ type: 'paused', run, step: session.step });
		evaluate();
	}

	// The recorder's classification: its own slices, beside (never inside) a run's.
	let classifying: { id: number; job: ClassifyJob; reportedAt: number } | null = null;

	function classify(message: Extract<ToWorker, { type: 'classify' }>) {
		classifying = null;
		try {
			const job = createClassifyJob(fromJSON(message.network), message.xyz, message.rate);
			classifying = { id: message.id, job, reportedAt: now() };
		} catch (error) {
			post({ type: 'classify-error', run: 0, id: message.id, message: plainMessage(error) });
			return;
		}
		schedule(classifyTick);
	}

	function classifyTick() {
		const current = classifying;
		if (!current) return;
		const deadline = now() + sliceMs;
		let predicted: Int8Array | null;
		try {
			predicted = current.job.advance(() => now() >= deadline);
		} catch (error) {
			classifying = null;
			post({ type: 'classify-error', run: 0, id: current.id, message: plainMessage(error) });
			return;
		}
		if (predicted) {
			classifying = null;
			post({ type: 'classified', run: 0, id: current.id, predicted });
			return;
		}
		if (now() - current.reportedAt >= progressEveryMs) {
			current.reportedAt = now();
			post({ type: 'classify-progress', run: 0, id: current.id, fraction: current.job.fraction });
		}
		schedule(classifyTick);
	}

	// Answered apart from the run: a failed measurement must not end the run it is about.
	function measureGradients({ id, config }: Extract<ToWorker, { type: 'gradients' }>) {
		try {
			if (config) {
				const checked = checkConfig(config);
				return post({ type: 'gradients', run, id, report: runGradients(seededNetwork(checked), checked) });
			}
			if (!session) return post({ type: 'gradients', run, id, message: 'There is no run to measure yet: train first.' });
			post({ type: 'gradients', run, id, report: runGradients(session.network, session.config) });
		} catch (error) {
			const text = error instanceof Error ? error.message : String(error);
			post({ type: 'gradients', run, id, message: error instanceof TrainingError ? text : `The gradients could not be measured: ${text}` });
		}
	}

	return (message: ToWorker) => {
		if (!message || typeof message !== 'object') return;
		try {
			switch (message.type) {
				case 'start':
					return start(message);
				case 'pause':
					return pause();
				case 'resume':
					if (mode === 'paused' && session && !session.finished) {
						mode = 'running';
						marks = [];
						mark();
						wake();
					}
					return;
				case 'step': {
					if (!session || (mode !== 'paused' && mode !== 'running')) return;
					if (mode === 'running') pause();
					try {
						pending.push(...session.runSteps(1));
					} catch (error) {
						return fail(error);
					}
					flushProgress();
					if (session.finished) finish();
					else evaluate();
					return;
				}
				case 'stop':
					if (!session || (mode !== 'running' && mode !== 'paused')) return;
					mode = 'finished';
					flushProgress();
					post({ type: 'done', run, reason: 'stopped', step: session.step });
					evaluate();
					return;
				case 'set-lr':
					if (!session) return;
					try {
						session.setLearningRate(message.lr);
					} catch (error) {
						post({ type: 'error', run, message: messageOf(error) });
					}
					return;
				case 'samples': {
					temperature = message.temperature;
					if (!session) return;
					const samples = session.samples(message.temperature);
					if (!samples) return;
					lastEvaluation = { ...(lastEvaluation ?? { step: session.step }), samples };
					post({ type: 'evaluation', run, evaluation: lastEvaluation });
					return;
				}
				case 'forecast': {
					horizon = message.horizon;
					const forecast = lastEvaluation?.forecast;
					if (!session || !forecast) return;
					const recursive = session.forecastAhead(horizon, forecast.forecast) ?? undefined;
					lastEvaluation = { ...(lastEvaluation as Evaluation), forecast: { ...forecast, recursive } };
					post({ type: 'evaluation', run, evaluation: lastEvaluation });
					return;
				}
				case 'classify':
					return classify(message);
				case 'cancel-classify':
					if (classifying?.id === message.id) classifying = null;
					return;
				case 'snapshot': {
					if (!session) {
						post({ type: 'error', run, message: 'There is no run to save yet: train first.' });
						return;
					}
					const file = runFileOf(session, message.name);
					if (message.points) file.history = downsampleHistory(file.history, message.points);
					post({ type: 'snapshot', run, id: message.id, text: serializeRunFile(file) });
					return;
				}
				case 'gradients':
					return measureGradients(message);
				case 'generate': {
					const { id, prime, length, temperature, seed } = message;
					if (!session) return post({ type: 'generated', run, id, message: 'There are no weights yet: train first.' });
					// A bad request is answered as such: it must not end the run.
					try {
						return post({ type: 'generated', run, id, steps: sampleTrace(session.network, { prime, length, temperature, seed }), step: session.step });
					} catch (error) {
						return post({ type: 'generated', run, id, message: messageOf(error) });
					}
				}
			}
		} catch (error) {
			post({ type: 'error', run, message: messageOf(error) });
		}
	};
}

/** A yield to the event loop without setTimeout's 4 ms clamp: a message to ourselves. */
function messageChannelScheduler(): (task: () => void) => void {
	const channel = new MessageChannel();
	const queue: (() => void)[] = [];
	channel.port1.onmessage = () => queue.shift()?.();
	return (task) => {
		queue.push(task);
		channel.port2.postMessage(null);
	};
}

// Connect to the worker's own port, only when running as a worker (not when a test imports this).
const scope = globalThis as unknown as {
	WorkerGlobalScope?: unknown;
	postMessage(message: FromWorker): void;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
if (typeof scope.WorkerGlobalScope !== 'undefined' && typeof MessageChannel !== 'undefined') {
	const handle = createTrainerHandler({ postMessage: (message) => scope.postMessage(message) }, { schedule: messageChannelScheduler() });
	scope.onmessage = (event) => handle(event.data);
}

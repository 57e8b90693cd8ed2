/**
 * Evaluating a run's current weights on its task's test set, in slices the worker can interleave
 * with training: accuracy and the confusion matrix (counted here, scored by the data module's
 * `classMetrics`), one-step and recursive forecasts, and character samples. Every prediction comes
 * from the engine.
 */
import { createStepper, gradientReach, predict, sample, type Network } from '$lib/engine';
import { classMetrics } from '$lib/engine/data';
import type { ClassReport, Evaluation, RecursiveReport, SampleReport, TrainConfig } from '$lib/worker/protocol';
import { forecastReport, recursiveReport } from './forecast';
import type { Item, TaskSetup } from './tasks';

/**
 * An evaluation that can run in slices: `advance` works until `shouldYield()` says so and returns
 * the result once everything is done (null until then). Weights must not change in between.
 */
export interface EvaluationJob {
	advance(shouldYield: () => boolean): Evaluation | null;
}

function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

function classReport(confusion: number[][], classNames: string[], chance: number): ClassReport {
	const { accuracy, perClass, count } = classMetrics(confusion);
	return { accuracy, chance, classNames, perClass, confusion, count };
}

/** Greedy and temperature samples of a `char` model; null for other tasks. */
export function samplesOf(network: Network, task: TaskSetup, config: TrainConfig, step: number, temperature: number): SampleReport | null {
	const chars = task.chars;
	if (!chars) return null;
	const t = Number.isFinite(temperature) && temperature > 0 ? Math.min(temperature, 10) : 1;
	// Greedy: always the most likely next character, fed back in.
	const stepper = createStepper(network);
	let y = stepper.step(chars.prime);
	const greedy: number[] = [];
	for (let i = 0; i < chars.greedyLength; i++) {
		const next = argmax(y);
		greedy.push(next);
		y = stepper.step(next);
	}
	const drawn = sample(network, { prime: [chars.prime], length: chars.sampleLength, temperature: t, seed: `${config.seed}/sample/${step}` });
	const text = (ids: number[]) => ids.map((id) => chars.tokens[id]).join('');
	return { prime: chars.tokens[chars.prime], greedy: text(greedy), sampled: text(drawn), temperature: t };
}

/** The recursive forecast of a `sine` task beside its one-step forecasts; null for other tasks or horizon 0. */
export function forecastAheadOf(network: Network, task: TaskSetup, horizon: number, oneStep: number[]): RecursiveReport | null {
	return task.forecastTest ? recursiveReport(network, task.forecastTest, oneStep, horizon) : null;
}

/** Sequences the gradient-reach report averages over. */
const REACH_SEQUENCES = 8;

/** Mean ‖∂L/∂h_k‖ over the first training sequences of the first one's length (the engine's gradientReach). */
function reachOf(network: Network, train: readonly Item[]): number[] {
	const first = train[0];
	if (!first) return [];
	const same = train.filter((item) => item.inputs.steps === first.inputs.steps).slice(0, REACH_SEQUENCES);
	const mean = new Array<number>(first.inputs.steps + 1).fill(0);
	for (const item of same) gradientReach(network, item.inputs, item.loss).forEach((v, k) => (mean[k] += v / same.length));
	return mean;
}

/** The test-set evaluation of the weights at `step`, runnable in slices. */
export function createEvaluation(network: Network, task: TaskSetup, config: TrainConfig, step: number, temperature = 1, horizon = 0): EvaluationJob {
	const result: Evaluation = { step };
	const { classTest, forecastTest } = task;
	let i = 0;
	const k = classTest?.classNames.length ?? 0;
	const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	const forecasts: number[] = [];
	return {
		advance(shouldYield) {
			if (task.chars && !result.samples) result.samples = samplesOf(network, task, config, step, temperature) ?? undefined;
			if (classTest) {
				while (i < classTest.items.length) {
					const item = classTest.items[i++];
					const outputs = predict(network, item.inputs);
					confusion[item.label][argmax(outputs[outputs.length - 1])]++;
					if (shouldYield() && i < classTest.items.length) return null;
				}
				result.classes = classReport(confusion, classTest.classNames, classTest.chance);
			}
			if (forecastTest) {
				while (i < forecastTest.items.length) {
					const outputs = predict(network, forecastTest.items[i++]);
					forecasts.push(outputs[outputs.length - 1][0]);
					if (shouldYield() && i < forecastTest.items.length) return null;
				}
				result.forecast = forecastReport(forecastTest, forecasts);
				const recursive = forecastAheadOf(network, task, horizon, result.forecast.forecast);
				if (recursive) result.forecast.recursive = recursive;
			}
			if (config.reach) result.reach = reachOf(network, task.train);
			return result;
		}
	};
}

/** Runs a whole evaluation at once (for tests and scripts). */
export function evaluateNow(session: { evaluation(temperature?: number, horizon?: number): EvaluationJob }, temperature = 1, horizon = 0): Evaluation {
	const job = session.evaluation(temperature, horizon);
	let result: Evaluation | null = null;
	while (!(result = job.advance(() => false)));
	return result;
}

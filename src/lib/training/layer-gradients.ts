/**
 * How much gradient each layer of a run's network receives (engine `layerGradientNorms`), on the
 * first held-out sequences of the echo task (the first of the worker's test set for the seed).
 * The training worker measures it, of the network a configuration starts from or of a run's
 * current weights (the depth comparison), so the page only draws the numbers; lessons measure the
 * same way when they are built.
 */
import { layerGradientNorms, type LayerGradientReport } from '$lib/engine/layer-gradients';
import type { Network } from '$lib/engine';
import { echoTask, toTrainingItems } from '$lib/engine/data';
import type { TrainConfig } from '$lib/worker/protocol';
import { TrainingError } from './config';

/** Held-out sequences the gradients are measured on: enough for a steady mean, few enough to be quick. */
export const GRADIENT_BATCH = 50;

/** Held-out echo sequences (the first of the worker's test set for this seed). */
export function gradientBatch(seed: number, count = GRADIENT_BATCH) {
	return toTrainingItems(echoTask({ count, seed: `${seed}/test` }));
}

/** Per-layer gradient norms of the mean loss over the held-out batch. */
export function gradientsOf(network: Network, seed: number): LayerGradientReport {
	return layerGradientNorms(network, gradientBatch(seed));
}

/** The same for a run of `config`: only the echo task has the held-out batch measured here. */
export function runGradients(network: Network, config: TrainConfig): LayerGradientReport {
	if (config.task !== 'echo') throw new TrainingError(`Gradients per layer are measured on the echo task, not on '${config.task}'.`);
	return gradientsOf(network, config.seed);
}
